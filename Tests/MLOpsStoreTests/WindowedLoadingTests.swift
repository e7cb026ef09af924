import Foundation
import MLOpsCore
@testable import MLOpsStore
import Testing

/// What `records(in:detailFrom:)` loads, record by record: everything in the detail part;
/// before it only what maturity history reads.
@Suite struct WindowedLoadingTests {
    let dir = TemporaryDirectory()

    func at(_ text: String) -> Instant { Instant(iso8601: text)! }

    func run(_ id: String, _ kind: RunKind, _ status: RunStatus = .succeeded, _ start: String, model: String = "churn") -> Run {
        Run(id: id, model: model, team: "atlas", kind: kind, status: status, trigger: .manual, startedAt: at(start))
    }

    @Test func historyPartLoadsOnlyWhatMaturityHistoryReads() throws {
        var set = RecordSet()
        set.teams = [Team(name: "atlas", mlEngineers: 2, platformEngineers: 1)]
        set.models = [Model(name: "churn", team: "atlas", serving: .online), Model(name: "fraud", team: "atlas", serving: .online)]
        set.runs = [
            // History part: 2026-08-01 up to the detail start 2026-10-01.
            run("h-train", .training, .succeeded, "2026-08-03T10:00:00Z"),
            run("h-pipe", .pipeline, .succeeded, "2026-08-04T10:00:00Z"),
            run("h-exp-aug-1", .experiment, .succeeded, "2026-08-05T10:00:00Z"),        // the earliest other run of churn in August
            run("h-exp-aug-2", .experiment, .succeeded, "2026-08-20T10:00:00Z"),        // not loaded: August already has one
            run("h-exp-sep", .experiment, .succeeded, "2026-09-10T10:00:00Z"),          // September's one
            run("h-exp-fraud", .experiment, .succeeded, "2026-08-25T10:00:00Z", model: "fraud"),  // fraud's August one
            run("h-running", .evaluation, .running, "2026-09-20T10:00:00Z"),
            run("h-eval-deployed", .evaluation, .succeeded, "2026-09-21T10:00:00Z"),    // not a representative, but a deployment points at it
            // Before the range: loaded only because a deployment in the range points at it.
            run("old-train", .training, .succeeded, "2026-05-01T10:00:00Z"),
            run("old-exp", .experiment, .succeeded, "2026-05-02T10:00:00Z"),
            // Detail part: everything.
            run("d-exp-1", .experiment, .succeeded, "2026-10-02T10:00:00Z"),
            run("d-exp-2", .experiment, .succeeded, "2026-10-03T10:00:00Z"),
        ]
        set.deployments = [
            Deployment(id: "dep-1", model: "churn", team: "atlas", version: "1", environment: .production,
                       deployedAt: at("2026-09-22T10:00:00Z"), method: .manual, runId: "h-eval-deployed"),
            Deployment(id: "dep-2", model: "churn", team: "atlas", version: "2", environment: .production,
                       deployedAt: at("2026-10-05T10:00:00Z"), method: .manual, runId: "old-train"),
        ]
        set.costs = [
            CostEntry(id: "c-history", date: Day(iso8601: "2026-09-15")!, amount: 10, currency: "EUR", category: .gpu, team: "atlas"),
            CostEntry(id: "c-detail", date: Day(iso8601: "2026-10-15")!, amount: 20, currency: "EUR", category: .gpu, team: "atlas"),
        ]
        set.maintenance = [
            MaintenanceEntry(id: "m-history", team: "atlas", category: .toil, hours: 1, date: Day(iso8601: "2026-09-15")!),
            MaintenanceEntry(id: "m-detail", team: "atlas", category: .toil, hours: 2, date: Day(iso8601: "2026-10-15")!),
        ]
        let store = try Store.create(at: dir.path("s.sqlite"))
        try store.insert(set, now: at("2026-11-01T00:00:00Z"), source: "test")

        let range = TimeWindow(start: at("2026-08-01T00:00:00Z"), end: at("2026-11-01T00:00:00Z"))
        let loaded = try store.records(in: range, detailFrom: at("2026-10-01T00:00:00Z"))
        #expect(Set(loaded.runs.map(\.id)) == ["h-train", "h-pipe", "h-exp-aug-1", "h-exp-sep", "h-exp-fraud", "h-running",
                                              "h-eval-deployed", "old-train", "d-exp-1", "d-exp-2"])
        #expect(loaded.runs.count == 10, "no run loaded twice")
        #expect(loaded.costs.map(\.id) == ["c-detail"])
        #expect(loaded.maintenance.map(\.id) == ["m-detail"])
        #expect(Set(loaded.deployments.map(\.id)) == ["dep-1", "dep-2"])

        // Without a detail start, the whole range is detail.
        let everything = try store.records(in: range)
        #expect(everything.runs.count == 11)  // all but old-exp
        #expect(everything.costs.count == 2 && everything.maintenance.count == 2)
    }
}
