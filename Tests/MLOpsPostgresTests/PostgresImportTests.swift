import Foundation
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// Imports into PostgreSQL check, count and fail exactly as SQLite imports do, and many
/// importers at once all finish with exact counts.
@Suite(.serialized, .enabled(if: PostgresServer.available, PostgresServer.skipReason))
struct PostgresImportTests {
    let dir = TemporaryDirectory()
    static let header = "id,model,team,kind,status,trigger,orchestrated,registered,queued_at,started_at,ended_at,gpu_hours,user,error"

    static func runLine(_ i: Int, status: String = "succeeded", user: String = "ana") -> String {
        let start = Instant(seconds: 1_790_000_000 + Int64(i) * 600)
        return "r\(i),m\(i % 7),t\(i % 3),training,\(status),manual,true,false,,\(start.iso8601),\(start.adding(seconds: 300).iso8601),0.5,\(user),"
    }

    func runsFile(_ name: String, _ ids: some Sequence<Int>, status: String = "succeeded") -> String {
        dir.write(name, ([Self.header] + ids.map { Self.runLine($0, status: status) }).joined(separator: "\n") + "\n")
    }

    @Test func badRowWritesNothingAndSaysWhere() throws {
        let server = try PostgresServer.Database()
        let postgres = try PostgresStore.create(server.location)
        let sqlite = try Store.create(at: dir.path("s.sqlite"))
        var lines = [Self.header] + (0..<3000).map { Self.runLine($0) }
        lines[2500] = lines[2500].replacingOccurrences(of: ",training,", with: ",trainingx,")
        let file = dir.write("bad.csv", lines.joined(separator: "\n") + "\n")
        let expected = try #require(throws: ImportError.self) { try sqlite.importFile(kind: .runs, path: file, now: Instant(seconds: 0)) }
        let got = try #require(throws: ImportError.self) { try postgres.importFile(kind: .runs, path: file, now: Instant(seconds: 0)) }
        #expect(got == expected)
        #expect(got.line == 2501 && got.column == 4)
        #expect(try postgres.read { try $0.rows("SELECT (SELECT count(*) FROM runs) + (SELECT count(*) FROM imports) + (SELECT count(*) FROM record_days)")[0][0] as Int } == 0)
    }

    @Test func repeatedKeyAndTextPostgreSQLCannotHold() throws {
        let server = try PostgresServer.Database()
        let postgres = try PostgresStore.create(server.location)
        let sqlite = try Store.create(at: dir.path("s.sqlite"))
        let repeated = runsFile("repeat.csv", Array(0..<1000) + [17] + Array(1000..<1200) + [900])
        let expected = try #require(throws: ImportError.self) { try sqlite.importFile(kind: .runs, path: repeated, now: Instant(seconds: 0)) }
        let got = try #require(throws: ImportError.self) { try postgres.importFile(kind: .runs, path: repeated, now: Instant(seconds: 0)) }
        #expect(got == expected)
        #expect(got.line == 1002 && "\(got)".contains("repeats the record on line 19"))
        // The same into a kind that holds rows (an upsert), even when both copies match the stored row.
        _ = try postgres.importFile(kind: .runs, path: runsFile("some.csv", 0..<10), now: Instant(seconds: 0))
        let twice = runsFile("twice.csv", [3, 4, 3])
        #expect(throws: ImportError(file: twice, line: 4, column: 1, field: "id", value: "r3", problem: "repeats the record on line 2; each record may appear once per file")) {
            try postgres.importFile(kind: .runs, path: twice, now: Instant(seconds: 0))
        }
        let nul = dir.write("nul.csv", Self.header + "\n" + Self.runLine(1, user: "a\u{0}b") + "\n")
        let problem = try #require(throws: ImportError.self) { try postgres.importFile(kind: .runs, path: nul, now: Instant(seconds: 0)) }
        #expect(problem == (try #require(throws: ImportError.self) { try sqlite.importFile(kind: .runs, path: nul, now: Instant(seconds: 0)) }))
        #expect(problem.line == 2 && problem.column == 13)
        // Tabs, newlines and backslashes in text survive the COPY format.
        let odd = dir.write("odd.jsonl", #"{"id":"x1","model":"m","team":"t","kind":"training","status":"failed","trigger":"manual","started_at":"2026-10-01T09:00:00Z","error":"a\tb\nc\\d \u001b[31m"}"# + "\n")
        _ = try postgres.importFile(kind: .runs, path: odd, now: Instant(seconds: 0))
        #expect(try postgres.read { try $0.records(Run.self, "WHERE id = 'x1'") }.first?.error == "a\tb\nc\\d \u{1b}[31m")
    }

