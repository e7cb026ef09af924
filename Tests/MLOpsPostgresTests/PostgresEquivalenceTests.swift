import Foundation
import MLOpsCore
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// The same records in SQLite and PostgreSQL give the same metric inputs, part by part,
/// for every window kind, several subjects and several `now`s: the PostgreSQL source
/// speaks for the same numbers as the SQLite one (itself held equal to the in-memory twin).
@Suite(.serialized, .enabled(if: PostgresServer.available, PostgresServer.skipReason))
struct PostgresEquivalenceTests {
    let dir = TemporaryDirectory()

    static let specs: [WindowSpec] = [.lastDays(1), .lastDays(7), .lastDays(30), .lastDays(90), .quarterToDate, .previousQuarter,
                                      .quarter(Quarter(year: 2026, quarter: 3))]

    func compare(_ sqlite: Store, _ postgres: PostgresStore, nows: [Instant], filters: [SubjectFilter]) throws -> Int {
        var compared = 0
        for now in nows {
            for spec in Self.specs {
                for filter in filters {
                    let q = MetricsQuery(spec: spec, now: now, filter: filter)
                    let a = try sqlite.metricsSource.input(for: q), b = try postgres.metricsSource.input(for: q)
                    let label = "\(spec) \(filter) at \(now)"
                    #expect(a.records == b.records, "records differ: \(label)")
                    #expect(a.runs == b.runs, "run aggregates differ: \(label)")
                    #expect(a.costs == b.costs, "cost aggregates differ: \(label)")
                    #expect(a.maintenance == b.maintenance, "maintenance differs: \(label)")
                    #expect(a.history == b.history, "history differs: \(label)")
                    compared += 1
                    // The dashboard's first stage reads a screen's own parts.
                    guard now == nows[0], spec == .lastDays(30) else { continue }
                    for parts: MetricsParts in [.maintenanceParts, .triageParts, .velocityParts, .maturityParts, .researchParts, .dataHealthParts, .servingHistory,
                                                MetricsParts.all.subtracting(MetricsParts.velocityParts.union(.maintenanceParts).union(.triageParts))] {
                        #expect(try postgres.metricsSource.input(for: q, parts: parts) == a.keeping(parts), "parts \(parts.rawValue) differ: \(label)")
                    }
                }
            }
        }
        return compared
    }

    /// The demo imported from its files into each engine, each by its own import path.
    @Test func demoImportedIntoBoth() throws {
        let server = try PostgresServer.Database()
        let postgres = try PostgresStore.create(server.location)
        let sqlite = try Store.create(at: dir.path("demo.sqlite"))
        for kind in RecordKind.importOrder {
            let file = "\(sampleDataDirectory)/\(kind.rawValue).csv"
            let a = try sqlite.importFile(kind: kind, path: file, now: Instant(seconds: 0))
            let b = try postgres.importFile(kind: kind, path: file, now: Instant(seconds: 0))
            #expect(a == b)
        }
        #expect(try sqlite.dataHealth().kinds == postgres.dataHealth().kinds)
        #expect(try sqlite.subjectNames() == postgres.subjectNames())
        let now = DemoOrganisation.now
        let teams = try sqlite.subjectNames().teams
        let filters = [SubjectFilter.organisation] + teams.map { SubjectFilter(team: $0) }
            + [SubjectFilter(model: "search-ranker"), SubjectFilter(model: "assistant-llm"), SubjectFilter(team: "atlas", model: "search-ranker")]
        // And the very second a run ends: it still counts as running then (`Run.asOf`).
        let ending = try #require(try RecordFileReader.read(directory: sampleDataDirectory).runs.compactMap(\.endedAt)
            .filter { $0 < now }.max())
        let compared = try compare(sqlite, postgres, nows: [now, now.day.advanced(by: -45).start.adding(hours: 9), now.day.advanced(by: -20).start,
                                                            ending],
                                   filters: filters)
        #expect(compared == 4 * Self.specs.count * filters.count)
        // Every team's input at once, as the report reads them.
        for spec in [WindowSpec.quarter(Quarter(year: 2026, quarter: 3)), .lastDays(30)] {
            let q = MetricsQuery(spec: spec, now: now)
            let a = try sqlite.metricsSource.inputsByTeam(for: q), b = try postgres.metricsSource.inputsByTeam(for: q)
            #expect(a.organisation == b.organisation && a.teams == b.teams && b.teams.count == teams.count, "inputs by team differ: \(spec)")
        }
        let page = RecordPageRequest(kind: .runs, window: TimeWindow(start: now.adding(hours: -24 * 30), end: now), filter: SubjectFilter(team: teams[0]),
                                     limit: 25, offset: 10)
        #expect(try sqlite.recordPage(page) == postgres.recordPage(page))
    }

    /// Organisations drawn at random (seeded), moved from SQLite into PostgreSQL.
    @Test(arguments: [UInt64(5), 41])
    func randomOrganisations(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let scale = SampleScale.randomSmall(&g)
        let teams = scale.teams
        let org = SyntheticOrganisation(scale: scale, seed: seed, lastDay: Day(year: 2026, month: 11, day: 18))
        let sqlite = try Store.create(at: dir.path("random-\(seed).sqlite"))
        try sqlite.insert(org.recordSet(), now: Instant(seconds: 0), source: "test")
        let server = try PostgresServer.Database()
        let postgres = try PostgresStore.create(server.location)
        try StoreMove.copy(from: .sqlite(sqlite), to: .postgres(postgres))
        let filters = [SubjectFilter.organisation, SubjectFilter(team: org.teamName(0)), SubjectFilter(team: org.teamName(teams - 1)),
                       SubjectFilter(model: org.modelName(1)), SubjectFilter(team: org.teamName(1), model: org.modelName(1))]
        let mid = org.lastDay.advanced(by: -Int(g.next() % 120)).start.adding(seconds: Int64(g.next() % 86_400))
        _ = try compare(sqlite, postgres, nows: [org.lastDay.start.adding(hours: 17), mid, org.lastDay.advanced(by: 1).start], filters: filters)
    }

}
