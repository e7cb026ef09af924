import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

private let now = Instant(iso8601: "2026-10-15T12:00:00Z")!

private let runsHeader = "id,model,team,kind,status,trigger,orchestrated,registered,queued_at,started_at,ended_at,gpu_hours,user,error"

/// Every row of every table, so a test can prove a failed import changed nothing.
private func snapshot(_ store: Store) throws -> [String] {
    try store.read { db in
        var lines: [String] = []
        for kind in RecordKind.allCases {
            let table = RecordSchema.of(kind).table
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") { lines.append("\(table): \(row)") }
        }
        lines.append("imports: \(try Int.fetchOne(db, sql: "SELECT count(*) FROM imports")!)")
        return lines
    }
}

private func expectImportError(_ store: Store, _ kind: RecordKind, _ path: String,
                               _ check: (ImportError) -> Void) throws {
    let before = try snapshot(store)
    do {
        _ = try store.importFile(kind: kind, path: path, now: now)
        Issue.record("import of \(path) should have failed")
    } catch let error as ImportError {
        check(error)
    }
    #expect(try snapshot(store) == before, "a failed import must leave the store unchanged")
}

@Suite struct ImportTests {
    let dir = TemporaryDirectory()

    func seededStore() throws -> Store {
        let store = try Store.create(at: dir.path("store.sqlite"))
        let runs = dir.write("seed.csv", """
            \(runsHeader)
            r0,churn,atlas,training,succeeded,schedule,true,true,,2026-10-01T09:00:00Z,2026-10-01T10:00:00Z,1.5,ana,
            """)
        _ = try store.importFile(kind: .runs, path: runs, now: now)
        return store
    }

