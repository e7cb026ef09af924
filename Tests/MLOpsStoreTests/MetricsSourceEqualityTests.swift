import Foundation
import MLOpsCore
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// The store's SQL computes exactly the inputs the in-memory twin builds from the same
/// records, so the hand-worked metric tests (which run on the twin) speak for the SQL.
@Suite(.serialized) struct MetricsSourceEqualityTests {
    let dir = TemporaryDirectory()


    func store(_ records: RecordSet, _ name: String) throws -> Store {
        let store = try Store.create(at: dir.path("\(name).sqlite"))
        try store.insert(records, now: Instant(seconds: 0), source: "test")
        return store
    }

    /// Compares part by part, so a failure names the part that differs.
    func expectEqual(_ sql: MetricsInput, _ twin: MetricsInput, _ label: String) {
        for kind in RecordKind.allCases where kind != .runs && kind != .costs && kind != .maintenance {
            #expect(Self.describe(sql.records, kind) == Self.describe(twin.records, kind), "\(kind) records differ: \(label)")
        }
        #expect(sql.runs.current == twin.runs.current, "research runs (window) differ: \(label)")
        #expect(sql.runs.previous == twin.runs.previous, "research runs (previous) differ: \(label)")
        #expect(sql.runs.window == twin.runs.window, "window run counts differ: \(label)")
        #expect(sql.runs.monthly == twin.runs.monthly, "monthly run counts differ: \(label)")
        #expect(sql.runs.running == twin.runs.running && sql.runs.recentFailures == twin.runs.recentFailures, "running/failed differ: \(label)")
        #expect(sql.runs.models == twin.runs.models, "models with runs differ: \(label)")
        #expect(sql.runs.producingRuns == twin.runs.producingRuns, "producing runs differ: \(label)")
        #expect(sql.costs == twin.costs, "costs differ: \(label)")
        #expect(sql.maintenance == twin.maintenance, "maintenance differs: \(label)")
        #expect(sql.history == twin.history, "history differs: \(label)")
    }

    /// A short description of one kind's records, so a failure shows what differs, not everything.
    static func describe(_ r: RecordSet, _ kind: RecordKind) -> String {
        func ids<T>(_ items: [T], _ id: (T) -> String) -> String { "\(items.count): " + items.prefix(3).map(id).joined(separator: ",") + "…" + items.suffix(3).map(id).joined(separator: ",") + " #\(items.map(id).hashValue)" }
        switch kind {
        case .teams: return ids(r.teams) { "\($0)" }
        case .models: return ids(r.models) { "\($0)" }
        case .deployments: return ids(r.deployments) { $0.id }
        case .incidents: return ids(r.incidents) { $0.id }
        case .serving: return ids(r.serving) { "\($0.model)@\($0.date)" }
        case .budgets: return ids(r.budgets) { "\($0.scope)/\($0.period)" }
        case .runs, .costs, .maintenance: return ""
        }
    }

    func check(_ records: RecordSet, store: Store, nows: [Instant], filters: [SubjectFilter], specs: [WindowSpec]) throws -> Int {
        let twin = InMemoryMetricsSource(records: records)
        var compared = 0
        for now in nows {
            for spec in specs {
                for filter in filters {
                    let q = MetricsQuery(spec: spec, now: now, filter: filter)
                    let label = "\(spec) at \(now.iso8601) for \(filter)"
                    let fromSQL = try store.metricsSource.input(for: q), fromRecords = try twin.input(for: q)
                    expectEqual(fromSQL, fromRecords, label)
                    let snapshot = PlatformSnapshot.compute(fromSQL, q)
                    #expect(snapshot == PlatformSnapshot.compute(fromRecords, q), "snapshot differs: \(label)")
                    #expect(try Self.missingKinds(store, q) == snapshot.missingKinds, "data health's own parts tell other missing kinds: \(label)")
                    compared += 1
                    // A screen's read of its own parts (the dashboard's first stage) leaves the rest empty.
                    guard now == nows[0], [WindowSpec.lastDays(30), .previousQuarter].contains(spec) else { continue }
                    for parts in Self.partSets {
                        expectEqual(try store.metricsSource.input(for: q, parts: parts), fromRecords.keeping(parts), "\(label), parts \(parts.rawValue)")
                    }
                }
                // Every team at once, as the report reads them, against each team's twin.
                let q = MetricsQuery(spec: spec, now: now)
                let teams = records.teamNames
                let grouped = try store.metricsSource.inputsByTeam(for: q)
                expectEqual(grouped.organisation, try twin.input(for: q), "\(spec) at \(now.iso8601), organisation read with every team")
                #expect(grouped.teams.keys.sorted() == teams)
                for team in teams {
                    let teamQuery = q.with(filter: SubjectFilter(team: team))
                    expectEqual(grouped.teams[team] ?? .empty, try twin.input(for: teamQuery), "\(spec) at \(now.iso8601), team \(team) read with every team")
                }
            }
        }
        return compared
    }

