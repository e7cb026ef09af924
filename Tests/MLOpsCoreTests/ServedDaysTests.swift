@testable import MLOpsCore
import Testing

@Suite struct ServedDaysTests {
    static func day(_ text: String) -> Day { Day(iso8601: text)! }

    /// Records in any order, one day twice: each model's days come out ascending, once each.
    @Test func daysAreSortedAndUniquePerModel() {
        let serving = [
            ServingDay(model: "b", date: Self.day("2026-10-03"), requests: 5, errors: 0),
            ServingDay(model: "a", date: Self.day("2026-10-02"), requests: 1, errors: 0),
            ServingDay(model: "a", date: Self.day("2026-10-01"), requests: 2, errors: 1),
            ServingDay(model: "a", date: Self.day("2026-10-02"), requests: 3, errors: 0),
        ]
        let served = ServedDays(serving)
        #expect(served.byModel == ["a": [Self.day("2026-10-01"), Self.day("2026-10-02")], "b": [Self.day("2026-10-03")]])
        #expect(served.filter(models: { $0 == "b" }).byModel == ["b": [Self.day("2026-10-03")]])
    }

    /// Maturity's monitoring coverage counts a deployed model as monitored in a window when
    /// it was served in it: the served days decide it, not the serving records (which a
    /// load holds for the detail days only). One model deployed on 5 November, looked at
    /// over the 30 days to 20 November: 0 of 1 deployed models monitored without a served
    /// day in the window, 1 of 1 with one on the 12th, still 0 of 1 with one before it.
    @Test func maturityReadsMonitoringFromTheServedDays() {
        var records = RecordSet()
        records.models = [Model(name: "m1", team: "t1", serving: .online)]
        records.deployments = [Deployment(id: "d1", model: "m1", team: "t1", version: "1", environment: .production,
                                          deployedAt: Instant(iso8601: "2026-11-05T10:00:00Z")!, method: .automated)]
        let q = MetricsQuery(spec: .lastDays(30), now: Instant(iso8601: "2026-11-20T12:00:00Z")!)
        var input = MetricsInput(records: records, history: ModelHistory(records: records), query: q)
        func coverage() -> Double? {
            PlatformSnapshot.compute(input, q).maturity.models.first { $0.subject == "m1" }?
                .evidence.first { $0.criterion == .monitoringCoverage }?.measured
        }
        #expect(coverage() == 0)
        input.served = ServedDays(byModel: ["m1": [Self.day("2026-11-12")]])
        #expect(coverage() == 1)
        input.served = ServedDays(byModel: ["m1": [Self.day("2026-10-01")]])
        #expect(coverage() == 0)
    }
}
