import GRDB
import MLOpsCore

/// Research's statistics for the whole days of a window, merged from the days the store
/// keeps (`ResearchDays`) and corrected for the runs that end at or after `now`: those
/// were running then, with no duration and no GPU hours yet (`Run.asOf`). The result is
/// what `RunAggregatesQuery.rowStats` gives for the same runs.
enum ResearchDaysQuery {
    /// The days wholly inside `w`; nil when there is none.
    static func wholeDays(of w: TimeWindow) -> ClosedRange<Day>? {
        let first = w.start == w.start.day.start ? w.start.day : w.start.day.advanced(by: 1)
        let last = w.end.day.advanced(by: -1)
        return first <= last ? first...last : nil
    }

    /// Per team when `byTeam`, else under ""; `team` limits the read to one team's runs.
    static func stats(_ db: Database, _ days: ClosedRange<Day>, weeks: [Day], now: Instant, team: String?,
                      byTeam: Bool) throws -> [String: RunWindowStats] {
        let boundaries = weeks.dropFirst().map(\.start.seconds)
        /// The window's week a day falls in, as `rowStats` buckets a run by its `placed_at`.
        func week(_ day: Day) -> Day? {
            guard !weeks.isEmpty else { return nil }
            let seconds = day.start.seconds
            return weeks[min(boundaries.firstIndex { seconds < $0 } ?? boundaries.count, weeks.count - 1)]
        }
        var condition = "day >= ? AND day <= ?"
        var arguments: StatementArguments = [days.lowerBound.daysSinceEpoch, days.upperBound.daysSinceEpoch]
        if let team { condition += " AND team = ?"; arguments += [team] }
        var result: [String: RunWindowStats] = [:]
        var rows = try InternedRowCursor(db, sql: """
            SELECT day, team, counts, durations, queue_waits FROM research_days WHERE \(condition)
            """, arguments: arguments)
        var names: [Int32: String] = [:]
        while try rows.next() {
            let name: String
            if byTeam {
                let number = rows.text(1)
                if let known = names[number] { name = known } else { name = rows.string(number) ?? ""; names[number] = name }
            } else {
                name = ""
            }
            var stats = result[name] ?? RunWindowStats()
            result[name] = nil
            var runs = 0
            try ResearchDays.forEachCount(in: rows.textBytes(2)) { kind, status, count in
                stats.byKindStatus[RunKindStatus(ResearchDays.kinds[kind], ResearchDays.statuses[status]), default: 0] += count.runs
                try stats.gpuMicroHours.addExactly(count.gpuMicroHours)
                stats.gpuRuns += count.gpuRuns
                runs += count.runs
            }
            if runs > 0, let w = week(Day(daysSinceEpoch: Int(rows.int(0)))) { stats.weekly[w, default: 0] += runs }
            // Every run's duration and wait, whatever its kind and status, as `rowStats` keeps them.
            ResearchDays.append(rows.blob(3), to: &stats.durationSeconds)
            ResearchDays.append(rows.blob(4), to: &stats.queueWaitSeconds)
            result[name] = stats
        }
        try correctLateRuns(db, days, now: now, team: team, byTeam: byTeam, week: week, into: &result)
        for key in result.keys { result[key]!.normalise() }
        return result
    }

    /// The runs of `days` that end at or after `now`, few, found by their end time: each
    /// counts as running, without its duration and GPU hours.
    static func correctLateRuns(_ db: Database, _ days: ClosedRange<Day>, now: Instant, team: String?, byTeam: Bool,
                                week: (Day) -> Day?, into result: inout [String: RunWindowStats]) throws {
        var condition = "", arguments: StatementArguments = [now.seconds, days.lowerBound.start.seconds, days.upperBound.advanced(by: 1).start.seconds]
        if let team { condition = " AND +team = ?"; arguments += [team] }
        // `+`: on the time or team index SQLite would read every run of the days.
        let late = try Row.fetchAll(db, sql: """
            SELECT team, kind, status, started_at, ended_at, \(ResearchDays.microHours), placed_at FROM runs
            WHERE ended_at >= ? AND +placed_at >= ? AND +placed_at < ?\(condition)
            """, arguments: arguments)
        guard !late.isEmpty else { return }
        var removed: [String: [Int64: Int]] = [:]
        for row in late {
            let name = byTeam ? (row[0] as String) : ""
            var stats = result[name] ?? RunWindowStats()
            if let kind = RunKind(rawValue: row[1]) {
                if let status = RunStatus(rawValue: row[2]) {
                    let stored = RunKindStatus(kind, status)
                    stats.byKindStatus[stored, default: 0] -= 1
                    if stats.byKindStatus[stored] == 0 { stats.byKindStatus[stored] = nil }
                    if let gpu = row[5] as Int64? {
                        stats.gpuMicroHours -= gpu
                        stats.gpuRuns -= 1
                    }
                } else if let w = week(Instant(seconds: row[6]).day) {
                    // Left out of the counts by its status, it is counted now as running.
                    stats.weekly[w, default: 0] += 1
                }
                stats.byKindStatus[RunKindStatus(kind, .running), default: 0] += 1
            }
            if let started = row[3] as Int64?, let ended = row[4] as Int64? { removed[name, default: [:]][ended &- started, default: 0] += 1 }
            result[name] = stats
        }
        for (name, values) in removed {
            var left = values
            result[name]!.durationSeconds.removeAll { d in
                guard let n = left[d], n > 0 else { return false }
                left[d] = n - 1
                return true
            }
        }
    }
}