    /// Each family's parts, the daily costs without the windows' sums, and what a second
    /// stage reads after a screen's parts (no records; the serving history alone).
    static let partSets: [MetricsParts] = [.velocityParts, .maintenanceParts, .maturityParts, .financeParts, .researchParts, .triageParts,
                                           .dataHealthParts, .dailyCosts, .servingHistory, [], .records,
                                           MetricsParts.all.subtracting(.velocityParts), MetricsParts.all.subtracting(.maintenanceParts)]

    static let specs: [WindowSpec] = [.lastDays(1), .lastDays(7), .lastDays(30), .lastDays(90), .quarterToDate, .previousQuarter,
                                      .quarter(Quarter(year: 2026, quarter: 3))]

    @Test func demoStore() throws {
        var records = try RecordFileReader.read(directory: sampleDataDirectory)
        // A GPU line billed to one team for another team's failed run: a team's failed-run
        // GPU spend counts only its own runs, the organisation's counts every run.
        let failed = try #require(records.runs.last { $0.status == .failed })
        let line = try #require(records.costs.lastIndex { $0.category == .gpu && $0.team != nil && $0.team != failed.team })
        records.costs[line].runId = failed.id
        let store = try store(records, "demo")
        let now = DemoOrganisation.now
        let filters = [SubjectFilter.organisation] + records.teams.map { SubjectFilter(team: $0.name) }
            + [SubjectFilter(model: "search-ranker"), SubjectFilter(model: "assistant-llm"), SubjectFilter(team: "atlas", model: "search-ranker")]
        let compared = try check(records, store: store, nows: [now, now.day.start, now.day.advanced(by: -45).start.adding(hours: 9),
                                                                    now.day.advanced(by: -20).start],
                                 filters: filters, specs: Self.specs)
        #expect(compared == 4 * Self.specs.count * filters.count)
    }

    /// The record kinds the window lacks, as the Data health screen computes them from its own parts.
    static func missingKinds(_ store: Store, _ q: MetricsQuery) throws -> [RecordKind] {
        PlatformSnapshot.compute(try store.metricsSource.input(for: q, parts: .dataHealthParts), q, parts: .dataHealthParts).missingKinds
    }

    /// Data health says which kinds a window lacks from the window's run counts and daily
    /// spend, not research's statistics and the windows' cost sums: the same answer, also
    /// where runs, costs or maintenance are missing (before the data, long after it, a model).
    @Test func dataHealthTellsMissingKindsFromItsOwnParts() throws {
        let records = DemoOrganisation.generate()
        let store = try store(records, "health")
        let now = DemoOrganisation.now
        let first = try #require(records.runs.compactMap(\.timestamp).min())
        var seen: Set<RecordKind> = [], present: Set<RecordKind> = []
        for at in [now, now.adding(days: 400), now.adding(days: 20), first.adding(days: 3), first.adding(days: -40)] {
            for spec in [WindowSpec.lastDays(7), .lastDays(30), .quarterToDate, .previousQuarter] {
                for filter in [SubjectFilter.organisation, SubjectFilter(team: "atlas"), SubjectFilter(model: "search-ranker")] {
                    let q = MetricsQuery(spec: spec, now: at, filter: filter)
                    let whole = PlatformSnapshot.compute(try store.metricsSource.input(for: q), q).missingKinds
                    #expect(try Self.missingKinds(store, q) == whole, "\(spec) at \(at.iso8601) for \(filter)")
                    seen.formUnion(whole)
                    present.formUnion(Set([RecordKind.runs, .costs, .maintenance]).subtracting(whole))
                }
            }
        }
        // Both answers occur for each kind these parts decide, so the comparison can fail.
        #expect(seen.isSuperset(of: [.runs, .costs, .maintenance]) && present == [.runs, .costs, .maintenance])
        // By hand: 400 days after the demo's last record, a 30-day window holds no record of
        // any dated kind, while teams and budgets are undated and there.
        let late = MetricsQuery(spec: .lastDays(30), now: now.adding(days: 400))
        #expect(try Self.missingKinds(store, late) == [.runs, .deployments, .incidents, .maintenance, .costs, .serving])
        // A model has runs and costs of its own, but the work log is kept per team only.
        let model = MetricsQuery(spec: .lastDays(30), now: now, filter: SubjectFilter(model: "search-ranker"))
        #expect(try Self.missingKinds(store, model).contains(.maintenance))
        #expect(try !Self.missingKinds(store, model).contains(.runs) && !Self.missingKinds(store, model).contains(.costs))
    }

