/// The span a budget covers.
public enum BudgetPeriod: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    case month(Month)
    case quarter(Quarter)

    /// Parses `2026-10` or `2026-Q4`.
    public init?(_ text: String) {
        if let q = Quarter(text) { self = .quarter(q) } else if let m = Month(text) { self = .month(m) } else { return nil }
    }

    public var window: TimeWindow {
        switch self {
        case .month(let m): return m.window
        case .quarter(let q): return q.window
        }
    }

    public var description: String {
        switch self {
        case .month(let m): return m.description
        case .quarter(let q): return q.description
        }
    }

    public static func < (a: BudgetPeriod, b: BudgetPeriod) -> Bool { a.window.start < b.window.start }
}

/// Money allowed for the organisation (`scope == "org"`) or one team in a period.
public struct Budget: Hashable, Sendable, Codable {
    public static let organisationScope = "org"

    public var scope: String
    public var period: BudgetPeriod
    public var amount: Double
    public var currency: String

    public init(scope: String, period: BudgetPeriod, amount: Double, currency: String) {
        self.scope = scope
        self.period = period
        self.amount = amount
        self.currency = currency
    }

    public var isOrganisation: Bool { scope == Budget.organisationScope }
}

extension Budget {
    /// The order budgets are listed in: by scope, then by period.
    public static func storeOrder(_ a: Budget, _ b: Budget) -> Bool { (a.scope, a.period.description) < (b.scope, b.period.description) }
}
