import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// The rollups (per-day counts data health reads, spend per team and day, runs per model
/// and month) stay equal to a recount of the records after
/// every kind of write, including an update that moves a record to another day.
@Suite struct RecordDaysTests {
    let dir = TemporaryDirectory()

    func table(_ store: Store) throws -> [String] {
        try store.read { db in
            try Self.rollupRows(db)
        }
    }

    /// Every rollup table's rows as text, in a fixed order.
    static func rollupRows(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT kind || ' ' || day || ' ' || records FROM record_days ORDER BY kind, day")
            + String.fetchAll(db, sql: "SELECT kind || ' ' || day || ' ' || field || ' ' || filled FROM record_day_fields ORDER BY 1")
            + String.fetchAll(db, sql: "SELECT 'cost ' || day || ' ' || ifnull(team, '-') || ' ' || ifnull(model, '-') || ' ' || credit || ' ' || cents FROM cost_team_days ORDER BY 1")
            + String.fetchAll(db, sql: "SELECT 'costm ' || month || ' ' || ifnull(team, '-') || ' ' || ifnull(model, '-') || ' ' || category || ' ' || credit || ' ' || cents || ' ' || lines FROM cost_months ORDER BY 1")
            + String.fetchAll(db, sql: "SELECT 'runs ' || month || ' ' || team || ' ' || model || ' ' || runs || ' ' || training || ' ' || orchestrated || ' ' || automated || ' ' || monitoring_triggered || ' ' || succeeded_training FROM run_months ORDER BY 1")
            + String.fetchAll(db, sql: "SELECT 'research ' || day || ' ' || team || ' ' || counts || ' ' || hex(durations) || ' ' || hex(queue_waits) FROM research_days ORDER BY 1")
    }

    /// The counts a full recount gives, computed in a transaction that is rolled back.
    static func recounted(_ store: Store) throws -> [String] {
        var result: [String] = []
        try store.queue.inTransaction { db in
            for kind in RecordKind.importOrder { try Rollups.refresh(db, kind: kind) }
            result = try Self.rollupRows(db)
            return .rollback
        }
        return result
    }

    @Test func importsKeepTheCountsExactWhenARunMovesToAnotherDay() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        try store.insert(try RecordFileReader.read(directory: sampleDataDirectory), now: Instant(seconds: 0), source: "demo")
        #expect(try table(store) == Self.recounted(store))

        let header = "id,model,team,kind,status,trigger,orchestrated,registered,queued_at,started_at,ended_at,gpu_hours,user,error\n"
        let first = dir.write("r1.csv", header + "run-x,search-ranker,atlas,training,succeeded,manual,false,false,,2020-01-01T10:00:00Z,2020-01-01T11:00:00Z,,,\n")
        _ = try store.importFile(kind: .runs, path: first, now: Instant(seconds: 0))
        let day1 = Day(year: 2020, month: 1, day: 1).daysSinceEpoch, day2 = Day(year: 2020, month: 1, day: 3).daysSinceEpoch
        #expect(try table(store).contains("runs \(day1) 1"))
        #expect(try table(store).contains("runs 2020-01 atlas search-ranker 1 1 0 0 0 1"))
        // One hour, 3,600 s (zigzag 7,200 in two LEB128 bytes); no queue wait without a queue time.
        #expect(try table(store).contains("research \(day1) atlas training succeeded 1 0 0 A038 "))
        #expect(try table(store) == Self.recounted(store))

        // The same run, started two days later: day 1 loses it, day 3 gains it.
        let moved = dir.write("r2.csv", header + "run-x,search-ranker,atlas,training,succeeded,manual,false,false,,2020-01-03T10:00:00Z,2020-01-03T11:00:00Z,,,\n")
        let summary = try store.importFile(kind: .runs, path: moved, now: Instant(seconds: 0))
        #expect(summary.updated == 1)
        let after = try table(store)
        #expect(!after.contains { $0.hasPrefix("runs \(day1) ") })
        #expect(!after.contains { $0.hasPrefix("research \(day1) ") })
        #expect(after.contains("research \(day2) atlas training succeeded 1 0 0 A038 "))
        #expect(after.contains("runs \(day2) 1"))
        #expect(after.contains("runs \(day2) error 0") && after.contains("runs \(day2) ended_at 1"))
        #expect(after == (try Self.recounted(store)))

        let health = try store.dataHealth()
        let runs = try #require(health.kinds.first { $0.kind == .runs })
        #expect(runs.count == 3716 && runs.first == Day(year: 2020, month: 1, day: 3))
    }
}
