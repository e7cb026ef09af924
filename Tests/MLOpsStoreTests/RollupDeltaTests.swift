import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// Imports add their new rows' counts to the rollups instead of recounting the days they
/// touch: after every import (into an empty store, over an overlapping file, again, with
/// updates that move a record to another day, team or sign) the rollups must equal a
/// full recount, and the hand-worked groups below must hold.
@Suite struct RollupDeltaTests {
    let dir = TemporaryDirectory()

    static let runHeader = "id,model,team,kind,status,trigger,orchestrated,registered,queued_at,started_at,ended_at,gpu_hours,user,error\n"
    static let costHeader = "id,date,amount,currency,category,service,team,model,run_id,resource_id\n"

    func rollups(_ store: Store) throws -> [String] { try store.read { try RecordDaysTests.rollupRows($0) } }

    func expectExact(_ store: Store, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try rollups(store) == RecordDaysTests.recounted(store), sourceLocation: sourceLocation)
    }

    @Test func runsIntoAnEmptyStoreThenAnOverlappingFileThenAgain() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let decomposed = "e\u{301}quipe", precomposed = "\u{e9}quipe"
        let first = dir.write("a.csv", Self.runHeader + """
            r1,m1,atlas,training,succeeded,drift,true,false,2020-01-01T09:00:00Z,2020-01-01T10:00:00Z,2020-01-01T11:00:00Z,2.5,ann,
            r2,m1,atlas,pipeline,failed,schedule,false,false,,2020-01-01T23:30:00Z,,,,boom
            r3,m1,atlas,experiment,succeeded,manual,false,true,2020-01-31T23:59:59Z,,,1,bob,
            r4,m2,Atlas,TRAINING,succeeded,manual,1,,,2020-02-01T00:00:00Z,,,,
            r5,m1,atlas,training,running,data,,,,1969-12-31T12:00:00Z,,,,
            r6,m1,\(precomposed),experiment,failed,ci,,,,2020-03-01T08:00:00Z,,,,
            r7,m1,\(decomposed),experiment,failed,ci,,,,2020-03-01T09:00:00Z,,,,

            """)
        let summary = try store.importFile(kind: .runs, path: first, now: Instant(seconds: 0))
        #expect(summary.inserted == 7)
        let jan1 = Day(year: 2020, month: 1, day: 1).daysSinceEpoch
        var rows = try rollups(store)
        // r1 and r2 (both training kinds; r1 orchestrated, drift-triggered and succeeded; r2 scheduled) and r3 (an experiment).
        #expect(rows.contains("runs 2020-01 atlas m1 3 2 1 2 1 1"))
        #expect(rows.contains("runs 2020-02 Atlas m2 1 1 1 0 0 1"))
        // Before 1970: the month is the calendar one (strftime), the day SQLite's truncated division (day 0).
        #expect(rows.contains("runs 1969-12 atlas m1 1 1 0 1 1 0"))
        #expect(rows.contains("runs 0 1"))
        // The two spellings of "équipe" are different bytes, so different teams, as in SQL.
        #expect(rows.contains("runs 2020-03 \(precomposed) m1 1 0 0 0 0 0") && rows.contains("runs 2020-03 \(decomposed) m1 1 0 0 0 0 0"))
        #expect(rows.contains("runs \(jan1) 2"))
        #expect(rows.contains("runs \(jan1) started_at 2") && rows.contains("runs \(jan1) queued_at 1") && rows.contains("runs \(jan1) error 1"))
        #expect(rows.contains("runs \(jan1) orchestrated 2") && rows.contains("runs \(jan1) gpu_hours 1"))
        try expectExact(store)

        // r1 and r3 again as they are; r2 moved to another team and day; r8 new in a new
        // group, r9 new in a stored one (atlas m1 in January).
        let second = dir.write("b.csv", Self.runHeader + """
            r1,m1,atlas,training,succeeded,drift,true,false,2020-01-01T09:00:00Z,2020-01-01T10:00:00Z,2020-01-01T11:00:00Z,2.5,ann,
            r2,m1,beacon,pipeline,failed,schedule,false,false,,2020-01-05T23:30:00Z,,,,boom
            r3,m1,atlas,experiment,succeeded,manual,false,true,2020-01-31T23:59:59Z,,,1,bob,
            r8,m3,atlas,experiment,cancelled,manual,,,,2020-01-01T12:00:00Z,,,,
            r9,m1,atlas,experiment,succeeded,manual,,,,2020-01-20T12:00:00Z,,,,

            """)
        let again = try store.importFile(kind: .runs, path: second, now: Instant(seconds: 0))
        #expect(again.inserted == 2 && again.updated == 1 && again.unchanged == 2)
        rows = try rollups(store)
        #expect(rows.contains("runs 2020-01 atlas m1 3 1 1 1 1 1"))
        #expect(rows.contains("runs 2020-01 beacon m1 1 1 0 1 0 0"))
        #expect(rows.contains("runs 2020-01 atlas m3 1 0 0 0 0 0"))
        #expect(rows.contains("runs \(jan1) 2") && rows.contains("runs \(jan1 + 4) 1"))
        try expectExact(store)

        // The same file once more changes nothing.
        let before = try rollups(store)
        let third = try store.importFile(kind: .runs, path: second, now: Instant(seconds: 0))
        #expect(third.unchanged == 5 && third.inserted == 0 && third.updated == 0)
        #expect(try rollups(store) == before)

        // Only a new row, in a stored group: nothing is recounted, the stored counts are added to.
        let fourth = dir.write("d.csv", Self.runHeader + "r10,m1,atlas,training,succeeded,data,true,,,2020-01-21T12:00:00Z,,,,\n")
        #expect(try store.importFile(kind: .runs, path: fourth, now: Instant(seconds: 0)).inserted == 1)
        #expect(try rollups(store).contains("runs 2020-01 atlas m1 4 2 2 2 2 2"))
        try expectExact(store)
    }

    @Test func costsWithCreditsZerosAndMissingTeamsThenAnUpdateThatFlipsASign() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let first = dir.write("a.jsonl", """
            {"id":"c1","date":"2026-03-31","amount":10.005,"currency":"EUR","category":"gpu","service":"svc","team":"atlas","model":"m1"}
            {"id":"c2","date":"2026-03-31","amount":-2.50,"currency":"EUR","category":"gpu","team":"atlas","model":"m1"}
            {"id":"c3","date":"2026-03-31","amount":0,"currency":"EUR","category":"gpu","team":"atlas","model":"m2"}
            {"id":"c4","date":"2026-03-31","amount":5,"currency":"EUR","category":"storage","team":null,"model":"m9"}
            {"id":"c5","date":"2026-03-31","amount":7.25,"currency":"EUR","category":"cpu"}
            {"id":"c6","date":"2026-04-01","amount":1.10,"currency":"eur","category":"GPU","team":"atlas","model":"m1"}
            {"id":"c7","date":"2026-04-01","amount":-0.015,"currency":"EUR","category":"gpu","team":"atlas","model":"m1"}

            """)
        #expect(try store.importFile(kind: .costs, path: first, now: Instant(seconds: 0)).inserted == 7)
        var rows = try rollups(store)
        // Per team and day: 10.005 rounds to 10.01 and the 0.00 line joins its charges; a
        // line with no team is filed under its model.
        #expect(rows.contains("cost 2026-03-31 atlas - 0 1001") && rows.contains("cost 2026-03-31 atlas - 1 -250"))
        #expect(rows.contains("cost 2026-03-31 - m9 0 500") && rows.contains("cost 2026-03-31 - - 0 725"))
        #expect(rows.contains("cost 2026-04-01 atlas - 0 110") && rows.contains("cost 2026-04-01 atlas - 1 -2"))
        // Per month, model and category: a zero-cent line still counts as a line.
        #expect(rows.contains("costm 2026-03 atlas m2 gpu 0 0 1") && rows.contains("costm 2026-03 atlas m1 gpu 1 -250 1"))
        #expect(rows.contains("costm 2026-04 atlas m1 gpu 0 110 1") && rows.contains("costm 2026-04 atlas m1 gpu 1 -2 1"))
        let mar31 = Day(year: 2026, month: 3, day: 31).daysSinceEpoch
        #expect(rows.contains("costs \(mar31) 5") && rows.contains("costs \(mar31) team 3") && rows.contains("costs \(mar31) service 1"))
        try expectExact(store)

        // c2 becomes a charge (its credit group empties), c8 is new, c1 is unchanged.
        let second = dir.write("b.csv", Self.costHeader + """
            c1,2026-03-31,10.005,EUR,gpu,svc,atlas,m1,,
            c2,2026-03-31,2.50,EUR,gpu,,atlas,m1,,
            c8,2026-03-31,3.00,EUR,gpu,,atlas,m1,,

            """)
        let summary = try store.importFile(kind: .costs, path: second, now: Instant(seconds: 0))
        #expect(summary.inserted == 1 && summary.updated == 1 && summary.unchanged == 1)
        rows = try rollups(store)
        #expect(rows.contains("cost 2026-03-31 atlas - 0 1551"))
        #expect(!rows.contains { $0.hasPrefix("cost 2026-03-31 atlas - 1 ") })
        #expect(rows.contains("costm 2026-03 atlas m1 gpu 0 1551 3"))
        try expectExact(store)
    }

    @Test func everyKindOfTheDemoDataImportedFileByFileMatchesARecount() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        for kind in RecordKind.importOrder {
            _ = try store.importFile(kind: kind, path: "\(sampleDataDirectory)/\(kind.rawValue).csv", now: Instant(seconds: 0))
        }
        let once = try rollups(store)
        #expect(once.contains { $0.hasPrefix("serving ") } && once.contains { $0.hasPrefix("incidents ") })
        try expectExact(store)
        for kind in RecordKind.importOrder {
            _ = try store.importFile(kind: kind, path: "\(sampleDataDirectory)/\(kind.rawValue).csv", now: Instant(seconds: 0))
        }
        #expect(try rollups(store) == once)
    }

    @Test func aFailedOrDryRunImportLeavesTheRollupsAsTheyWere() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let good = dir.write("good.csv", Self.runHeader + "r1,m1,atlas,training,succeeded,manual,,,,2020-01-01T10:00:00Z,,,,\n")
        _ = try store.importFile(kind: .runs, path: good, now: Instant(seconds: 0))
        let before = try rollups(store)
        let bad = dir.write("bad.csv", Self.runHeader + """
            r2,m1,atlas,training,succeeded,manual,,,,2020-01-01T11:00:00Z,,,,
            r3,m1,atlas,training,succeeded,manual,,,,yesterday,,,,

            """)
        #expect(throws: (any Error).self) { try store.importFile(kind: .runs, path: bad, now: Instant(seconds: 0)) }
        #expect(try rollups(store) == before)
        let fine = dir.write("fine.csv", Self.runHeader + "r2,m1,atlas,training,succeeded,manual,,,,2020-01-01T11:00:00Z,,,,\n")
        #expect(try store.importFile(kind: .runs, path: fine, dryRun: true, now: Instant(seconds: 0)).inserted == 1)
        #expect(try rollups(store) == before)
    }

    /// Past its group limit (here 20, reached on the sixth row) the import stops counting groups in memory and
    /// recounts every day it touched instead: the rollups stay exact either way.
    @Test func anImportWithMoreGroupsThanTheLimitRecountsItsDaysInstead() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        try store.insert(try RecordFileReader.read(directory: sampleDataDirectory), now: Instant(seconds: 0), source: "demo")
        var lines = Self.runHeader
        for k in 0..<40 {
            lines += "x\(k),model-\(k),team-\(k % 3),training,succeeded,drift,true,,,\(k < 2 ? "1969-12-31" : "2026-04-\(10 + k % 9)")T12:00:00Z,,,,\n"
        }
        let path = dir.write("many.csv", lines)
        var rows: [String] = [], recount: [String] = [], recountDays: Set<Int> = []
        try store.queue.inDatabase { db in
            try db.inTransaction {
                let source = try RecordSource(path: path, format: .csv, schema: Run.schema)
                let written = try FileImport.run(db, source: source, rollupGroupLimit: 20)
                recountDays = written.rollups.recountDays
                try written.rollups.apply(db)
                rows = try RecordDaysTests.rollupRows(db)
                for kind in RecordKind.importOrder { try Rollups.refresh(db, kind: kind) }
                recount = try RecordDaysTests.rollupRows(db)
                return .rollback
            }
        }
        // Every day the rows name is recounted, 1970-01-01 and 1969-12-31 for the early runs.
        let april = (10...18).map { Day(year: 2026, month: 4, day: $0).daysSinceEpoch }
        #expect(recountDays == Set(april + [0, -1]))
        #expect(rows.contains("runs 2026-04 team-0 model-3 1 1 1 1 1 1"))
        #expect(rows == recount)
    }

    /// The deltas compute a cost's cents as SQLite's `CAST(round(amount * 100) AS INTEGER)`
    /// does, for every amount the parser can produce (whole cents up to ±10¹⁵) and others.
    @Test func centsAreComputedAsSQLiteComputesThem() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        var amounts: [Double] = [0, -0.0, 0.005, -0.005, 2.675, 1.005, 0.125, -0.125, 1e15, -1e15, 999_999_999_999.99, 0.49999999999999994]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let cents = Int64(bitPattern: state >> 8) % 100_000_000_000_000_000 * (state & 1 == 0 ? 1 : -1)
            amounts.append(Money.amount(cents))
            amounts.append(Money.amount(cents % 1_000_000))
        }
        try store.read { db in
            let statement = try db.makeStatement(sql: "SELECT CAST(round(? * 100) AS INTEGER)")
            for amount in amounts {
                let sql = try Int64.fetchOne(statement, arguments: [amount])
                #expect(RollupDeltas.sqliteCents(amount) == sql, "amount \(amount)")
            }
        }
    }

    @Test func updatedDaysAreRecountedInFewRanges() {
        let d = { Day(daysSinceEpoch: $0) }
        #expect(RollupDeltas.ranges([5, 3, 4, 10]) == [d(3)...d(5), d(10)...d(10)])
        #expect(RollupDeltas.ranges([]) == [])
        #expect(RollupDeltas.ranges(Set(stride(from: 0, to: 1000, by: 2))) == [d(0)...d(998)])
    }
}
