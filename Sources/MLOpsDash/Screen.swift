/// The dashboard's screens, numbered as the digit keys that switch to them.
public enum Screen: Int, CaseIterable, Sendable {
    case overview = 1, velocity, maintenance, maturity, finance, product, research, triage, dataHealth

    public var title: String {
        switch self {
        case .overview: return "Overview"
        case .velocity: return "Velocity"
        case .maintenance: return "Maintenance"
        case .maturity: return "Maturity"
        case .finance: return "Finance"
        case .product: return "Product"
        case .research: return "Research"
        case .triage: return "On-call triage"
        case .dataHealth: return "Data health"
        }
    }
}
