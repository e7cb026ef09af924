import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// Research's statistics, now one pass grouped in memory, equal what SQLite's `GROUP BY`
/// and a second query for the spans gave, including for kinds and statuses an import
/// would never write (other case, trailing bytes, unknown words), which take the
/// hash table's path instead of the array's.
@Suite struct WindowStatsGroupingTests {
    let dir = TemporaryDirectory()

    /// The statistics as the engine computed them before: grouped by SQLite, spans apart.
    static func byGroupBy(_ db: Database, _ w: TimeWindow, weeks: [Day], now: Instant, byTeam: Bool) throws -> [String: RunWindowStats] {
        var result: [String: RunWindowStats] = [:]
        let group = byTeam ? "team" : "''"
        let week = MetricsSQL.bucket("placed_at", boundaries: weeks.dropFirst().map(\.start.seconds))
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(group) AS grp, kind, CASE WHEN ended_at >= ? THEN 'running' ELSE status END AS status_then, \(week.sql) AS week, count(*),
                   SUM(CASE WHEN gpu_hours IS NULL OR ended_at >= ? THEN 0 ELSE CAST(round(gpu_hours * 1000000) AS INTEGER) END),
                   count(CASE WHEN ended_at >= ? THEN NULL ELSE gpu_hours END)
            FROM runs WHERE placed_at >= ? AND placed_at < ?
            GROUP BY grp, kind, status_then, week
            """, arguments: [now.seconds] + week.arguments + [now.seconds, now.seconds, w.start.seconds, w.end.seconds])
        for row in rows {
            guard let kind = RunKind(rawValue: row[1]), let status = RunStatus(rawValue: row[2]) else { continue }
            let n: Int = row[4]
            result[row[0], default: RunWindowStats()].byKindStatus[RunKindStatus(kind, status), default: 0] += n
            if !weeks.isEmpty { result[row[0], default: RunWindowStats()].weekly[weeks[min(row[3] as Int, weeks.count - 1)], default: 0] += n }
            result[row[0], default: RunWindowStats()].gpuMicroHours += row[5] as Int64
            result[row[0], default: RunWindowStats()].gpuRuns += row[6] as Int
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT \(group), CASE WHEN ended_at < ? THEN ended_at - started_at END, started_at - queued_at FROM runs
            WHERE placed_at >= ? AND placed_at < ? AND started_at IS NOT NULL AND (ended_at < ? OR queued_at IS NOT NULL)
            """, arguments: [now.seconds, w.start.seconds, w.end.seconds, now.seconds]) {
            if let d = row[1] as Int64? { result[row[0], default: RunWindowStats()].durationSeconds.append(d) }
            if let q = row[2] as Int64? { result[row[0], default: RunWindowStats()].queueWaitSeconds.append(q) }
        }
        for key in result.keys { result[key]!.normalise() }
        return result
    }

    @Test func oddKindsAndStatusesGroupAsGroupByGroupsThem() throws {
        let path = dir.path("s.sqlite")
        _ = try Store.create(at: path)
        let store = try DatabaseQueue(path: path)
        let day: Int64 = 1_794_960_000  // 2026-11-18T00:00Z, a Wednesday
        let kinds = ["training", "experiment", "Training", "training ", "batch_inference", "bogus", "pipeline"]
        let statuses = ["succeeded", "failed", "running", "Failed", "weird", "cancelled"]
        try store.write { db in
            var n = 0
            for kind in kinds {
                for status in statuses {
                    for team in ["atlas", "beacon", "caf\u{E9}", "cafe\u{301}"] {
                        n += 1
                        let started = day - Int64(n) * 3_517          // spread over about 12 days
                        let ended: Int64? = n % 5 == 0 ? nil : started + Int64(600 + n * 37 % 9_000)
                        let queued: Int64? = n % 3 == 0 ? nil : started - Int64(n % 7 * 60)
                        let gpu: Double? = n % 4 == 0 ? nil : Double(n) * 0.123_456_7
                        try db.execute(sql: """
                            INSERT INTO runs (id, model, team, kind, status, "trigger", orchestrated, registered, queued_at, started_at, ended_at, gpu_hours)
                            VALUES (?, 'm', ?, ?, ?, 'manual', 0, 0, ?, ?, ?, ?)
                            """, arguments: ["r\(n)", team, kind, status, queued, started, ended, gpu])
                    }
                }
            }
        }
        // Written here, not imported: the days research reads are counted as a migration counts them.
        try store.write { db in try Rollups.refresh(db, kind: .runs) }
        // `now` inside the runs' span, so some ended after it and count as running then.
        let now = Instant(seconds: day - 40_000)
        let window = TimeWindow(start: Instant(seconds: day - 12 * 86_400), end: now)
        let weeks = window.weekStarts
        #expect(weeks.count >= 2)
        try store.read { db in
            for byTeam in [false, true] {
                for w in [weeks, []] {
                    let expected = try Self.byGroupBy(db, window, weeks: w, now: now, byTeam: byTeam)
                    let actual = try RunAggregatesQuery.rowStats(db, window, weeks: w, now: now, ("", []), byTeam: byTeam)
                    #expect(actual == expected, "byTeam \(byTeam), \(w.count) weeks")
                    // The same from the days the store keeps, with the hours after the last whole day read as runs.
                    let kept = try RunAggregatesQuery.windowStats(db, window, weeks: w, now: now, .organisation, byTeam: byTeam)
                    #expect(kept == expected, "from the days, byTeam \(byTeam), \(w.count) weeks")
                }
            }
            // By hand: "Training", "training " and "bogus" are no kind; "Failed" and "weird" no
            // status (unless the run had not ended by `now`): of 7 × 6 × 4 runs, the counted
            // ones are the 4 real kinds × (4 real statuses, plus the 2 odd ones while running).
            let all = try RunAggregatesQuery.windowStats(db, window, weeks: [], now: now, .organisation)[""]!
            let counted = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM runs WHERE placed_at >= ? AND placed_at < ?
                  AND kind IN ('training', 'experiment', 'batch_inference', 'pipeline')
                  AND (status IN ('succeeded', 'failed', 'running', 'cancelled') OR ended_at >= ?)
                """, arguments: [window.start.seconds, window.end.seconds, now.seconds])!
            #expect(all.byKindStatus.values.reduce(0, +) == counted)
            #expect(counted > 0 && counted < 7 * 6 * 4)
        }
    }

    /// Weeks, kinds and statuses found in Swift read values of other storage classes as the
    /// `CASE`s in SQL read them: a start time stored as a real on either side of a week's
    /// boundary, an end time stored as text (greater than any number, so "running then"),
    /// a kind stored as a blob of a kind's bytes, and as a number.
    @Test func otherStorageClassesGroupAsGroupByGroupsThem() throws {
        let path = dir.path("classes.sqlite")
        _ = try Store.create(at: path)
        let store = try DatabaseQueue(path: path)
        let now = Instant(seconds: 1_794_960_000)  // 2026-11-18T00:00Z, a Wednesday
        let window = TimeWindow(start: Instant(seconds: now.seconds - 21 * 86_400), end: now)
        let weeks = window.weekStarts
        let boundary = Double(weeks[1].start.seconds)
        try store.write { db in
            let rows: [(String, DatabaseValueConvertible?, DatabaseValueConvertible, DatabaseValueConvertible?)] = [
                ("a", "training", boundary - 0.5, boundary + 600), ("b", "training", boundary, boundary + 600),
                ("c", "training", boundary + 0.5, boundary + 600), ("d", "training", Int64(boundary) - 1, "2026-11-17"),
                ("e", "experiment", Int64(boundary) + 5, 1_794_900_000.25), ("g", 7, Int64(boundary) + 9, Int64(boundary) + 99),
                ("f", Data("pipeline".utf8), Int64(boundary) + 7, Int64(boundary) + 70),
            ]
            for (id, kind, started, ended) in rows {
                try db.execute(sql: """
                    INSERT INTO runs (id, model, team, kind, status, "trigger", orchestrated, registered, started_at, ended_at, gpu_hours)
                    VALUES (?, 'm', 'atlas', ?, 'succeeded', 'manual', 0, 0, ?, ?, 1.5)
                    """, arguments: [id, kind, started, ended])
            }
        }
        try store.read { db in
            for byTeam in [false, true] {
                let expected = try Self.byGroupBy(db, window, weeks: weeks, now: now, byTeam: byTeam)
                let actual = try RunAggregatesQuery.rowStats(db, window, weeks: weeks, now: now, ("", []), byTeam: byTeam)
                #expect(actual == expected, "byTeam \(byTeam)")
            }
            // By hand: "a" and "d" in the first week, "b", "c", "e" and "f" in the second; "d"
            // was running then; the numbered kind counts nowhere.
            let all = try RunAggregatesQuery.rowStats(db, window, weeks: weeks, now: now, ("", []))[""]!
            #expect(all.weekly[weeks[0]] == 2 && all.weekly[weeks[1]] == 4)
            #expect(all.byKindStatus[RunKindStatus(.training, .running)] == 1 && all.byKindStatus[RunKindStatus(.pipeline, .succeeded)] == 1)
        }
    }
}
