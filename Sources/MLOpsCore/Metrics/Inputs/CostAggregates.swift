/// What a cost line is summed under for a window: its team (its own, else its model's),
/// its model, its category, whether it is GPU spend on a failed run, and whether it is a
/// credit (a negative amount: a refund or credit from the invoice).
public struct CostKey: Hashable, Sendable {
    public var team: String?
    public var model: String?
    public var category: CostCategory
    public var failedRunGPU: Bool
    public var credit: Bool

    public init(team: String?, model: String?, category: CostCategory, failedRunGPU: Bool, credit: Bool = false) {
        self.team = team
        self.model = model
        self.category = category
        self.failedRunGPU = failedRunGPU
        self.credit = credit
    }
}

/// What a cost line is summed under per day: the team it names itself (triage's
/// anomaly scopes) and the team it is attributed to (budgets).
public struct DailyCostKey: Hashable, Sendable {
    public var day: Day
    public var team: String?
    public var attributedTeam: String?
    /// Negative lines (credits, refunds): budgets count them, run rates and anomalies do not.
    public var credit: Bool

    public init(day: Day, team: String?, attributedTeam: String?, credit: Bool = false) {
        self.day = day
        self.team = team
        self.attributedTeam = attributedTeam
        self.credit = credit
    }
}

/// What finance, triage and the report read of costs, in whole cents (see `Money`).
public struct CostAggregates: Hashable, Sendable {
    /// The currency of the earliest cost line read; nil when there is none.
    public var currency: String?
    public var current: [CostKey: Int64] = [:]
    public var previous: [CostKey: Int64] = [:]
    /// Every day of `MetricsQuery.detailDays` that has costs.
    public var daily: [DailyCostKey: Int64] = [:]

    public init() {}

    /// Adds a cost line; `attributedTeam` is its team, else its model's.
    public mutating func add(_ c: CostEntry, attributedTeam: String?, failedRun: Bool, query: MetricsQuery) {
        guard query.detailDays.contains(c.date) else { return }
        if currency == nil { currency = c.currency }
        let cents = Money.cents(c.amount)
        daily[DailyCostKey(day: c.date, team: c.team, attributedTeam: attributedTeam, credit: cents < 0), default: 0] += cents
        let key = CostKey(team: attributedTeam, model: c.model, category: c.category, failedRunGPU: c.category == .gpu && failedRun,
                          credit: cents < 0)
        if query.window.contains(c.date) { current[key, default: 0] += cents }
        if query.previous.contains(c.date) { previous[key, default: 0] += cents }
    }

    /// Daily totals in money, all lines or those `include` keeps.
    public func dailyAmounts(_ include: (DailyCostKey) -> Bool = { _ in true }) -> [Day: Double] {
        var cents: [Day: Int64] = [:]
        for (key, value) in daily where include(key) { cents[key.day, default: 0] += value }
        return cents.mapValues(Money.amount)
    }
}

/// What a maintenance entry is summed under: its week, team, system and category, and
/// whether its day had begun by `now` (weekly shares count only lived time).
public struct MaintenanceKey: Hashable, Sendable {
    public var week: Day
    public var team: String
    public var system: String?
    public var category: MaintenanceCategory
    public var begun: Bool

    public init(week: Day, team: String, system: String?, category: MaintenanceCategory, begun: Bool) {
        self.week = week
        self.team = team
        self.system = system
        self.category = category
        self.begun = begun
    }
}

/// What maintenance load reads of the work log: hours in millionths, so sums are exact
/// and do not depend on the order rows arrive in.
public struct MaintenanceAggregates: Hashable, Sendable {
    public var current: [MaintenanceKey: Int64] = [:]
    public var previous: [MaintenanceKey: Int64] = [:]

    public init() {}

    public mutating func add(_ e: MaintenanceEntry, query: MetricsQuery) {
        guard query.detailDays.contains(e.date) else { return }
        let micro = ExactHours.millionths(e.hours)
        let begun = e.date.start < max(query.now, query.window.start)
        let key = MaintenanceKey(week: e.date.startOfWeek, team: e.team, system: e.system, category: e.category, begun: begun)
        if query.window.contains(e.date) { current[key, default: 0] += micro }
        if query.previous.contains(e.date) { previous[key, default: 0] += micro }
    }

}
