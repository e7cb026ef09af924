import MLOpsCore
import Testing

@Suite struct ForecastAccuracyTests {
    func cost(_ day: String, _ amount: Double) -> CostEntry {
        CostEntry(id: "c-\(day)-\(amount)", date: Day(iso8601: day)!, amount: amount, currency: "EUR", category: .gpu)
    }

    /// 2026-Q1 has 90 days (31 + 28 + 31), so the midpoint is 2026-01-01 + 45 = 2026-02-15.
    /// To date (days before 02-15): 100 + 70 + 70 = 240.
    /// Burn: the 7 days 02-08 … 02-14 hold 70 + 70 = 140, so 140 / 7 = 20 a day.
    /// Remaining: 02-15 … 03-31 = 14 + 31 = 45 days, so the forecast is 240 + 20 × 45 = 1,140.
    /// Actual: 240 + 50 + 30 = 320 (the 2025-12-31 and 2026-04-01 entries lie outside).
    /// Error 1,140 − 320 = 820; absolute percentage error 820 / 320 = 2.5625.
    @Test func midpointForecastAgainstActualWorkedByHand() throws {
        let costs = [cost("2025-12-31", 500), cost("2026-01-10", 100), cost("2026-02-08", 70), cost("2026-02-14", 70),
                     cost("2026-02-15", 50), cost("2026-03-31", 30), cost("2026-04-01", 999)]
        let q1 = Quarter(year: 2026, quarter: 1)
        let f = try #require(ForecastAccuracy.compute(costs: costs, quarter: q1))
        #expect(f.madeOn == Day(year: 2026, month: 2, day: 15))
        #expect(f.spendToDate == 240)
        #expect(f.burnRatePerDay == 20)
        #expect(f.remainingDays == 45)
        #expect(f.forecast == 1140)
        #expect(f.actual == 320)
        #expect(f.error == 820)
        #expect(f.absolutePercentageError == 2.5625)
    }

    /// The burn window is the 7 days before the midpoint: an entry 8 days before it is
    /// spend to date but does not count towards the burn rate.
    @Test func burnWindowIsExactlySevenDaysBeforeTheMidpoint() throws {
        let q2 = Quarter(year: 2026, quarter: 2)
        #expect(ForecastAccuracy.midpoint(of: q2) == Day(year: 2026, month: 5, day: 16))
        let costs = [cost("2026-05-08", 700), cost("2026-05-09", 70), cost("2026-05-16", 10)]
        let f = try #require(ForecastAccuracy.compute(costs: costs, quarter: q2))
        // 05-09 … 05-15 holds only the 70; 05-08 is to date but not in the burn window.
        #expect(f.burnRatePerDay == 10)
        #expect(f.spendToDate == 770)
        #expect(f.remainingDays == 46)  // 05-16 … 06-30
        #expect(f.forecast == 770 + 10 * 46)
        #expect(f.actual == 780)
    }

    @Test func noCostsInTheQuarterMeansNoForecast() {
        #expect(ForecastAccuracy.compute(costs: [cost("2026-07-01", 5)], quarter: Quarter(year: 2026, quarter: 2)) == nil)
    }
}