    @Test func importsCSVAndConvertsOffsetsToUTC() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let path = dir.write("runs.csv", """
            \(runsHeader)
            r1,churn,atlas,training,succeeded,schedule,true,false,2026-10-01T08:55:00Z,2026-10-01T11:00:00+02:00,2026-10-01T10:30:00Z,2.5,ana,
            "r2",churn,atlas,experiment,failed,manual,no,0,,2026-10-02T09:00:00-05:30,2026-10-02T15:00:00Z,,bo,"OOM, ""killed""
            on node 7"
            """)
        let summary = try store.importFile(kind: .runs, path: path, now: now)
        #expect(summary == ImportSummary(kind: .runs, file: path, rows: 2, inserted: 2, updated: 0, unchanged: 0, dryRun: false))
        let rows = try store.read { db in try Row.fetchAll(db, sql: "SELECT id, started_at, error, orchestrated FROM runs ORDER BY id") }
        // 11:00+02:00 is 09:00Z; 09:00-05:30 is 14:30Z.
        #expect(rows[0]["started_at"] as Int64 == Instant(iso8601: "2026-10-01T09:00:00Z")!.seconds)
        #expect(rows[1]["started_at"] as Int64 == Instant(iso8601: "2026-10-02T14:30:00Z")!.seconds)
        #expect(rows[1]["error"] as String == "OOM, \"killed\"\non node 7")
        #expect(rows[1]["orchestrated"] as Bool == false)
    }

    @Test func importsJSONLinesWithTheSameFields() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let path = dir.write("deployments.jsonl", """
            {"id": "d1", "model": "churn", "team": "atlas", "version": 3, "environment": "production", "deployed_at": "2026-10-03T10:00:00Z", "method": "automated", "run_id": "r1", "status": "rolled_back", "rolled_back_at": "2026-10-03T12:00:00Z"}
            {"id": "d2", "model": "churn", "team": "atlas", "version": "4", "environment": "staging", "deployed_at": "2026-10-04T10:00:00Z", "method": "manual", "run_id": null, "status": "succeeded"}
            """)
        let summary = try store.importFile(kind: .deployments, path: path, now: now)
        #expect(summary.inserted == 2)
        let d1 = try store.read { db in try Row.fetchOne(db, sql: "SELECT * FROM deployments WHERE id = 'd1'")! }
        #expect(d1["version"] as String == "3")
        #expect(d1["status"] as String == "rolled_back")
        #expect(d1["rolled_back_at"] as Int64 == Instant(iso8601: "2026-10-03T12:00:00Z")!.seconds)
    }

    @Test func reimportIsIdempotentAndCountsUpdates() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let first = dir.write("teams.csv", "name,ml_engineers,platform_engineers,hours_per_week\natlas,8,2,40\nbeacon,5,1,\n")
        #expect(try store.importFile(kind: .teams, path: first, now: now).inserted == 2)
        let again = try store.importFile(kind: .teams, path: first, now: now)
        #expect((again.inserted, again.updated, again.unchanged) == (0, 0, 2))
        let changed = dir.write("teams2.csv", "name,ml_engineers,platform_engineers,hours_per_week\natlas,9,2,40\nbeacon,5,1,40\ncobalt,3,0,32\n")
        let third = try store.importFile(kind: .teams, path: changed, now: now)
        // beacon's empty hours_per_week defaulted to 40, so writing 40 again is no change.
        #expect((third.inserted, third.updated, third.unchanged) == (1, 1, 1))
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM imports") } == 3)
    }

    @Test func dryRunCountsButWritesNothing() throws {
        let store = try seededStore()
        let path = dir.write("runs.csv", """
            \(runsHeader)
            r0,churn,atlas,training,succeeded,schedule,true,true,,2026-10-01T09:00:00Z,2026-10-01T10:00:00Z,9.5,ana,
            r9,churn,atlas,training,running,schedule,true,false,,2026-10-05T09:00:00Z,,,ana,
            """)
        let before = try snapshot(store)
        let summary = try store.importFile(kind: .runs, path: path, dryRun: true, now: now)
        #expect((summary.rows, summary.inserted, summary.updated, summary.unchanged) == (2, 1, 1, 0))
        #expect(summary.dryRun)
        #expect(try snapshot(store) == before)
    }

    @Test func everyKindImportsFromBothFormats() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let csv: [RecordKind: String] = [
            .teams: "name,ml_engineers,platform_engineers\natlas,8,2",
            .models: "name,team,serving,slo_p95_ms,slo_availability,created_at\nchurn,atlas,online,120,99.9,2026-01-05T00:00:00Z",
            .runs: "\(runsHeader)\nr1,churn,atlas,pipeline,succeeded,drift,true,true,,2026-10-01T09:00:00Z,2026-10-01T10:00:00Z,1,,",
            .deployments: "id,model,team,version,environment,deployed_at,method,run_id,status,rolled_back_at\nd1,churn,atlas,7,production,2026-10-02T09:00:00Z,automated,r1,succeeded,",
            .incidents: "id,team,model,severity,kind,opened_at,acknowledged_at,resolved_at,deployment_id,downtime_minutes,title\ni1,atlas,churn,2,latency,2026-10-02T10:00:00Z,2026-10-02T10:05:00Z,,d1,12,Slow scores",
            .maintenance: "id,team,person,category,system,hours,date,note\nm1,atlas,ana,pipeline_fix,airflow,3.5,2026-10-02,",
            .costs: "id,date,amount,currency,category,service,team,model,run_id,resource_id\nc1,2026-10-02,120.50,eur,gpu,A100 pool,atlas,churn,r1,",
            .budgets: "scope,period,amount,currency\norg,2026-Q4,90000,EUR\natlas,2026-10,12000,EUR",
            .serving: "model,date,requests,errors,p50_ms,p95_ms,downtime_minutes\nchurn,2026-10-02,100000,12,20,95,0",
        ]
        for kind in RecordKind.importOrder {
            let path = dir.write("\(kind).csv", csv[kind]! + "\n")
            let summary = try store.importFile(kind: kind, path: path, now: now)
            #expect(summary.inserted == summary.rows && summary.rows >= 1, "\(kind) from CSV")
        }
        // The same rows as JSON Lines, read back from the store, import as unchanged.
        for kind in RecordKind.importOrder {
            let schema = RecordSchema.of(kind)
            let lines = try store.read { db in
                try Row.fetchAll(db, sql: "SELECT * FROM \(schema.table)").map { row in
                    let pairs = schema.fields.map { f -> String in
                        let v = row[f.name] as DatabaseValue
                        let text: String
                        switch f.type {
                        case .timestamp: text = (Int64.fromDatabaseValue(v)).map { "\"\(Instant(seconds: $0).iso8601)\"" } ?? "null"
                        default:
                            switch v.storage {
                            case .null: text = "null"
                            case .int64(let i): text = String(i)
                            case .double(let d): text = String(d)
                            case .string(let s): text = "\"\(s)\""
                            case .blob: text = "null"
                            }
                        }
                        return "\"\(f.name)\": \(text)"
                    }
                    return "{" + pairs.joined(separator: ", ") + "}"
                }
            }
            let path = dir.write("\(kind).jsonl", lines.joined(separator: "\n") + "\n")
            let summary = try store.importFile(kind: kind, path: path, now: now)
            #expect(summary.unchanged == summary.rows && summary.rows >= 1, "\(kind) from JSONL")
        }
        #expect(try store.read { db in try String.fetchOne(db, sql: "SELECT currency FROM costs") } == "EUR")
    }

    // MARK: - Bad input: each names the place and changes nothing

    @Test func missingRequiredColumn() throws {
        let store = try seededStore()
        let path = dir.write("runs.csv", "id,model,team,kind,trigger,started_at\nr1,churn,atlas,training,manual,2026-10-01T09:00:00Z\n")
        try expectImportError(store, .runs, path) { e in
            #expect(e == ImportError(file: path, line: 1, field: "status", problem: "required column is missing from the header"))
            #expect(e.description == "\(path):1: field 'status': required column is missing from the header")
        }
    }

    @Test func missingRequiredFieldInJSONLines() throws {
        let store = try seededStore()
        let path = dir.write("runs.jsonl", """
            {"id": "r1", "model": "churn", "team": "atlas", "kind": "training", "status": "failed", "trigger": "manual", "started_at": "2026-10-01T09:00:00Z"}
            {"id": "r2", "model": "churn", "kind": "training", "status": "failed", "trigger": "manual", "started_at": "2026-10-01T09:00:00Z"}
            """)
        try expectImportError(store, .runs, path) { e in
            #expect((e.line, e.field, e.problem) == (2, "team", "required field is missing"))
        }
    }

    @Test func unknownEnumValue() throws {
        let store = try seededStore()
        let path = dir.write("runs.csv", "\(runsHeader)\nr1,churn,atlas,training,succeeded,manual,,,,2026-10-01T09:00:00Z,,,,\nr2,churn,atlas,training,done,manual,,,,2026-10-01T09:00:00Z,,,,\n")
        try expectImportError(store, .runs, path) { e in
            #expect(e.description == "\(path):3:5: field 'status': 'done' is not valid; expected one of succeeded, failed, cancelled, running")
        }
    }

    @Test func badTimestamp() throws {
        let store = try seededStore()
        // No zone: ambiguous, so refused.
        let path = dir.write("runs.jsonl", #"{"id": "r1", "model": "churn", "team": "atlas", "kind": "training", "status": "failed", "trigger": "manual", "started_at": "2026-10-01 09:00"}"# + "\n")
        try expectImportError(store, .runs, path) { e in
            #expect(e.line == 1)
            #expect(e.column == 124)
            #expect(e.field == "started_at")
            #expect(e.value == "2026-10-01 09:00")
            #expect(e.problem.hasPrefix("is not valid; expected an ISO 8601 timestamp with a zone"))
        }
        let feb30 = dir.write("m.csv", "id,team,category,hours,date\nm1,atlas,toil,1,2026-02-30\n")
        try expectImportError(store, .maintenance, feb30) { e in
            #expect((e.line, e.column, e.field, e.value) == (2, 5, "date", "2026-02-30"))
        }
    }

    @Test func negativeHoursAndCost() throws {
        let store = try seededStore()
        let hours = dir.write("m.csv", "id,team,category,hours,date\nm1,atlas,toil,-2,2026-10-01\n")
        try expectImportError(store, .maintenance, hours) { e in
            #expect(e.description == "\(hours):2:4: field 'hours': '-2' is negative; expected a number ≥ 0")
        }
        // A budget cannot be negative; a cost can: a credit or refund is a negative line.
        let budget = dir.write("b.csv", "scope,period,amount,currency\norg,2026-10,-1,EUR\n")
        try expectImportError(store, .budgets, budget) { e in
            #expect((e.line, e.column, e.field, e.value) == (2, 3, "amount", "-1"))
        }
        let cost = dir.write("c.csv", "id,date,amount,currency,category\nc1,2026-10-01,12,EUR,gpu\nc2,2026-10-01,-0.5,EUR,gpu\nc3,2026-10-01,x,EUR,gpu\n")
        try expectImportError(store, .costs, cost) { e in
            #expect((e.line, e.column, e.field, e.value) == (4, 3, "amount", "x"))
        }
    }

    @Test func amountsAreExactCentsRoundedOnTheirDecimalDigits() throws {
        let store = try seededStore()
        // 1.005 is 1.00499… in binary: rounded from the double it would be 1.00. On the
        // digits as written it is 1.01; −0.125 is −0.13 (half away from zero); 2.5e1 is 25.
        let path = dir.write("c.csv", "id,date,amount,currency,category\nc1,2026-10-01,1.005,EUR,gpu\nc2,2026-10-01,-0.125,EUR,other\nc3,2026-10-01,2.5e1,EUR,cpu\n")
        _ = try store.importFile(kind: .costs, path: path, now: now)
        let amounts = try store.read { db in try Double.fetchAll(db, sql: "SELECT amount FROM costs WHERE id IN ('c1', 'c2', 'c3') ORDER BY id") }
        #expect(amounts.map(Money.cents) == [101, -13, 2500])
        #expect(amounts == [1.01, -0.13, 25])
    }

    @Test func endBeforeStart() throws {
        let store = try seededStore()
        let path = dir.write("runs.csv", "\(runsHeader)\nr1,churn,atlas,training,failed,manual,,,,2026-10-01T09:00:00Z,2026-10-01T08:59:59Z,,,\n")
        try expectImportError(store, .runs, path) { e in
            #expect((e.line, e.column, e.field) == (2, 11, "ended_at"))
            #expect(e.problem == "is before started_at (2026-10-01T09:00:00Z); a record cannot end before it starts")
        }
        let incidents = dir.write("i.csv", "id,team,severity,kind,opened_at,resolved_at,title\ni1,atlas,1,outage,2026-10-01T09:00:00Z,2026-10-01T08:00:00Z,Down\n")
        try expectImportError(store, .incidents, incidents) { e in
            #expect((e.line, e.column, e.field) == (2, 6, "resolved_at"))
        }
    }

    @Test func duplicateIdWithinOneFile() throws {
        let store = try seededStore()
        let path = dir.write("runs.csv", """
            \(runsHeader)
            r1,churn,atlas,training,failed,manual,,,,2026-10-01T09:00:00Z,,,,
            r2,churn,atlas,training,failed,manual,,,,2026-10-01T09:00:00Z,,,,
            r1,churn,atlas,training,succeeded,manual,,,,2026-10-01T09:00:00Z,,,,
            """)
        try expectImportError(store, .runs, path) { e in
            #expect(e.description == "\(path):4:1: field 'id': 'r1' repeats the record on line 2; each record may appear once per file")
        }
    }

    @Test func nonUTF8Bytes() throws {
        let store = try seededStore()
        var bytes = Array("id,team,category,hours,date,note\nm1,atlas,toil,1,2026-10-01,caf".utf8)
        bytes += [0xE9]  // Latin-1 'é'
        bytes += Array("\n".utf8)
        let path = dir.write("m.csv", bytes: bytes)
        try expectImportError(store, .maintenance, path) { e in
            #expect((e.line, e.column, e.problem) == (2, 6, "holds bytes that are not valid UTF-8"))
        }
        var jsonl = Array(#"{"id": "m1", "team": "atl"#.utf8)
        jsonl += [0xFF]
        jsonl += Array(#"as", "category": "toil", "hours": 1, "date": "2026-10-01"}"#.utf8)
        let jpath = dir.write("m.jsonl", bytes: jsonl)
        try expectImportError(store, .maintenance, jpath) { e in
            #expect((e.line, e.column) == (1, 26))
        }
    }

    @Test func emptyFile() throws {
        let store = try seededStore()
        let csv = dir.write("empty.csv", "")
        try expectImportError(store, .runs, csv) { e in
            #expect(e.description == "\(csv): is empty; expected a header line naming the columns, then one row per record")
        }
        let headerOnly = dir.write("header.csv", runsHeader + "\n")
        try expectImportError(store, .runs, headerOnly) { e in
            #expect(e.problem == "holds no records; expected at least one row")
        }
        let jsonl = dir.write("empty.jsonl", "\n\n")
        try expectImportError(store, .runs, jsonl) { e in #expect(e.line == nil) }
    }

    @Test func fileThatDoesNotExist() throws {
        let store = try seededStore()
        try expectImportError(store, .runs, dir.path("nope.csv")) { e in
            #expect(e.description == "\(dir.path("nope.csv")): no such file")
        }
    }

    @Test func unknownColumnAndWrongFieldCount() throws {
        let store = try seededStore()
        let path = dir.write("t.csv", "name,ml_engineers,platform_engineer\natlas,1,1\n")
        try expectImportError(store, .teams, path) { e in
            #expect((e.line, e.column, e.value) == (1, 3, "platform_engineer"))
        }
        let short = dir.write("t2.csv", "name,ml_engineers,platform_engineers\natlas,1\n")
        try expectImportError(store, .teams, short) { e in
            #expect(e.description == "\(short):2:2: has 2 fields; expected 3, one per header column")
        }
    }

    @Test func storeLockedByAnotherWriter() throws {
        // A short wait, so the test need not sit out the 5 s a real writer waits.
        let store = try Store.openForWriting(at: try seededStore().path, lockTimeout: 0.3)
        let path = dir.write("t.csv", "name,ml_engineers,platform_engineers\natlas,1,1\n")
        var config = Configuration()
        config.allowsUnsafeTransactions = true  // hold the write lock across accesses, as another importer would
        let other = try DatabaseQueue(path: store.path, configuration: config)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let before = try snapshot(store)
        #expect(throws: StoreError.locked(path: store.path)) {
            try store.importFile(kind: .teams, path: path, now: now)
        }
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(try snapshot(store) == before)
    }

    @Test func fileThatIsNotAStore() throws {
        let text = dir.write("notes.txt", "just some text, not SQLite at all, long enough to have a header region......\n")
        #expect(throws: StoreError.notAStore(path: text, detail: "the file is not a SQLite database")) {
            try Store.openForWriting(at: text)
        }
        let foreign = dir.path("other.sqlite")
        let q = try DatabaseQueue(path: foreign)
        try q.write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        #expect(throws: StoreError.notAStore(path: foreign, detail: "a SQLite database of another application")) {
            try Store.openReadOnly(at: foreign)
        }
        #expect(throws: StoreError.alreadyExists(path: text)) { try Store.create(at: text) }
    }
}
