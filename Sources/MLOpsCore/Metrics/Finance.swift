/// Spend, budgets and where the money goes: the finance persona's view.
public struct Finance: Sendable, Codable, Hashable {
    public var currency: String?
    /// Net spend: charges plus credits (credits and refunds are negative cost lines), so
    /// it equals what was invoiced.
    public var spend: MetricValue
    /// Charges alone, before credits.
    public var grossSpend: MetricValue
    /// Credits and refunds, as a negative amount (0 when there were none).
    public var credits: MetricValue
    /// The month and quarter containing the reference day, against their budgets.
    public var budgets: [BudgetStatus]
    /// For the whole organisation: each team's month and quarter against its own budget,
    /// because an org total on track can hide one team far over.
    public var teamBudgets: [BudgetStatus]
    /// Mean daily spend over the last 7 days up to now: the current run rate.
    public var burnRatePerDay: Double?
    public var byCategory: [Breakdown]
    public var byTeam: [Breakdown]
    public var byModel: [Breakdown]
    public var gpuShare: MetricValue
    /// Each production model's cost in the window, with its cost per 1,000 predictions.
    public var modelCosts: [ModelCost]
    public var costPerProductionModel: MetricValue
    /// Serving cost ÷ requests × 1,000.
    public var costPer1kPredictions: MetricValue
    public var failedRunGPUSpend: MetricValue
    public var anomalies: [CostAnomaly]
    public var topMovers: [Breakdown]
    public var daily: [DailyAmount]

    public struct Breakdown: Sendable, Codable, Hashable {
        public var name: String
        public var amount: Double
        public var previousAmount: Double
        public var change: Double { amount - previousAmount }
        /// More than the previous window's × `MetricsConfiguration.spendSurge`, where the
        /// previous window had some.
        public var isSurging: Bool = false
    }

    public struct ModelCost: Sendable, Codable, Hashable {
        public var model: String
        public var team: String
        public var amount: Double
        public var requests: Int
        public var per1kPredictions: Double?
    }

    public struct DailyAmount: Sendable, Codable, Hashable {
        public var day: Day
        public var amount: Double
    }
}

/// A budget period's spend so far and where it is heading.
public struct BudgetStatus: Sendable, Codable, Hashable {
    public var scope: String
    public var period: BudgetPeriod
    public var budget: Double
    public var spent: Double
    /// Spent so far plus the burn rate for the days left.
    public var forecast: Double
    /// The day spend passed (or, at the current burn, will pass) the budget; nil if it will not.
    public var runsOutOn: Day?
    public var daysElapsed: Int
    public var daysTotal: Int
    public var isOver: Bool { spent > budget }
    public var forecastOver: Bool { forecast > budget }
}

/// A day whose spend stands out from the others.
public struct CostAnomaly: Sendable, Codable, Hashable {
    public var day: Day
    public var scope: String
    public var amount: Double
    public var baselineMedian: Double
    /// median + k × 1.4826 × MAD: above this a day is anomalous.
    public var threshold: Double
}

extension Finance {
    /// Finance for the subject in `records` (already filtered), over `window` vs `previous`.
    ///
    /// `records` must cover the budget month and quarter containing the reference day
    /// and the 7 days before `now`, beyond the window itself.
    public static func compute(records: RecordSet, window: TimeWindow, previous: TimeWindow, now: Instant,
                               budgetScope: String?, anomalyK: Double = 3) -> Finance {
        var configuration = MetricsConfiguration()
        configuration.anomalyK = anomalyK
        let query = MetricsQuery(window: window, previous: previous, windowLabel: "", now: now,
                                 filter: SubjectFilter(team: budgetScope), configuration: configuration)
        return compute(MetricsInput(records: records, history: ModelHistory(), query: query), query)
    }

    /// The currency money is shown in: the first cost line's, else the first budget's.
    /// Both cost parts read it (`.costs`, `.dailyCosts`).
    public static func shownCurrency(_ input: MetricsInput) -> String? {
        input.costs.currency ?? input.records.budgets.first?.currency
    }

    /// Finance for the query's subject, window and previous window.
    public static func compute(_ input: MetricsInput, _ query: MetricsQuery) -> Finance {
        let records = input.records, costs = input.costs
        let window = query.window, previous = query.previous, now = query.now
        let budgetScope = query.filter.team, anomalyK = query.configuration.anomalyK
        let current = costs.current, before = costs.previous
        let currency = shownCurrency(input)
        let hasData = !current.isEmpty || !before.isEmpty
        func total(_ groups: [CostKey: Int64], _ include: (CostKey) -> Bool = { _ in true }) -> Double {
            Money.amount(groups.reduce(0) { include($1.key) ? $0 + $1.value : $0 })
        }
        func totals(_ groups: [CostKey: Int64], by key: (CostKey) -> String?) -> [String: Double] {
            var cents: [String: Int64] = [:]
            for (k, v) in groups { if let name = key(k) { cents[name, default: 0] += v } }
            return cents.mapValues(Money.amount)
        }
        let sum = total(current), sumBefore = total(before)
        let modelTeam = Dictionary(records.models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })

