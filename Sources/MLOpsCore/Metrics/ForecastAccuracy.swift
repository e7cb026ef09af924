/// How good the spend forecast was: what a forecast made halfway through a quarter
/// predicted for the whole quarter, against what was actually spent.
///
/// The forecast is the one the dashboard makes every day (see `BudgetStatus.forecast`):
/// spend to date plus the burn rate of the 7 days before, times the days left.
///
/// ```swift
/// let q2 = ForecastAccuracy.compute(costs: records.costs, quarter: Quarter(year: 2026, quarter: 2))
/// q2?.absolutePercentageError  // 0.04: the midpoint forecast was 4 % off
/// ```
public struct ForecastAccuracy: Sendable, Codable, Hashable {
    public var quarter: Quarter
    /// The forecast is made at the start (00:00 UTC) of this day: days before it are "to date".
    public var madeOn: Day
    /// Spend on the quarter's days before `madeOn`.
    public var spendToDate: Double
    /// Mean daily spend over the 7 days before `madeOn` (days without costs count as 0).
    public var burnRatePerDay: Double
    /// Days of the quarter from `madeOn` to its end, inclusive of `madeOn`.
    public var remainingDays: Int
    /// spendToDate + burnRatePerDay × remainingDays.
    public var forecast: Double
    /// Spend on all of the quarter's days.
    public var actual: Double

    /// Forecast minus actual: positive when the forecast was too high.
    public var error: Double { forecast - actual }
    /// |forecast − actual| ÷ actual; nil when nothing was spent.
    public var absolutePercentageError: Double? { actual > 0 ? abs(error) / actual : nil }
}

extension ForecastAccuracy {
    /// The midpoint day of a quarter: its first day plus half its days, rounded down
    /// (2026-Q2 has 91 days: 2026-04-01 + 45 = 2026-05-16).
    public static func midpoint(of quarter: Quarter) -> Day {
        quarter.firstDay.advanced(by: quarter.window.days.count / 2)
    }

    /// The midpoint forecast for `quarter` against its actual spend.
    ///
    /// - Parameter costs: cost entries covering the quarter and the 7 days before its
    ///   midpoint (already narrowed to the subject); others are ignored.
    /// - Returns: nil when there are no costs in the quarter at all.
    public static func compute(costs: [CostEntry], quarter: Quarter) -> ForecastAccuracy? {
        compute(daily: Money.totals(costs) { $0.date }, quarter: quarter)
    }

    /// The same from daily totals (in whole cents, see `Money`), summed day by day in order.
    ///
    /// `charges` are the daily totals without credits, for the burn rate (a credit is a
    /// one-off, not a run rate; docs/METRICS.md, Finance); nil reads the burn from `daily`.
    public static func compute(daily: [Day: Double], charges: [Day: Double]? = nil, quarter: Quarter) -> ForecastAccuracy? {
        let window = quarter.window
        let inQuarter = daily.filter { window.contains($0.key) }.sorted { $0.key < $1.key }
        guard !inQuarter.isEmpty else { return nil }
        let madeOn = midpoint(of: quarter)
        let burnDays = madeOn.advanced(by: -7)..<madeOn
        let toDate = Money.amount(inQuarter.filter { $0.key < madeOn }.reduce(Int64(0)) { $0 + Money.cents($1.value) })
        let burn = Money.amount((charges ?? daily).filter { burnDays.contains($0.key) }.reduce(Int64(0)) { $0 + Money.cents($1.value) }) / 7
        let remaining = madeOn.distance(to: quarter.endDay)
        let actual = Money.amount(inQuarter.reduce(Int64(0)) { $0 + Money.cents($1.value) })
        return ForecastAccuracy(quarter: quarter, madeOn: madeOn, spendToDate: toDate, burnRatePerDay: burn,
                                remainingDays: remaining, forecast: toDate + burn * Double(remaining), actual: actual)
    }
}

/// One month's spend against its budget, for one scope (the organisation or a team).
public struct MonthlySpend: Sendable, Codable, Hashable {
    public var month: Month
    public var spend: Double
    /// The month's budget for the scope: its own, else its days' share of the quarter's
    /// budget (`budgetIsProrated`); nil when neither was set.
    public var budget: Double?
    public var budgetIsProrated: Bool
    public var isOver: Bool { budget.map { spend > $0 } ?? false }
}

extension Finance {
    /// Spend and budget per month for `scope` (`Budget.organisationScope` or a team name);
    /// a month without its own budget gets its days' share of its quarter's budget.
    ///
    /// - Parameter records: records already narrowed to the subject (`RecordSet.filtered`),
    ///   so their costs are the scope's costs.
    public static func monthly(records: RecordSet, months: [Month], scope: String) -> [MonthlySpend] {
        monthly(daily: Money.totals(records.costs) { $0.date }, budgets: records.budgets, months: months, scope: scope)
    }

    /// The same from daily totals (in whole cents, see `Money`) and the scope's budgets.
    public static func monthly(daily: [Day: Double], budgets: [Budget], months: [Month], scope: String) -> [MonthlySpend] {
        return months.map { m in
            let w = m.window
            let spend = Money.amount(daily.reduce(Int64(0)) { w.contains($1.key) ? $0 + Money.cents($1.value) : $0 })
            if let own = budgetAmount(budgets, scope: scope, period: .month(m)) {
                return MonthlySpend(month: m, spend: spend, budget: own, budgetIsProrated: false)
            }
            let quarter = budgetAmount(budgets, scope: scope, period: .quarter(m.quarter))
                .map { $0 * Double(m.dayCount) / Double(m.quarter.window.days.count) }
            return MonthlySpend(month: m, spend: spend, budget: quarter, budgetIsProrated: quarter != nil)
        }
    }

    /// The budget for a scope and quarter: an explicit quarterly budget or the sum of its
    /// three monthly ones; nil when neither exists.
    public static func quarterBudget(records: RecordSet, quarter: Quarter, scope: String) -> Double? {
        budgetAmount(records.budgets, scope: scope, period: .quarter(quarter))
    }
}
