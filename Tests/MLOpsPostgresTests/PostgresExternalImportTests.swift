import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// MLflow and FOCUS imports into PostgreSQL: the same counts, notes, errors, rows and
/// rollups as the same imports into SQLite, from the fixtures the SQLite tests use.
@Suite(.serialized, .enabled(if: PostgresServer.available, PostgresServer.skipReason))
struct PostgresExternalImportTests {
    let dir = TemporaryDirectory()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("MLOpsStoreTests/Fixtures")
    static let mlflow = fixtures.appendingPathComponent("mlflow.db").path
    static let mlflow2 = fixtures.appendingPathComponent("mlflow-2.db").path
    static let focusSample = fixtures.appendingPathComponent("focus-sample.csv").path
    static let firstImport = Instant(iso8601: "2026-10-10T08:00:00Z")!
    static let focusNow = Instant(iso8601: "2026-11-02T08:00:00Z")!

    /// The tables these imports write, their rollups and the import log (without its ids).
    static let tables: [(name: String, columns: String)] = RecordKind.allCases.map {
        let schema = RecordSchema.of($0)
        return (schema.table, schema.fields.map { "\"\($0.name)\"" }.joined(separator: ", "))
    } + [
        ("external_ids", "source, kind, external_id, record_id, first_seen_at"),
        ("external_production", "source, model, version, deployment_id, seen_at"),
        ("imports", "kind, source, imported_at, inserted, updated, unchanged"),
        ("record_days", "kind, day, records"), ("record_day_fields", "kind, day, field, filled"),
        ("cost_team_days", "day, team, model, credit, cents"), ("cost_months", "month, team, model, category, credit, cents, lines"),
        ("run_months", "month, team, model, runs, training, orchestrated, automated, monitoring_triggered, succeeded_training"),
    ]

