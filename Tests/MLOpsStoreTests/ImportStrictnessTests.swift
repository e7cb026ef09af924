import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SafeText
import SnapshotSupport
import Testing

private let now = Instant(iso8601: "2026-10-15T12:00:00Z")!

private let runsHeader = "id,model,team,kind,status,trigger,orchestrated,registered,queued_at,started_at,ended_at,gpu_hours,user,error"

/// A valid runs row; `gpu` goes in gpu_hours.
private func runRow(_ id: String, gpu: String = "1.5", started: String = "2026-10-01T09:00:00Z",
                    ended: String = "2026-10-01T10:00:00Z") -> String {
    "\(id),churn,atlas,training,succeeded,schedule,true,true,,\(started),\(ended),\(gpu),ana,"
}

/// Everything in the runs table and the import log, so a test can prove a failed import wrote nothing.
private func contents(_ store: Store) throws -> [String] {
    try store.read { db in
        try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map(\.description)
            + [String(try Int.fetchOne(db, sql: "SELECT count(*) FROM imports")!)]
    }
}

@Suite struct ImportStrictnessTests {
    let dir = TemporaryDirectory()

    func store() throws -> Store {
        let store = try Store.create(at: dir.path("store.sqlite"))
        _ = try store.importFile(kind: .runs, path: dir.write("seed.csv", "\(runsHeader)\n\(runRow("r0"))\n"), now: now)
        return store
    }

