@testable import MLOpsCore
import Testing

@Suite struct FinanceTests {
    /// 100 a day of warehouse through October 18th, a 1,000 spike on the 12th, serving
    /// for m1 on the 6th, and GPU for a failed run on the 7th; October's budget is 3,100.
    static let records: RecordSet = {
        var r = RecordSet()
        r.models = [Model(name: "m1", team: "t1", serving: .online)]
        r.costs = (1...18).map { day in
            CostEntry(id: "w\(day)", date: d("2026-10-\(day < 10 ? "0" : "")\(day)"), amount: 100, currency: "EUR", category: .warehouse, team: "t1")
        }
        r.costs += [
            CostEntry(id: "spike", date: d("2026-10-12"), amount: 1000, currency: "EUR", category: .gpu, team: "t1", model: "m1"),
            CostEntry(id: "serve", date: d("2026-10-06"), amount: 50, currency: "EUR", category: .serving, team: "t1", model: "m1"),
            CostEntry(id: "gpu", date: d("2026-10-07"), amount: 200, currency: "EUR", category: .gpu, team: "t1", model: "m1", runId: "bad"),
            CostEntry(id: "sept", date: d("2026-09-30"), amount: 70, currency: "EUR", category: .cpu, team: "t1"),
        ]
        r.runs = [run("bad", "m1", .training, .failed, start: "2026-10-07T00:00:00Z", end: "2026-10-07T05:00:00Z")]
        r.deployments = [deploy("d1", "m1", "2026-09-01T00:00:00Z")]
        r.serving = [ServingDay(model: "m1", date: d("2026-10-06"), requests: 100_000, errors: 0)]
        r.budgets = [Budget(scope: "org", period: .month(Month(year: 2026, month: 10)), amount: 3100, currency: "EUR")]
        return r
    }()

    let f = Finance.compute(records: records, window: window, previous: previous, now: now, budgetScope: nil)

    @Test func spendAndShares() {
        // Window Oct 5–18: 14 × 100 + 1,000 + 50 + 200.
        #expect(f.spend.current == 2650)
        #expect(f.spend.previous == 470.0)  // Sep 21–Oct 4: Sept 30 cpu 70 and Oct 1–4 warehouse 4 × 100
        #expect(close(f.gpuShare.current, 1200.0 / 2650))
        // cpu spent only in the previous window: listed with 0 now, so a drop shows.
        #expect(f.byCategory.map(\.name) == ["warehouse", "gpu", "serving", "cpu"])
        #expect(f.byCategory.last?.previousAmount == 70)
        #expect(f.failedRunGPUSpend.current == 200)
        #expect(f.costPer1kPredictions.current == 0.5)  // 50 ÷ 100,000 × 1,000
        #expect(f.modelCosts.map(\.model) == ["m1"] && f.modelCosts[0].amount == 1250 && f.modelCosts[0].per1kPredictions == 0.5)
        #expect(f.currency == "EUR")
    }

    @Test func budgetForecastAndTheDayItRunsOut() {
        let october = f.budgets.first { $0.period == .month(Month(year: 2026, month: 10)) }!
        // Spent Oct 1–18: 18 × 100 + 1,000 + 50 + 200 = 3,050. Burn over Oct 12–18: (700 + 1,000) / 7.
        #expect(october.spent == 3050)
        let burn = 1700.0 / 7
        #expect(close(f.burnRatePerDay, burn))
        #expect(october.daysElapsed == 19 && october.daysTotal == 31)
        #expect(close(october.forecast, 3050 + burn * 12))
        // 50 left at 242.86 a day runs out on the first day after today.
        #expect(october.runsOutOn == d("2026-10-20"))
        #expect(!october.isOver && october.forecastOver)
        // No quarter budget, and no monthly ones for all three months: no quarter status.
        #expect(f.budgets.count == 1)
    }