    /// Every row of `tables` as text, sorted (the engines order NULLs differently); whole
    /// doubles print as integers, so 12.0 and 12 read alike.
    static func contents(_ endpoint: StoreMove.Endpoint) throws -> [String] {
        func text(_ value: DatabaseValue) -> String {
            switch value.storage {
            case .double(let d) where d == d.rounded() && abs(d) < 1e15: return String(Int64(d))
            default: return value.description
            }
        }
        var lines: [String] = []
        for table in tables {
            let sql = "SELECT \(table.columns) FROM \(table.name)"
            let rows: [[DatabaseValue]] = switch endpoint {
            case .sqlite(let s): try s.read { db in try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues) } }
            case .postgres(let s): try s.read { try $0.rows(sql).map(\.values) }
            }
            lines += rows.map { "\(table.name): " + $0.map(text).joined(separator: "|") }.sorted()
        }
        return lines
    }

    func stores() throws -> (Store, PostgresStore, PostgresServer.Database) {
        let server = try PostgresServer.Database()
        return (try Store.create(at: dir.path("s-\(UUID().uuidString).sqlite")), try PostgresStore.create(server.location), server)
    }

    func expectSameStores(_ sqlite: Store, _ postgres: PostgresStore, _ label: Comment) throws {
        let a = try Self.contents(.sqlite(sqlite)), b = try Self.contents(.postgres(postgres))
        #expect(a == b, label)
        #expect(!a.isEmpty)
    }

    func counts(_ summary: ExternalImportSummary, _ kind: RecordKind) -> [Int] {
        summary.counts(kind).map { [$0.rows, $0.inserted, $0.updated, $0.unchanged] } ?? []
    }

    // MARK: - MLflow

    @Test(arguments: [Self.mlflow, Self.mlflow2])
    func mlflowGivesTheSameStoreAndSummaries(mlflow: String) throws {
        let (sqlite, postgres, server) = try stores()
        let a = try sqlite.importMLflow(path: mlflow, now: Self.firstImport)
        let b = try postgres.importMLflow(path: mlflow, now: Self.firstImport)
        #expect(a == b)
        // 9 live runs; teams atlas and beacon; models churn and search-ranking; deployments
        // churn v1 (superseded), v2 (staging), v3 (champion), as the SQLite tests work out.
        #expect(counts(b, .runs) == [9, 9, 0, 0] && counts(b, .teams) == [2, 2, 0, 0] && counts(b, .models) == [2, 2, 0, 0])
        #expect(counts(b, .deployments) == [3, 3, 0, 0])
        #expect(b.notes == ["skipped 1 deleted runs"])
        try expectSameStores(sqlite, postgres, "after the first import")
        // The metric inputs the summary and the dashboard read, for the window the runs fall in.
        let now = Instant(iso8601: "2026-10-12T00:00:00Z")!
        _ = try PostgresEquivalenceTests().compare(sqlite, postgres, nows: [now, Self.firstImport],
                                                   filters: [.organisation, SubjectFilter(team: "atlas"), SubjectFilter(model: "search-ranking")])

        // Again, a day later: nothing new, nothing changed, on either engine.
        let later = Instant(iso8601: "2026-10-11T08:00:00Z")!
        let again = try postgres.importMLflow(path: mlflow, now: later)
        #expect(again == (try sqlite.importMLflow(path: mlflow, now: later)))
        for kind in [RecordKind.teams, .models, .runs, .deployments] {
            let k = try #require(again.counts(kind))
            #expect((k.inserted, k.updated, k.unchanged) == (0, 0, k.rows), "\(kind)")
        }
        try expectSameStores(sqlite, postgres, "after the second import")
        withExtendedLifetime(server) {}
    }

    @Test func mlflowProductionMovesAreDeploymentsAndRollbacks() throws {
        let mlflow = dir.path("mlflow.db")
        try FileManager.default.copyItem(atPath: Self.mlflow, toPath: mlflow)
        let (sqlite, postgres, server) = try stores()
        _ = try sqlite.importMLflow(path: mlflow, now: Self.firstImport)
        _ = try postgres.importMLflow(path: mlflow, now: Self.firstImport)

        // The champion alias goes back from version 3 to 2.
        func champion(_ version: Int) throws {
            try DatabaseQueue(path: mlflow).write { db in
                try db.execute(sql: "UPDATE registered_model_aliases SET version = ? WHERE name = 'churn' AND alias = 'champion'", arguments: [version])
            }
        }
        try champion(2)
        let second = Instant(iso8601: "2026-10-12T09:30:00Z")!
        let a = try sqlite.importMLflow(path: mlflow, now: second)
        let b = try postgres.importMLflow(path: mlflow, now: second)
        #expect(a == b)
        #expect(b.notes.contains("churn: production moved from version 3 to 2, a rollback of mlflow:churn/3/production"))
        // Planned now: v1 (superseded, as stored) and v2 in production at `second`, inserted;
        // v3, holding no alias and no stage any more, is not planned but rolled back: the update.
        #expect(counts(b, .deployments) == [2, 1, 1, 0])
        let production = try postgres.read {
            try $0.records(Deployment.self, "WHERE environment = 'production' ORDER BY deployed_at")
        }
        #expect(production.map(\.id) == ["mlflow:churn/1/production", "mlflow:churn/3/production", "mlflow:churn/2/production@\(second.seconds)"])
        #expect(production[1].status == .rolledBack && production[1].rolledBackAt == second)
        #expect(production[2].deployedAt == second && production[2].version == "2")
        // The rollups follow: v3 went live on 2026-10-06 (day 20,732 since 1970: 56 years with
        // 14 leap days, then 278 days), and that day's one deployment is now rolled back.
        #expect(try postgres.read {
            try $0.rows("SELECT filled FROM record_day_fields WHERE kind = 'deployments' AND field = 'rolled_back_at' AND day = 20732")
                .map { $0[0] as Int }
        } == [1])
        try expectSameStores(sqlite, postgres, "after the rollback")

        // Forward again: a new deployment, not a rollback.
        try champion(3)
        let third = Instant(iso8601: "2026-10-14T10:00:00Z")!
        let c = try postgres.importMLflow(path: mlflow, now: third)
        #expect(c == (try sqlite.importMLflow(path: mlflow, now: third)))
        #expect(c.notes.contains("churn: production moved from version 2 to 3"))
        #expect(try postgres.read { try $0.records(Deployment.self, "WHERE id = ?", [.text("mlflow:churn/3/production@\(third.seconds)")]) }.first?.status == .succeeded)
        try expectSameStores(sqlite, postgres, "after moving forward")
        withExtendedLifetime(server) {}
    }

    @Test func mlflowDryRunAndBadTagWriteNothing() throws {
        let (sqlite, postgres, server) = try stores()
        let dry = try postgres.importMLflow(path: Self.mlflow, options: MLflowImportOptions(dryRun: true), now: Self.firstImport)
        #expect(dry == (try sqlite.importMLflow(path: Self.mlflow, options: MLflowImportOptions(dryRun: true), now: Self.firstImport)))
        #expect(dry.dryRun && counts(dry, .runs) == [9, 9, 0, 0])
        #expect(try Self.contents(.postgres(postgres)).isEmpty)

        let mlflow = dir.path("bad.db")
        try FileManager.default.copyItem(atPath: Self.mlflow, toPath: mlflow)
        try DatabaseQueue(path: mlflow).write { db in
            try db.execute(sql: "UPDATE tags SET value = 'nightly' WHERE key = 'mlops.trigger' AND value = 'drift'")
        }
        let expected = try #require(throws: ImportError.self) { try sqlite.importMLflow(path: mlflow, now: Self.firstImport) }
        let got = try #require(throws: ImportError.self) { try postgres.importMLflow(path: mlflow, now: Self.firstImport) }
        #expect(got == expected && got.field == "mlops.trigger")
        #expect(try Self.contents(.postgres(postgres)).isEmpty)
        withExtendedLifetime(server) {}
    }

    // MARK: - FOCUS

    @Test func focusGivesTheSameStoreAndSummaries() throws {
        let (sqlite, postgres, server) = try stores()
        let a = try sqlite.importFocus(path: Self.focusSample, now: Self.focusNow)
        let b = try postgres.importFocus(path: Self.focusSample, now: Self.focusNow)
        #expect(a == b)
        // 10 rows, 41 day shares (1+2+31+1+1+1+1+1+1+1), the credit a negative line.
        #expect(counts(b, .costs) == [41, 41, 0, 0])
        #expect(b.notes == ["10 FOCUS rows in USD, BilledCost spread over their days",
                            "1 credit row (negative BilledCost, total -10.00) imported as negative cost lines"])
        #expect(try postgres.read { try $0.rows("SELECT sum(\(PostgresSchema.cents("amount")))::bigint, count(*) FROM costs")[0].values }
            == [94000, 41].map { Int64($0).databaseValue })
        try expectSameStores(sqlite, postgres, "after the first import")
        let october = TimeWindow(start: Day(iso8601: "2026-10-01")!.start, end: Day(iso8601: "2026-11-01")!.start)
        let query = MetricsQuery(window: october, previous: october.previous, windowLabel: "2026-10", now: Self.focusNow)
        #expect(try PlatformSnapshot.compute(source: sqlite.metricsSource, query: query) == PlatformSnapshot.compute(source: postgres.metricsSource, query: query))
        _ = try PostgresEquivalenceTests().compare(sqlite, postgres, nows: [Self.focusNow], filters: [.organisation, SubjectFilter(team: "atlas")])

        // Re-imported: every line unchanged. Then as EffectiveCost: p4d 400 → 300 and the
        // Savings Plan purchase 300 → 0 change in place.
        let again = try postgres.importFocus(path: Self.focusSample, now: Self.focusNow)
        #expect(again == (try sqlite.importFocus(path: Self.focusSample, now: Self.focusNow)))
        #expect(counts(again, .costs) == [41, 0, 0, 41])
        let effective = FocusImportOptions(cost: .effective)
        let amortised = try postgres.importFocus(path: Self.focusSample, options: effective, now: Self.focusNow)
        #expect(amortised == (try sqlite.importFocus(path: Self.focusSample, options: effective, now: Self.focusNow)))
        #expect(counts(amortised, .costs) == [41, 0, 2, 39])
        try expectSameStores(sqlite, postgres, "after the effective-cost import")
        withExtendedLifetime(server) {}
    }

    /// Two rows of one identity (every column but the costs alike) add up to one line per
    /// day, on both engines; re-importing the file changes nothing.
    @Test func rowsOfOneIdentityAddUpAndReimportUnchanged() throws {
        var lines = try String(contentsOfFile: Self.focusSample, encoding: .utf8).components(separatedBy: "\n")
        // Line 3: m5.xlarge, 36.00 over 36 hours from 10-01T12:00 (12.00 on the 1st, 24.00 on
        // the 2nd). Its twin bills 18.00: 6.00 and 12.00, so the lines are 18.00 and 36.00.
        #expect(lines[2].hasPrefix("36.00,"))
        lines.insert("18.00" + lines[2].dropFirst("36.00".count), at: 3)
        let path = dir.write("twins.csv", lines.joined(separator: "\n"))
        let (sqlite, postgres, server) = try stores()
        let a = try sqlite.importFocus(path: path, now: Self.focusNow)
        let b = try postgres.importFocus(path: path, now: Self.focusNow)
        #expect(a == b)
        #expect(counts(b, .costs) == [41, 41, 0, 0])
        #expect(b.notes.contains("2 day shares added to lines with the same identity"))
        #expect(b.notes.first == "11 FOCUS rows in USD, BilledCost spread over their days")
        let m5 = "SELECT date, \(PostgresSchema.cents("amount")) FROM costs WHERE resource_id LIKE '%i-0cpu01' ORDER BY date"
        #expect(try postgres.read { try $0.rows(m5).map { "\($0[0] as String) \($0[1] as Int)" } } == ["2026-10-01 1800", "2026-10-02 3600"])
        try expectSameStores(sqlite, postgres, "after the first import")

        // The same file again: the sums are what is stored, so nothing is updated.
        let again = try postgres.importFocus(path: path, now: Self.focusNow)
        #expect(again == (try sqlite.importFocus(path: path, now: Self.focusNow)))
        #expect(counts(again, .costs) == [41, 0, 0, 41])
        // The sample without the twin: the two m5 lines go back to 12.00 and 24.00.
        let single = try postgres.importFocus(path: Self.focusSample, now: Self.focusNow)
        #expect(single == (try sqlite.importFocus(path: Self.focusSample, now: Self.focusNow)))
        #expect(counts(single, .costs) == [41, 0, 2, 39])
        try expectSameStores(sqlite, postgres, "after the sample without the twin")
        withExtendedLifetime(server) {}
    }

    @Test func aBadRowOrAnotherCurrencyRollsEverythingBack() throws {
        let (sqlite, postgres, server) = try stores()
        var lines = try String(contentsOfFile: Self.focusSample, encoding: .utf8).components(separatedBy: "\n")
        // Line 9 of 11: ChargePeriodStart (column 12) without a zone, after 7 good rows.
        lines[8] = lines[8].replacingOccurrences(of: ",2026-10-", with: ",2026-10-X", options: [], range: nil)
        let bad = dir.write("bad.csv", lines.joined(separator: "\n"))
        let expected = try #require(throws: ImportError.self) { try sqlite.importFocus(path: bad, now: Self.focusNow) }
        let got = try #require(throws: ImportError.self) { try postgres.importFocus(path: bad, now: Self.focusNow) }
        #expect(got == expected)
        #expect(got.line == 9 && got.file == bad)
        #expect(try Self.contents(.postgres(postgres)).isEmpty)

        // A store whose budget is in EUR refuses a file in USD at its first row.
        let budgets = dir.write("budgets.csv", "scope,period,amount,currency\norg,2026-Q4,90000,EUR\n")
        _ = try sqlite.importFile(kind: .budgets, path: budgets, now: Self.focusNow)
        _ = try postgres.importFile(kind: .budgets, path: budgets, now: Self.focusNow)
        let before = try Self.contents(.postgres(postgres))
        let sqliteCurrency = try #require(throws: ImportError.self) { try sqlite.importFocus(path: Self.focusSample, now: Self.focusNow) }
        let currency = try #require(throws: ImportError.self) { try postgres.importFocus(path: Self.focusSample, now: Self.focusNow) }
        #expect(currency == sqliteCurrency)
        #expect((currency.line, currency.column, currency.value) == (2, 4, "USD"))
        #expect(currency.problem.hasPrefix("differs from EUR, the currency of the store's costs and budgets"))
        #expect(try Self.contents(.postgres(postgres)) == before)
        withExtendedLifetime(server) {}
    }

    /// SQLite keeps a NUL that a Tags value spells as `\u0000`; PostgreSQL cannot, so its
    /// import refuses the row at the Tags column and writes nothing.
    @Test func aNulInTagsIsRefusedAtItsColumn() throws {
        var lines = try String(contentsOfFile: Self.focusSample, encoding: .utf8).components(separatedBy: "\n")
        lines[5] = lines[5].replacingOccurrences(of: #""{""team"":""beacon""#, with: #""{""team"":""bea\u0000con""#)
        let path = dir.write("nul.csv", lines.joined(separator: "\n"))
        let (_, postgres, server) = try stores()
        let got = try #require(throws: ImportError.self) { try postgres.importFocus(path: path, now: Self.focusNow) }
        #expect((got.line, got.column, got.field) == (6, 42, "Tags"))
        #expect(got.problem == "holds a NUL byte, which PostgreSQL cannot store")
        #expect(try Self.contents(.postgres(postgres)).isEmpty)
        withExtendedLifetime(server) {}
    }

    // MARK: - Many writers

    /// Six importers on one server at once: the same FOCUS export twice, the same MLflow
    /// store twice, a runs file and a costs file. All finish; whichever import of a
    /// format goes first inserts, the other finds everything unchanged, and the rollups
    /// match the rows.
    @Test func importersOfEveryFormatAtOnce() throws {
        let server = try PostgresServer.Database()
        _ = try PostgresStore.create(server.location)
        let runs = dir.write("runs.csv", ([PostgresImportTests.header] + (0..<2000).map { PostgresImportTests.runLine($0) }).joined(separator: "\n") + "\n")
        let costs = dir.write("costs.csv", (["id,date,amount,currency,category,service,team,model,run_id,resource_id"]
            + (0..<3000).map { "c\($0),2026-10-\(String(format: "%02d", 1 + $0 % 28)),\(Double($0 % 97) / 4),USD,gpu,svc,t\($0 % 3),,," }).joined(separator: "\n") + "\n")
        let location = server.location, now = Self.focusNow
        let jobs: [@Sendable (PostgresStore) throws -> [ImportSummary]] = [
            { try $0.importFocus(path: Self.focusSample, now: now).kinds },
            { try $0.importFocus(path: Self.focusSample, now: now).kinds },
            { try $0.importMLflow(path: Self.mlflow, now: now).kinds },
            { try $0.importMLflow(path: Self.mlflow, now: now).kinds },
            { [try $0.importFile(kind: .runs, path: runs, now: now)] },
            { [try $0.importFile(kind: .costs, path: costs, now: now)] },
        ]
        let results = ResultBox<[ImportSummary]>(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            results.set(i, Result { try jobs[i](try PostgresStore.open(location, readOnly: false)) })
        }
        let summaries = try results.values.map { try $0.get() }
        func counts(_ job: Int, _ kind: RecordKind) -> [Int] {
            summaries[job].first { $0.kind == kind }.map { [$0.inserted, $0.updated, $0.unchanged] } ?? []
        }
        #expect(Set([counts(0, .costs), counts(1, .costs)]) == [[41, 0, 0], [0, 0, 41]])
        for (kind, rows) in [(RecordKind.teams, 2), (.models, 2), (.runs, 9), (.deployments, 3)] {
            #expect(Set([counts(2, kind), counts(3, kind)]) == [[rows, 0, 0], [0, 0, rows]], "\(kind)")
        }
        #expect(counts(4, .runs) == [2000, 0, 0] && counts(5, .costs) == [3000, 0, 0])
        let reader = try PostgresStore.open(location, readOnly: true)
        let stored = try StoreMove.counts(.postgres(reader))
        #expect(stored["runs"] == 2009 && stored["costs"] == 3041 && stored["deployments"] == 3 && stored["external_ids"] == 9)
        // 4 + 4 MLflow kinds, 1 + 1 FOCUS, 2 files.
        #expect(stored["imports"] == 12)
        try reader.read { session in
            for kind in ["runs", "costs", "deployments"] {
                let rolled: Int = try session.rows("SELECT COALESCE(sum(records), 0)::bigint FROM record_days WHERE kind = ?", [.text(kind)])[0][0]
                #expect(rolled == stored[kind], "\(kind) rollup")
            }
            let months: Int = try session.rows("SELECT sum(runs)::bigint FROM run_months")[0][0]
            #expect(months == 2009)
            let cents: Int64 = try session.rows("SELECT sum(cents)::bigint FROM cost_months")[0][0]
            let lines: Int64 = try session.rows("SELECT sum(\(PostgresSchema.cents("amount")))::bigint FROM costs")[0][0]
            #expect(cents == lines)
        }
    }
}
