import GRDB
import MLOpsCore

/// The work log summed where it is stored, in millionths of an hour: per week, team,
/// system and category, for the window and the previous window.
enum MaintenanceAggregatesQuery {
    static func fetch(_ db: Database, _ q: MetricsQuery) throws -> MaintenanceAggregates {
        var result = MaintenanceAggregates()
        guard q.filter.model == nil else { return result }
        let subject = MetricsSQL.subject(q.filter, team: "team", model: "model")
        let begun = MetricsSQL.firstDay(onOrAfter: max(q.now, q.window.start))
        for (w, isCurrent) in [(q.window, true), (q.previous, false)] {
            let first = max(MetricsSQL.firstDay(onOrAfter: w.start), q.detailDays.lowerBound)
            let last = min(MetricsSQL.firstDay(onOrAfter: w.end).advanced(by: -1), q.detailDays.upperBound)
            guard first <= last else { continue }
            var weeks: [Day] = []
            var week = first.startOfWeek
            while week <= last { weeks.append(week); week = week.advanced(by: 7) }
            let bucket = MetricsSQL.bucket("date", boundaries: weeks.dropFirst().map(\.iso8601))
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(bucket.sql) AS week, team, system, category, CASE WHEN date < ? THEN 1 ELSE 0 END AS begun,
                       SUM(CAST(round(hours * 1000000) AS INTEGER))
                FROM maintenance WHERE date >= ? AND date <= ?\(subject.sql)
                GROUP BY week, team, system, category, begun
                """, arguments: bucket.arguments + [begun.iso8601, first.iso8601, last.iso8601] + subject.arguments)
            while let row = try rows.next() {
                guard let category = MaintenanceCategory(rawValue: row[3]) else { continue }
                let key = MaintenanceKey(week: weeks[row[0] as Int], team: row[1], system: row[2], category: category, begun: row[4])
                if isCurrent { result.current[key, default: 0] += row[5] as Int64 } else { result.previous[key, default: 0] += row[5] as Int64 }
            }
        }
        return result
    }
}