    @Test func creditsNetTheSpendButNotTheRunRate() {
        // A credit of −500 on Oct 15 (a refund for the spike): spend and budget are net,
        // the burn rate and the anomalies read charges alone.
        var r = Self.records
        r.costs.append(CostEntry(id: "refund", date: d("2026-10-15"), amount: -500, currency: "EUR", category: .gpu, team: "t1", model: "m1"))
        let net = Finance.compute(records: r, window: window, previous: previous, now: now, budgetScope: nil)
        #expect(net.spend.current == 2150 && net.grossSpend.current == 2650 && net.credits.current == -500)
        #expect(net.credits.previous == 0)
        #expect(net.byTeam.first { $0.name == "t1" }?.amount == 2150 && net.byModel.first { $0.name == "m1" }?.amount == 750)
        let october = net.budgets[0]
        #expect(october.spent == 2550)                     // 3,050 − 500
        #expect(close(net.burnRatePerDay, 1700.0 / 7))     // as without the credit
        #expect(close(october.forecast, 2550 + 1700.0 / 7 * 12))
        #expect(net.anomalies.map(\.day) == f.anomalies.map(\.day))  // Oct 15 is not a "drop", the spike still flags
        // The day chart is net: Oct 15 shows 100 − 500.
        #expect(net.daily.first { $0.day == d("2026-10-15") }?.amount == -400)
    }

    @Test func anomaliesUseMedianAndMAD() {
        // Daily totals: 100 on 11 days, 150 (Oct 6), 300 (Oct 7), 1,100 (Oct 12). Median 100, MAD 0 → floor 5 % of median.
        #expect(f.anomalies.map(\.day) == [d("2026-10-06"), d("2026-10-07"), d("2026-10-12")])
        #expect(f.anomalies[0].threshold == 100 + 3 * 5)
        let noisy = (0..<10).map { Finance.DailyAmount(day: d("2026-10-01").advanced(by: $0), amount: [90, 110, 100, 95, 105, 100, 98, 102, 400, 100][$0]) }
        // median 100, deviations sorted 0,0,0,2,2,5,5,10,10,300 → MAD 3.5; threshold 100 + 3 × 1.4826 × 3.5
        let found = Finance.detectAnomalies(noisy, scope: "org", k: 3)
        #expect(found.map(\.day) == [d("2026-10-09")])
        #expect(close(found[0].threshold, 100 + 3 * 1.4826 * 3.5))
    }

    @Test func quarterBudgetFromThreeMonthlyBudgets() {
        var r = Self.records
        r.budgets = [10, 11, 12].map { Budget(scope: "t1", period: .month(Month(year: 2026, month: $0)), amount: 1000, currency: "EUR") }
        #expect(Finance.budgetAmount(r.budgets, scope: "t1", period: .quarter(Quarter(year: 2026, quarter: 4))) == 3000)
        #expect(Finance.budgetAmount(r.budgets, scope: "t1", period: .quarter(Quarter(year: 2026, quarter: 3))) == nil)
        let org = Finance.compute(records: r, window: window, previous: previous, now: now, budgetScope: nil)
        let team = org.teamBudgets.first { $0.period == .month(Month(year: 2026, month: 10)) }!
        // Cumulative: 400 by Oct 4, 500, 650 (serving), 950 (gpu), 1,050 on Oct 8: past 1,000.
        #expect(team.scope == "t1" && team.isOver && team.runsOutOn == d("2026-10-08"))
    }

    @Test func noCostsIsNoData() {
        var r = Self.records
        r.costs = []
        let empty = Finance.compute(records: r, window: window, previous: previous, now: now, budgetScope: nil)
        #expect(empty.spend.current == nil && empty.burnRatePerDay == nil && empty.gpuShare.current == nil)
        #expect(empty.costPer1kPredictions.current == 0)  // requests exist, serving cost is truly zero
        #expect(empty.anomalies.isEmpty)
    }
}
