extension Screen {
    /// The names `--screen` takes besides its number, as the tab bar and help call the screens.
    public var names: [String] {
        switch self {
        case .overview: return ["overview"]
        case .velocity: return ["velocity"]
        case .maintenance: return ["maintenance"]
        case .maturity: return ["maturity"]
        case .finance: return ["finance"]
        case .product: return ["product"]
        case .research: return ["research"]
        case .triage: return ["triage", "on-call", "on-call-triage"]
        case .dataHealth: return ["health", "data-health"]
        }
    }

    /// The screen a user names by its number (1–9) or one of its `names`, in any case,
    /// with spaces or hyphens alike ("Data health", "data-health").
    public static func named(_ text: String) -> Screen? {
        if let number = Int(text) { return Screen(rawValue: number) }
        let name = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: "-")
        return allCases.first { $0.names.contains(name) }
    }
}
