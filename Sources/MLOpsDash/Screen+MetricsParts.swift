import MLOpsCore

extension Screen {
    /// The parts of the metric input this screen's data is computed from: a load reads
    /// these first and shows the screen, then the rest for the others.
    public var metricParts: MetricsParts {
        switch self {
        // Every family's headline, and the attention list drawn from several.
        case .overview: return .all
        case .velocity: return .velocityParts
        case .maintenance: return .maintenanceParts
        case .maturity: return .maturityParts
        case .finance: return .financeParts
        case .product: return .productParts
        case .research: return .researchParts
        case .triage: return .triageParts
        case .dataHealth: return .dataHealthParts
        }
    }
}