        func breakdown(_ key: (CostKey) -> String?) -> [Breakdown] {
            let a = totals(current, by: key), b = totals(before, by: key)
            return Set(a.keys).union(b.keys).map { name in
                let now = a[name] ?? 0, before = b[name] ?? 0
                return Breakdown(name: name, amount: now, previousAmount: before,
                                 isSurging: before > 0 && now > before * query.configuration.spendSurge)
            }
                .sorted { ($0.amount, $1.name) > ($1.amount, $0.name) }
        }

        // Daily totals of the whole detail range feed the burn rate and the budget forecast.
        // Budgets count what was spent net of credits; the run rate and anomalies read
        // charges alone, since a credit is a one-off that says nothing of tomorrow's bill.
        let dailyTotals = costs.dailyAmounts()
        let dailyCharges = costs.dailyAmounts { !$0.credit }
        let today = now.day
        let last7 = (1...7).map { today.advanced(by: -$0) }
        let burn: Double? = costs.daily.isEmpty ? nil : last7.reduce(0) { $0 + (dailyCharges[$1] ?? 0) } / 7

        let reference = min(today, Instant(seconds: window.end.seconds - 1).day)
        var statuses: [BudgetStatus] = []
        for period in [BudgetPeriod.month(Month(containing: reference)), .quarter(Quarter(containing: reference))] {
            guard let amount = budgetAmount(records.budgets, scope: budgetScope, period: period) else { continue }
            statuses.append(status(scope: budgetScope ?? Budget.organisationScope, period: period, budget: amount,
                                   daily: dailyTotals, today: today, burn: burn ?? 0))
        }

        var teamStatuses: [BudgetStatus] = []
        if budgetScope == nil {
            let teams = Set(records.budgets.filter { !$0.isOrganisation }.map(\.scope)).sorted()
            for team in teams {
                let teamDaily = costs.dailyAmounts { $0.attributedTeam == team }
                let teamCharges = costs.dailyAmounts { $0.attributedTeam == team && !$0.credit }
                let teamBurn = last7.reduce(0) { $0 + (teamCharges[$1] ?? 0) } / 7
                for period in [BudgetPeriod.month(Month(containing: reference)), .quarter(Quarter(containing: reference))] {
                    guard let amount = budgetAmount(records.budgets, scope: team, period: period) else { continue }
                    teamStatuses.append(status(scope: team, period: period, budget: amount, daily: teamDaily, today: today, burn: teamBurn))
                }
            }
        }

        let servingCost = total(current) { $0.category == .serving }
        let servingCostBefore = total(before) { $0.category == .serving }
        let requests = records.serving.filter { window.contains($0.date) }.reduce(0) { $0 + $1.requests }
        let requestsBefore = records.serving.filter { previous.contains($0.date) }.reduce(0) { $0 + $1.requests }

        let productionModels = Set(records.deployments.filter { $0.isProduction && $0.deployedAt < window.end }.map(\.model))
        let byModel = breakdown(\.model)
        var requestsByModel: [String: Int] = [:]
        for s in records.serving where window.contains(s.date) { requestsByModel[s.model, default: 0] += s.requests }
        let servingByModel = totals(current) { $0.category == .serving ? $0.model : nil }
        let modelCosts = byModel.filter { productionModels.contains($0.name) }.map { b -> ModelCost in
            let req = requestsByModel[b.name] ?? 0
            let serve = servingByModel[b.name] ?? 0
            return ModelCost(model: b.name, team: modelTeam[b.name] ?? "-", amount: b.amount, requests: req,
                             per1kPredictions: req > 0 ? serve / Double(req) * 1000 : nil)
        }
        let productionModelsBefore = Set(records.deployments.filter { $0.isProduction && $0.deployedAt < previous.end }.map(\.model))
        let prodSpendBefore = byModel.filter { productionModelsBefore.contains($0.name) }.reduce(0) { $0 + $1.previousAmount }

        let gpu = total(current) { $0.category == .gpu }
        let gpuBefore = total(before) { $0.category == .gpu }

        let windowDays = window.days.filter { $0 <= today }
        let daily = windowDays.map { DailyAmount(day: $0, amount: dailyTotals[$0] ?? 0) }
        let anomalies = detectAnomalies(windowDays.map { DailyAmount(day: $0, amount: dailyCharges[$0] ?? 0) },
                                        scope: budgetScope ?? Budget.organisationScope, k: anomalyK)