    @Test func reimportCountsAndDryRun() throws {
        let server = try PostgresServer.Database()
        let postgres = try PostgresStore.create(server.location)
        let first = try postgres.importFile(kind: .runs, path: runsFile("a.csv", 0..<500), now: Instant(seconds: 1))
        #expect((first.inserted, first.updated, first.unchanged) == (500, 0, 0))
        let dry = try postgres.importFile(kind: .runs, path: runsFile("b.csv", 250..<750, status: "failed"), dryRun: true, now: Instant(seconds: 2))
        #expect((dry.inserted, dry.updated, dry.unchanged, dry.dryRun) == (250, 250, 0, true))
        let again = try postgres.importFile(kind: .runs, path: runsFile("c.csv", 0..<600), now: Instant(seconds: 3))
        #expect((again.inserted, again.updated, again.unchanged) == (100, 0, 500))
        #expect(try postgres.read { try $0.rows("SELECT sum(records)::bigint FROM record_days WHERE kind = 'runs'")[0][0] as Int } == 600)
        #expect(try postgres.read { try $0.rows("SELECT sum(runs)::bigint FROM run_months")[0][0] as Int } == 600)
    }

    /// Eight importers on one server at once: four of runs with overlapping keys, two of
    /// costs, one of deployments, one of runs again with changed values. All succeed; each
    /// key is inserted exactly once, whoever wins the race, and the rollups match the rows.
    @Test func eightConcurrentImporters() throws {
        let server = try PostgresServer.Database()
        _ = try PostgresStore.create(server.location)
        let costHeader = "id,date,amount,currency,category,service,team,model,run_id,resource_id"
        var files: [(RecordKind, String)] = (0..<4).map { k in (.runs, runsFile("runs-\(k).csv", (k * 2000)..<(k * 2000 + 4000))) }
        files.append((.runs, runsFile("runs-failed.csv", 3000..<5000, status: "failed")))
        for k in 0..<2 {
            files.append((.costs, dir.write("costs-\(k).csv", ([costHeader] + (k * 3000..<(k * 3000 + 5000)).map {
                "c\($0),2026-10-\(String(format: "%02d", 1 + $0 % 28)),\(Double($0 % 97) / 4),USD,gpu,svc,t\($0 % 3),,,"
            }).joined(separator: "\n") + "\n")))
        }
        files.append((.deployments, dir.write("deployments.csv", (["id,model,team,version,environment,deployed_at,method,run_id,status,rolled_back_at"]
            + (0..<1000).map { "d\($0),m\($0 % 7),t\($0 % 3),v\($0),production,\(Instant(seconds: 1_790_000_000 + Int64($0) * 3600).iso8601),automated,r\($0),succeeded," }).joined(separator: "\n") + "\n")))
        let results = ResultBox<ImportSummary>(count: files.count)
        let location = server.location, work = files
        DispatchQueue.concurrentPerform(iterations: work.count) { i in
            results.set(i, Result {
                let store = try PostgresStore.open(location, readOnly: false)
                return try store.importFile(kind: work[i].0, path: work[i].1, now: Instant(seconds: Int64(i)))
            })
        }
        let summaries = try results.values.map { try $0.get() }
        let runImports = summaries.filter { $0.kind == .runs }
        #expect(runImports.reduce(0) { $0 + $1.inserted } == 10_000)
        #expect(summaries.filter { $0.kind == .costs }.reduce(0) { $0 + $1.inserted } == 8_000)
        for s in summaries { #expect(s.inserted + s.updated + s.unchanged == s.rows) }
        let reader = try PostgresStore.open(server.location, readOnly: true)
        let counts = try StoreMove.counts(.postgres(reader))
        #expect(counts["runs"] == 10_000 && counts["costs"] == 8_000 && counts["deployments"] == 1_000 && counts["imports"] == 8)
        try reader.read { session in
            for (kind, table) in [("runs", "runs"), ("costs", "costs"), ("deployments", "deployments")] {
                let rolled: Int = try session.rows("SELECT COALESCE(sum(records), 0)::bigint FROM record_days WHERE kind = ?", [.text(kind)])[0][0]
                let stored: Int = try session.rows("SELECT count(*) FROM \(table)")[0][0]
                #expect(rolled == stored, "\(kind) rollup")
            }
            let months: Int = try session.rows("SELECT sum(runs)::bigint FROM run_months")[0][0]
            #expect(months == 10_000)
            let cents: Int64 = try session.rows("SELECT sum(cents)::bigint FROM cost_months")[0][0]
            let lines: Int64 = try session.rows("SELECT sum(\(PostgresSchema.cents("amount")))::bigint FROM costs")[0][0]
            #expect(cents == lines)
        }
    }
}

/// Results written by concurrent workers, one slot each.
final class ResultBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, Error>?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<Value, Error>) { lock.lock(); slots[i] = r; lock.unlock() }
    var values: [Result<Value, Error>] { lock.lock(); defer { lock.unlock() }; return slots.map { $0! } }
}