    func refused(_ store: Store, _ path: String, kind: RecordKind = .runs, format: ImportFormat? = nil) throws -> ImportError {
        let before = try contents(store)
        defer { #expect((try? contents(store)) == before, "a refused file must leave the store as it was") }
        do {
            _ = try store.importFile(kind: kind, path: path, format: format, now: now)
        } catch let error as ImportError {
            return error
        }
        Issue.record("import of \(path) should have failed")
        return ImportError(file: path, problem: "was accepted")
    }

    // MARK: - Rows read on a second thread

    /// Rows are read and checked ahead of the writer in batches (`ParsedBatches`): a bad
    /// row several batches in still fails at its own line, after the rows before it were
    /// written, and the transaction leaves nothing behind.
    @Test(arguments: [1, 511, 512, 513, 1_537, 2_999])
    func aBadRowDeepInTheFileFailsAtItsLineAndWritesNothing(badRow: Int) throws {
        let store = try store()
        var lines = [runsHeader]
        for i in 1...3_000 { lines.append(i == badRow ? runRow("x\(i)", gpu: "lots") : runRow("x\(i)")) }
        let path = dir.write("deep.csv", lines.joined(separator: "\n") + "\n")
        let e = try refused(store, path)
        #expect(e.description.hasPrefix("\(path):\(badRow + 1):12: "), "\(e)")
    }

    @Test func aKeyRepeatedBatchesLaterNamesItsFirstLine() throws {
        let store = try store()
        var lines = [runsHeader]
        for i in 1...2_000 { lines.append(runRow(i == 1_900 ? "x7" : "x\(i)")) }
        let path = dir.write("repeat.csv", lines.joined(separator: "\n") + "\n")
        let e = try refused(store, path)
        #expect(e.description.contains("\(path):1901:1: ") && e.description.contains("repeats the record on line 8"), "\(e)")
    }

    @Test func everyRowOfAFileOfManyBatchesIsWrittenOnce() throws {
        let store = try store()
        var lines = [runsHeader]
        for i in 1...5_000 { lines.append(runRow("y\(i)")) }
        let summary = try store.importFile(kind: .runs, path: dir.write("many.csv", lines.joined(separator: "\n") + "\n"), now: now)
        #expect(summary.rows == 5_000 && summary.inserted == 5_000)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs WHERE id LIKE 'y%'") } == 5_000)
    }

    // MARK: - NUL

    @Test func nulByteInACSVField() throws {
        let store = try store()
        let path = dir.write("nul.csv", bytes: Array("\(runsHeader)\n\(runRow("r1"))\nr2,ch".utf8) + [0] + Array("urn,atlas\n".utf8))
        let e = try refused(store, path)
        #expect(e.description == "\(path):3:2: holds a NUL byte; text may not contain NUL")
    }

    @Test func nulInAJSONStringEscapedOrRaw() throws {
        let store = try store()
        let escaped = dir.write("nul.jsonl", #"{"id": "a\u0000b", "model": "m", "team": "t", "kind": "training", "status": "running", "trigger": "ci", "started_at": "2026-10-01T09:00:00Z"}"# + "\n")
        // The escape starts at character 10 of the line.
        #expect(try refused(store, escaped).description == "\(escaped):1:10: holds a NUL character (\\u0000); text may not contain NUL")
        let raw = dir.write("raw.jsonl", bytes: Array(#"{"id": "a"#.utf8) + [0] + Array(#"b"}"#.utf8) + [10])
        #expect(try refused(store, raw).description == "\(raw):1:10: holds a NUL byte; text may not contain NUL")
    }

    // MARK: - Numbers

    @Test(arguments: ["0x10", "0x1p3", "inf", "-inf", "nan", "infinity", "1e400", "1.5.2", "1e", "e3", ".", "1_000", "١٢"])
    func numbersInOtherFormsAreRefused(text: String) throws {
        let store = try store()
        let path = dir.write("n.csv", "\(runsHeader)\n\(runRow("r1", gpu: text))\n")
        let e = try refused(store, path)
        #expect((e.line, e.column, e.field, e.value) == (2, 12, "gpu_hours", text))
        #expect(e.problem == "is not valid; expected a number ≥ 0")
    }

    @Test func hexadecimalIsNotAWholeNumberEither() throws {
        let store = try store()
        let path = dir.write("t.csv", "name,ml_engineers,platform_engineers\natlas,0x10,1\n")
        let e = try refused(store, path, kind: .teams)
        #expect(e.description == "\(path):2:2: field 'ml_engineers': '0x10' is not valid; expected a whole number ≥ 0")
    }

    @Test func aJSONNumberTokenMustBeDecimal() throws {
        let store = try store()
        for token in ["0x10", "Infinity", "-inf", "NaN", "1e"] {
            let path = dir.write("n.jsonl", #"{"id": "r1", "gpu_hours": "# + token + "}\n")
            #expect(try refused(store, path).description
                == "\(path):1:27: field 'gpu_hours': is not a JSON value; expected a string, a decimal number, true, false or null")
        }
    }

    @Test(arguments: [("4.25", 4.25), ("1e3", 1000), ("2.5E-4", 0.00025), ("+7", 7), ("-0.5", -0.5), (".5", 0.5), ("5.", 5),
                      ("0.1", 0.1), ("12345678901234567890", 12345678901234567890.0), ("1.7976931348623157e308", 1.7976931348623157e308),
                      ("0.000000000000000000000000001", 1e-27)])
    func decimalsAreReadExactlyAsWritten(text: String, value: Double) {
        #expect(DecimalText.parse(text) == value)
    }

    @Test func wholeNumbersMayBeWrittenAsWholeDecimals() {
        #expect(DecimalText.parseWhole("42") == 42)
        #expect(DecimalText.parseWhole("-3") == -3)
        #expect(DecimalText.parseWhole("3.0") == 3)
        #expect(DecimalText.parseWhole("1e3") == 1000)
        #expect(DecimalText.parseWhole("2.5") == nil)
        #expect(DecimalText.parseWhole("1e15") == nil)
        #expect(DecimalText.parseWhole("0x10") == nil)
    }

    /// Plain amounts are read to cents from the bytes; every other form is left to
    /// `Money.cents(decimal:)`, and where both read one they agree.
    @Test func plainAmountsAreReadToCentsAsMoneyReadsThem() {
        func plain(_ text: String) -> Int64? {
            var text = text
            return text.withUTF8 { DecimalText.plainCents($0) }
        }
        #expect(plain("12.34") == 1234 && plain("-25.5") == -2550 && plain("+0.07") == 7 && plain(".5") == 50 && plain("5.") == 500)
        #expect(plain("-0.00") == 0 && plain("007") == 700 && plain("999999999999999.99") == 99_999_999_999_999_999)
        for other in ["1.005", "1e3", "1000000000000000", ".", "-", "+", "1.2.3", "0x10", "1,5", " 1", "1.234"] {
            #expect(plain(other) == nil, "\(other)")
        }
        for text in ["0", "12.34", "-25.5", "+0.07", ".5", "5.", "-0.00", "007", "000000000000000000012.3", "999999999999999.99", "-1.1"] {
            #expect(plain(text) != nil && plain(text) == Money.cents(decimal: text), "\(text)")
        }
    }

    // MARK: - Length

    @Test func aRecordLongerThanTheLimitStopsTheImport() throws {
        let store = try store()
        let csv = dir.write("long.csv", "\(runsHeader)\n\(runRow("r1"))\nr2,\(String(repeating: "m", count: RecordLimit.bytes)),atlas\n")
        #expect(try refused(store, csv).description == "\(csv):3:2: is a record longer than 1 MiB (1048576 bytes), the longest one import reads")
        let jsonl = dir.write("long.jsonl", "{\"id\": \"\(String(repeating: "x", count: RecordLimit.bytes))\"}\n")
        #expect(try refused(store, jsonl).description == "\(jsonl):1: is a line longer than 1 MiB (1048576 bytes), the longest one import reads")
    }

    @Test func aLineWithNoEndFailsFast() throws {
        let store = try store()
        // /dev/zero: the first byte is a NUL, so the header is refused at once.
        let e = try refused(store, "/dev/zero", format: .csv)
        #expect(e.description == "/dev/zero:1:1: holds a NUL byte; text may not contain NUL")
        // Without NULs, a header of 2 MiB is refused when it passes 1 MiB.
        let endless = dir.write("endless.csv", String(repeating: "a", count: 2 * RecordLimit.bytes))
        #expect(try refused(store, endless).description == "\(endless):1:1: is a record longer than 1 MiB (1048576 bytes), the longest one import reads")
    }

    // MARK: - Sanitised messages

    @Test func namesAndValuesInErrorsCannotDriveTheTerminal() throws {
        let store = try store()
        let key = "k\u{1B}]52;c;ZXZpbA==\u{07}"
        let path = dir.write("osc.jsonl", "{\"\(key)\": 1}\n")
        let e = try refused(store, path)
        #expect(e.field == key)
        #expect(e.description.hasPrefix("\(path):1:\(6 + key.unicodeScalars.count): field '\(TextSanitizer.clean(key))': is not a runs field"))
        #expect(!e.description.unicodeScalars.contains { $0.value < 0x20 })
        let value = dir.write("v.csv", "\(runsHeader)\n\(runRow("r1", gpu: "\u{1B}[2J1"))\n")
        let e2 = try refused(store, value)
        #expect(e2.description == "\(value):2:12: field 'gpu_hours': '\(TextSanitizer.clean("\u{1B}[2J1"))' is not valid; expected a number ≥ 0")
        #expect(!e2.description.unicodeScalars.contains { $0.value < 0x20 })
        // A JSON escape of an unknown letter quotes the byte after the backslash: here an ESC.
        let escape = dir.write("esc.jsonl", "{\"id\": \"a\\\u{1B}[2Jb\"}\n")
        let e3 = try refused(store, escape)
        #expect(e3.problem.unicodeScalars.contains { $0.value == 0x1B })
        #expect(!e3.description.unicodeScalars.contains { $0.value < 0x20 })
        #expect(e3.description.hasPrefix("\(escape):1:10: has an unknown escape"))
    }

    /// Field names are matched in place in the line; one written with escapes is
    /// unescaped first, and quoted unescaped in an error.
    @Test func escapedFieldNamesAreMatchedUnescaped() throws {
        let store = try store()
        let path = dir.write("k.jsonl", #"{"id": "r9", "model": "m", "team": "t", "kind": "training", "status": "running", "trig\u0067er": "ci", "started_\u0061t": "2026-10-01T09:00:00Z", "gpu_hours": 2}"# + "\n")
        let summary = try store.importFile(kind: .runs, path: path, now: now)
        #expect(summary.inserted == 1)
        let started = try store.read { db in try Int64.fetchOne(db, sql: "SELECT started_at FROM runs WHERE id = 'r9'") }
        #expect(started == Instant(iso8601: "2026-10-01T09:00:00Z")!.seconds)
        let unknown = dir.write("u.jsonl", #"{"id": "r8", "\u006bx": 1}"# + "\n")
        #expect(try refused(store, unknown).description.hasPrefix("\(unknown):1:25: field 'kx': is not a runs field"))
    }

    // MARK: - Keys repeated within a file

    @Test func aKeyRepeatedLaterInTheFileNamesItsFirstLine() throws {
        let store = try store()
        let path = dir.write("dup.csv", "\(runsHeader)\n\(runRow("r1"))\n\(runRow("r2"))\n\(runRow("r1", gpu: "2"))\n")
        #expect(try refused(store, path).description == "\(path):4:1: field 'id': 'r1' repeats the record on line 2; each record may appear once per file")
        // r0 is already in the store: the first line updates it, the second repeats it.
        let stored = dir.write("dup2.csv", "\(runsHeader)\n\(runRow("r0", gpu: "3"))\n\(runRow("r0", gpu: "4"))\n")
        #expect(try refused(store, stored).description == "\(stored):3:1: field 'id': 'r0' repeats the record on line 2; each record may appear once per file")
    }

    @Test func compositeKeysAreComparedAfterCanonicalForm() throws {
        let store = try Store.create(at: dir.path("b.sqlite"))
        let path = dir.write("b.csv", "scope,period,amount,currency\norg,2026-q4,1,eur\norg,2026-Q4,2,EUR\n")
        #expect(try refused(store, path, kind: .budgets).description
            == "\(path):3:1: field 'scope+period': 'org|2026-Q4' repeats the record on line 2; each record may appear once per file")
    }

    // MARK: - Large loads

    /// 1,500 runs: more than `FileImport.sampleRows` and more than the table holds.
    func manyRuns(_ name: String, badLine: Int? = nil, started: String = "2026-10-01T09:00:00Z") -> String {
        var lines = [runsHeader]
        for n in 1...1_500 { lines.append(runRow("bulk-\(n)", gpu: lines.count + 1 == badLine ? "lots" : "\(n)", started: started)) }
        return dir.write(name, lines.joined(separator: "\n") + "\n")
    }

    func indexes(_ store: Store) throws -> [String] {
        try store.read { db in try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'runs' AND sql IS NOT NULL ORDER BY name") }
    }

    @Test func aLoadLargerThanTheTableRebuildsItsIndexesAndStaysIdempotent() throws {
        let store = try store()
        let before = try indexes(store)
        #expect(before.count >= 3, "runs has secondary indexes to drop and rebuild")
        let path = manyRuns("many.csv")
        let first = try store.importFile(kind: .runs, path: path, now: now)
        #expect((first.rows, first.inserted, first.updated, first.unchanged) == (1_500, 1_500, 0, 0))
        #expect(try indexes(store) == before)
        #expect(try store.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        // The index on (team, placed_at) answers for every row.
        #expect(try store.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM runs INDEXED BY runs_by_team_time WHERE team = 'atlas' AND placed_at >= 0")
        } == 1_501)
        let again = try store.importFile(kind: .runs, path: path, now: now)
        #expect((again.rows, again.inserted, again.updated, again.unchanged) == (1_500, 0, 0, 1_500))
    }

    @Test func aBadRowAfterTheIndexesWereDroppedLeavesThemInPlace() throws {
        let store = try store()
        let before = try indexes(store)
        let e = try refused(store, manyRuns("bad.csv", badLine: 1_201))
        #expect((e.line, e.field, e.value) == (1_201, "gpu_hours", "lots"))
        #expect(try indexes(store) == before)
    }

    @Test func theImportCountsNewRowsAndMarksUpdatedRowsDaysForARecount() throws {
        let store = try store()
        /// The days an import of `path` leaves to a recount, rolled back so each case starts from the seed.
        func recounted(_ path: String) throws -> Set<Int>? {
            try store.queue.inDatabase { db in
                let source = try RecordSource(path: path, format: .csv, schema: Run.schema)
                var result: FileImportResult?
                try db.inTransaction {
                    result = try FileImport.run(db, source: source)
                    return .rollback
                }
                return result?.rollups.recountDays
            }
        }
        let day = { (text: String) in Day(iso8601: text)!.daysSinceEpoch }
        // A new row only adds to the counts: no day is recounted.
        let new = dir.write("new.csv", "\(runsHeader)\n\(runRow("d1", started: "2026-09-28T09:00:00Z"))\n")
        #expect(try recounted(new) == [])
        // r0 (placed on 10-01) moves wholly to 09-20: both days are recounted.
        let moved = dir.write("moved.csv", "\(runsHeader)\n\(runRow("r0", started: "2026-09-20T09:00:00Z", ended: "2026-09-20T10:00:00Z"))\n")
        #expect(try recounted(moved) == [day("2026-09-20"), day("2026-10-01")])
        // Unchanged rows touch nothing.
        let same = dir.write("same.csv", "\(runsHeader)\n\(runRow("r0"))\n")
        #expect(try recounted(same) == [])
    }
}