        var movers = breakdown(\.team) + byModel
        if budgetScope != nil { movers = byModel }
        movers.sort { (abs($0.change), $1.name) > (abs($1.change), $0.name) }

        return Finance(
            currency: currency,
            spend: MetricValue(hasData ? sum : nil, previous: hasData ? sumBefore : nil, unit: .money, polarity: .lowerIsBetter),
            grossSpend: MetricValue(hasData ? total(current) { !$0.credit } : nil, previous: hasData ? total(before) { !$0.credit } : nil,
                                    unit: .money, polarity: .lowerIsBetter),
            credits: MetricValue(hasData ? total(current, \.credit) : nil, previous: hasData ? total(before, \.credit) : nil,
                                 unit: .money, polarity: .neutral),
            budgets: statuses,
            teamBudgets: teamStatuses,
            burnRatePerDay: burn,
            byCategory: breakdown { $0.category.rawValue },
            byTeam: breakdown { $0.team ?? "unassigned" },
            byModel: byModel,
            gpuShare: MetricValue(Statistics.ratio(gpu, sum), previous: Statistics.ratio(gpuBefore, sumBefore), unit: .ratio, polarity: .neutral),
            modelCosts: modelCosts,
            costPerProductionModel: MetricValue(
                modelCosts.isEmpty ? nil : modelCosts.reduce(0) { $0 + $1.amount } / Double(modelCosts.count),
                previous: productionModelsBefore.isEmpty ? nil : prodSpendBefore / Double(productionModelsBefore.count),
                unit: .money, polarity: .lowerIsBetter),
            costPer1kPredictions: MetricValue(requests > 0 ? servingCost / Double(requests) * 1000 : nil,
                                              previous: requestsBefore > 0 ? servingCostBefore / Double(requestsBefore) * 1000 : nil,
                                              unit: .money, polarity: .lowerIsBetter),
            failedRunGPUSpend: MetricValue(hasData ? total(current) { $0.failedRunGPU } : nil,
                                           previous: hasData ? total(before) { $0.failedRunGPU } : nil,
                                           unit: .money, polarity: .lowerIsBetter),
            anomalies: anomalies,
            topMovers: Array(movers.prefix(6)),
            daily: daily)
    }

    /// The budget for a scope and period: an explicit one, or for a quarter the sum of
    /// its three monthly budgets when all three exist.
    static func budgetAmount(_ budgets: [Budget], scope: String?, period: BudgetPeriod) -> Double? {
        let s = scope ?? Budget.organisationScope
        if let b = budgets.first(where: { $0.scope == s && $0.period == period }) { return b.amount }
        if case .quarter(let q) = period {
            let months = q.months.compactMap { m in budgets.first { $0.scope == s && $0.period == .month(m) }?.amount }
            if months.count == 3 { return months.reduce(0, +) }
        }
        return nil
    }

    static func status(scope: String, period: BudgetPeriod, budget: Double, daily: [Day: Double], today: Day, burn: Double) -> BudgetStatus {
        let w = period.window
        let days = w.days
        let elapsed = days.filter { $0 <= today }
        var cumulative = 0.0
        var ranOut: Day?
        for d in elapsed {
            cumulative += daily[d] ?? 0
            if ranOut == nil && cumulative > budget { ranOut = d }
        }
        let remainingDays = days.count - elapsed.count
        let forecast = cumulative + burn * Double(remainingDays)
        if ranOut == nil, burn > 0, forecast > budget {
            let daysToGo = Int(((budget - cumulative) / burn).rounded(.up))
            ranOut = today.advanced(by: max(1, daysToGo))
        }
        return BudgetStatus(scope: scope, period: period, budget: budget, spent: cumulative, forecast: forecast,
                            runsOutOn: ranOut, daysElapsed: elapsed.count, daysTotal: days.count)
    }

    /// Days above median + k × 1.4826 × MAD of the days given (1.4826 scales MAD to a
    /// standard deviation for normal data). The MAD is floored at 5 % of the median so
    /// a perfectly flat bill does not flag cent-sized wobbles. Needs 7 days at least.
    public static func detectAnomalies(_ daily: [DailyAmount], scope: String, k: Double) -> [CostAnomaly] {
        let values = daily.map(\.amount)
        guard values.count >= 7, let median = Statistics.median(values), let mad = Statistics.medianAbsoluteDeviation(values) else { return [] }
        let spread = max(1.4826 * mad, 0.05 * median)
        let threshold = median + k * spread
        return daily.filter { $0.amount > threshold }.map {
            CostAnomaly(day: $0.day, scope: scope, amount: $0.amount, baselineMedian: median, threshold: threshold)
        }
    }
}

