import Foundation
import GRDB
import MLOpsCore
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// The large-store generator, checked at a reduced scale that keeps the large shape
/// (20 teams, 200 models, two years) with a fraction of the records.
@Suite struct SyntheticSampleTests {
    let dir = TemporaryDirectory()
    static let reduced = SampleScale(teams: 20, models: 200, runs: 6_000, deployments: 600, costs: 8_000, incidents: 150,
                                     maintenance: 900, servingDays: 30, days: 730)

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func largeScalePromisesTheIssuesVolumes() {
        let large = SampleScale.large
        #expect(large.teams >= 20 && large.models >= 200)
        #expect(large.runs >= 1_000_000 && large.deployments >= 100_000 && large.costs >= 2_000_000)
        #expect(large.incidents >= 20_000 && large.maintenance >= 200_000)
        #expect(large.servingDays >= 365 && large.days >= 730)
        #expect(large.servingRows() == 200 * 365)
        // Quarters 2024-Q4 … 2026-Q4 for a span ending 2026-11-18: nine, each with an org budget and 20 team budgets.
        #expect(large.budgets(lastDay: Day(year: 2026, month: 11, day: 18)) == 9 * 21)
    }

    @Test func sameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws {
        for format in ImportFormat.allCases {
            try SyntheticOrganisation(scale: Self.reduced, seed: 7).writeFiles(format: format, to: dir.path("a"))
            try SyntheticOrganisation(scale: Self.reduced, seed: 7).writeFiles(format: format, to: dir.path("b"))
            try SyntheticOrganisation(scale: Self.reduced, seed: 8).writeFiles(format: format, to: dir.path("c"), kinds: [.runs])
            for kind in RecordKind.importOrder {
                let name = "\(kind.rawValue).\(format.rawValue)"
                #expect(try bytes(dir.path("a/\(name)")) == bytes(dir.path("b/\(name)")), "\(name) differs between two runs with one seed")
            }
            #expect(try bytes(dir.path("a/runs.\(format.rawValue)")) != bytes(dir.path("c/runs.\(format.rawValue)")))
        }
    }

    @Test(arguments: ImportFormat.allCases)
    func importedCountsAreWhatTheScalePromises(format: ImportFormat) throws {
        let organisation = SyntheticOrganisation(scale: Self.reduced, seed: 42)
        let written = try organisation.writeFiles(format: format, to: dir.path("files"))
        let store = try Store.create(at: dir.path("store.sqlite"))
        for kind in RecordKind.importOrder {
            let summary = try store.importFile(kind: kind, path: dir.path("files/\(kind.rawValue).\(format.rawValue)"), now: Instant(seconds: 0))
            #expect(summary.inserted == Self.reduced.count(of: kind, lastDay: organisation.lastDay), "\(kind)")
            #expect(written[kind] == summary.rows)
        }
        #expect(Self.reduced.count(of: .budgets, lastDay: organisation.lastDay) == 9 * 21)
        func text(_ sql: String) throws -> String? { try store.read { db in try String.fetchOne(db, sql: sql) } }
        // Two years of activity ending on the last day; serving covers only its last 30 days.
        #expect(try text("SELECT min(date) FROM costs") == "2024-11-19")
        #expect(try text("SELECT max(date) FROM costs") == "2026-11-18")
        #expect(try text("SELECT min(date) FROM serving") == "2026-10-20")
        #expect(try text("SELECT count(DISTINCT model) FROM serving") == "200")
        #expect(try text("SELECT count(DISTINCT team) FROM runs") == "20")
    }

    @Test func linksBetweenRecordsPointAtRecordsThatExist() throws {
        let organisation = SyntheticOrganisation(scale: Self.reduced, seed: 42)
        try organisation.writeFiles(format: .csv, to: dir.path("files"))
        let store = try Store.create(at: dir.path("store.sqlite"))
        for kind in RecordKind.importOrder {
            _ = try store.importFile(kind: kind, path: dir.path("files/\(kind.rawValue).csv"), now: Instant(seconds: 0))
        }
        func count(_ sql: String) throws -> Int { try store.read { db in try Int.fetchOne(db, sql: sql) ?? -1 } }
        #expect(try count("SELECT count(*) FROM deployments d WHERE run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = d.run_id AND r.model = d.model AND r.kind = 'training' AND r.placed_at <= d.deployed_at)") == 0)
        #expect(try count("SELECT count(*) FROM deployments WHERE run_id IS NOT NULL") > 500)
        #expect(try count("SELECT count(*) FROM incidents i WHERE deployment_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deployments d WHERE d.id = i.deployment_id AND d.model = i.model AND d.deployed_at < i.opened_at)") == 0)
        #expect(try count("SELECT count(*) FROM incidents WHERE deployment_id IS NOT NULL") > 0)
        #expect(try count("SELECT count(*) FROM costs c WHERE run_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.id = c.run_id)") == 0)
        #expect(try count("SELECT count(*) FROM runs r WHERE NOT EXISTS (SELECT 1 FROM models m WHERE m.name = r.model AND m.team = r.team)") == 0)
        #expect(try count("SELECT count(*) FROM models m WHERE NOT EXISTS (SELECT 1 FROM teams t WHERE t.name = m.team)") == 0)
    }

    @Test func teamsMatureAtDifferentPaces() throws {
        // A generator where every team looks the same would hide slow maturity metrics behind trivial ones.
        let organisation = SyntheticOrganisation(scale: SampleScale(teams: 5, models: 20, runs: 20_000, deployments: 2_000, costs: 0,
                                                                    incidents: 0, maintenance: 0, servingDays: 30, days: 730), seed: 1)
        var records = RecordSet()
        records.teams = organisation.teams()
        records.models = organisation.models()
        records.runs = (0..<20_000).map(organisation.run)
        records.deployments = (0..<2_000).map(organisation.deployment)
        let lastQuarter = Quarter(containing: organisation.lastDay).previous
        let maturity = MaturityOverview.compute(records: records, window: lastQuarter.window)
        let levels = Set(maturity.teams.compactMap(\.level))
        #expect(levels.count >= 2, "team levels: \(maturity.teams.map { "\($0.subject) \($0.level ?? -1)" })")
    }
}

@Suite struct ImportTrimmingTests {
    @Test(arguments: [("  a b ", "a b"), ("\ta\t", "a"), ("\u{00A0}x\u{2003}", "x"), ("x", "x"), ("   ", ""), ("", ""), ("é ", "é")])
    func trimsSpacesAndTabsLikeFoundation(input: String, expected: String) {
        #expect(input.trimmingSpaces() == expected)
        #expect(input.trimmingSpaces() == input.trimmingCharacters(in: .whitespaces))
    }
}