    /// Maturity's history reads serving days from before the detail days, which the other
    /// screens' reads leave out: in mid-January, October and November are history only, and
    /// a model at level 2 then was monitored by its serving days.
    @Test func maturityReadsServingDaysOverItsWholeHistory() throws {
        let records = DemoOrganisation.generate()
        let store = try store(records, "serving-history")
        let q = MetricsQuery(spec: .lastDays(7), now: Instant(iso8601: "2027-01-15T12:00:00Z")!)
        #expect(q.detailDays.lowerBound > Day(year: 2026, month: 11, day: 30) && q.historyMonths.contains(Month(year: 2026, month: 10)))
        let whole = PlatformSnapshot.compute(try store.metricsSource.input(for: q), q).maturity
        let own = try store.metricsSource.input(for: q, parts: .maturityParts)
        #expect(PlatformSnapshot.compute(own, q, parts: .maturityParts).maturity == whole)
        let withoutHistory = try store.metricsSource.input(for: q, parts: MetricsParts.all.subtracting(.servingHistory))
        #expect(withoutHistory.served.byModel.isEmpty)
        #expect(own.served.byModel.values.contains { $0.first! < q.detailDays.lowerBound }, "served days before the detail days")
        let lost = PlatformSnapshot.compute(withoutHistory, q).maturity
        #expect(lost.models.map(\.history) != whole.models.map(\.history), "no model's history depends on the early serving days")
    }

    /// Triage's lookback is configurable: one longer than the recent days widens the detail
    /// days, so the triage screen's own read still holds every breach it counts.
    @Test func aLongTriageLookbackWidensTheDetailDays() throws {
        let store = try store(DemoOrganisation.generate(), "long-triage")
        var configuration = MetricsConfiguration()
        configuration.triageHours = 40 * 24
        let q = MetricsQuery(spec: .lastDays(7), now: Instant(iso8601: "2026-10-05T12:00:00Z")!, configuration: configuration)
        #expect(q.detailStart <= q.now.adding(hours: -configuration.triageHours))
        let whole = PlatformSnapshot.compute(try store.metricsSource.input(for: q), q).triage
        let own = PlatformSnapshot.compute(try store.metricsSource.input(for: q, parts: .triageParts), q, parts: .triageParts).triage
        #expect(own == whole)
        // Breaches from before the 30 recent days: without the widening they were left out.
        #expect(whole.sloBreaches.contains { $0.day < PlatformSnapshot.recentStart(now: q.now) })
    }

    /// Organisations drawn at random (seeded, so a failure reproduces), small enough to
    /// compare many queries, with `now` inside and at the edges of their span.
    @Test(arguments: [UInt64(3), 17, 2024])
    func randomOrganisations(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let scale = SampleScale.randomSmall(&g)
        let teams = scale.teams
        let org = SyntheticOrganisation(scale: scale, seed: seed, lastDay: Day(year: 2026, month: 11, day: 18))
        let records = org.recordSet()
        let store = try store(records, "random-\(seed)")
        let last = org.lastDay.start.adding(hours: 17)
        let mid = org.lastDay.advanced(by: -Int(g.next() % 120)).start.adding(seconds: Int64(g.next() % 86_400))
        let filters = [SubjectFilter.organisation, SubjectFilter(team: org.teamName(0)), SubjectFilter(team: org.teamName(teams - 1)),
                       SubjectFilter(model: org.modelName(1)), SubjectFilter(team: org.teamName(1), model: org.modelName(1))]
        _ = try check(records, store: store, nows: [last, mid, org.lastDay.advanced(by: 1).start], filters: filters, specs: Self.specs)
    }

    /// The `small` benchmark scale: 10,000 runs and 20,000 cost lines over two years.
    @Test func smallSample() throws {
        let org = SyntheticOrganisation(scale: .small, seed: 1, lastDay: Day(year: 2026, month: 11, day: 18))
        let records = org.recordSet()
        let store = try store(records, "small")
        let filters = [SubjectFilter.organisation, SubjectFilter(team: org.teamName(0)), SubjectFilter(model: org.modelName(3))]
        _ = try check(records, store: store, nows: [org.lastDay.start.adding(hours: 17)], filters: filters,
                      specs: [.lastDays(30), .lastDays(90), .quarterToDate, .previousQuarter])
    }
}
