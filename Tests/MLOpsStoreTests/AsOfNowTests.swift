import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// `--now T` shows the store as it looked at T: importing records dated at or after T
/// changes nothing a report for T prints, byte for byte.
@Suite struct AsOfNowTests {
    let dir = TemporaryDirectory()

    /// What a store held at `at`: records placed before it; day-stamped records of days begun before it.
    static func split(_ all: RecordSet, at: Instant) -> (before: RecordSet, after: RecordSet) {
        var before = all, after = RecordSet()
        func part<T>(_ items: [T], _ earlier: (T) -> Bool) -> ([T], [T]) { (items.filter(earlier), items.filter { !earlier($0) }) }
        (before.runs, after.runs) = part(all.runs) { ($0.timestamp ?? at) < at }
        (before.deployments, after.deployments) = part(all.deployments) { $0.deployedAt < at }
        (before.incidents, after.incidents) = part(all.incidents) { $0.openedAt < at }
        (before.costs, after.costs) = part(all.costs) { $0.date.start < at }
        (before.maintenance, after.maintenance) = part(all.maintenance) { $0.date.start < at }
        (before.serving, after.serving) = part(all.serving) { $0.date.start < at }
        // Outcomes that came later were not in the store yet: the incident was open, the
        // deployment live, the run still running with no GPU hours reported.
        before.runs = before.runs.map { r in
            var r = r
            if let e = r.endedAt, e >= at { r.endedAt = nil; r.gpuHours = nil; r.status = .running }
            return r
        }
        before.incidents = before.incidents.map { i in
            var i = i
            if let r = i.resolvedAt, r >= at { i.resolvedAt = nil }
            if let a = i.acknowledgedAt, a >= at { i.acknowledgedAt = nil }
            return i
        }
        before.deployments = before.deployments.map { d in
            var d = d
            if let r = d.rolledBackAt, r >= at { d.rolledBackAt = nil; if d.status == .rolledBack { d.status = .succeeded } }
            return d
        }
        return (before, after)
    }

    func outputs(_ store: Store, at: Instant) throws -> [String] {
        var out: [String] = []
        for spec in [WindowSpec.lastDays(1), .lastDays(7), .lastDays(30), .quarterToDate] {
            for filter in [SubjectFilter.organisation, SubjectFilter(team: "atlas"), SubjectFilter(model: "search-ranker")] {
                let s = try PlatformSnapshot.compute(source: store.metricsSource, query: MetricsQuery(spec: spec, now: at, filter: filter))
                out.append(SummaryText.render(s))
                out.append(try SummaryDocument(s).json())
            }
        }
        let report = try QuarterlyReport.build(source: store.metricsSource, quarter: Quarter(year: 2026, quarter: 3), now: at)
        out.append(try JSONReport.render(report))
        return out
    }

    /// At midnight 20 days before the demo's `now`, and half an hour into an incident that
    /// a deployment caused, so an open incident and a failed change straddle T.
    @Test func laterRecordsChangeNothing() throws {
        let all = try RecordFileReader.read(directory: sampleDataDirectory)
        let caused = all.incidents.filter { i in
            i.deploymentId != nil && i.openedAt < DemoOrganisation.now.adding(days: -10) && (i.resolvedAt.map { i.openedAt.seconds(until: $0) > 3600 } ?? false)
        }.max { $0.openedAt < $1.openedAt }
        let during = try #require(caused).openedAt.adding(seconds: 1800)
        var straddling = 0
        for at in [DemoOrganisation.now.adding(days: -20).day.start, during] {
            let (before, after) = Self.split(all, at: at)
            #expect(!after.deployments.isEmpty && !after.runs.isEmpty && !after.costs.isEmpty && !after.incidents.isEmpty)
            let finalStatus = Dictionary(all.runs.map { ($0.id, $0.status) }, uniquingKeysWith: { a, _ in a })
            straddling += before.runs.filter { $0.status == .running && finalStatus[$0.id] != .running }.count
            let store = try Store.create(at: dir.path("asof-\(at.seconds).sqlite"))
            try store.insert(before, now: at, source: "before")
            let then = try outputs(store, at: at)
            try store.insert(after, now: at, source: "after")
            // The later import brings the new records and the outcomes as they finally were.
            var outcomes = RecordSet()
            outcomes.incidents = all.incidents
            outcomes.deployments = all.deployments
            outcomes.runs = all.runs
            try store.insert(outcomes, now: at, source: "outcomes")
            let now = try outputs(store, at: at)
            #expect(then.count == now.count)
            for (a, b) in zip(then, now) { #expect(a == b, "at \(at.iso8601)") }
        }
        #expect(straddling > 0, "some run was still running at one of the instants")
    }
}
