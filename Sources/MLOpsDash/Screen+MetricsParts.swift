import MLOpsCore

extension Screen {
    /// The parts of the metric input this screen is shown from: a load reads these first
    /// and shows the screen, then the rest for the others.
    public var metricParts: MetricsParts {
        switch self {
        // Velocity's, maintenance's and triage's tiles: six of its eight. Spend, maturity,
        // the runs trend, the attention list and the teams table follow with the rest, so
        // the screen a platform lead opens on answers without waiting for the costs' and
        // research's reads, the longest.
        case .overview: return MetricsParts.velocityParts.union(.maintenanceParts).union(.triageParts)
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

    /// Every part something on this screen is drawn from: more than `metricParts` only
    /// where the screen fills in as the rest arrives.
    public var completeParts: MetricsParts { self == .overview ? .all : metricParts }
}

extension PanelID {
    /// The parts this panel's table is built from: the Overview's attention list and
    /// teams table draw on every family.
    public var metricParts: MetricsParts { screen.completeParts }
}
