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
            guard let days = MetricsSQL.detailDays(of: w, q) else { continue }
            let (first, last, weeks) = (days.lowerBound, days.upperBound, MetricsSQL.weekStarts(days))
            let bucket = MetricsSQL.bucket("date", boundaries: weeks.dropFirst().map(\.iso8601))
            // `… SUM(hours) … GROUP BY week, team, system, category, begun`, grouped in a hash
            // table (`InternedRowCursor`): a quarter's entries fold into a few hundred groups.
            var rows = try InternedRowCursor(db, sql: """
                SELECT \(bucket.sql), team, system, category, date < ?, CAST(round(hours * 1000000) AS INTEGER)
                FROM maintenance WHERE date >= ? AND date <= ?\(subject.sql)
                """, arguments: bucket.arguments + [begun.iso8601, first.iso8601, last.iso8601] + subject.arguments)
            struct Key: Hashable { var week: Int64; var team, system, category: Int32; var begun: Bool }
            var sums: [Key: Int64] = [:]
            while try rows.next() {
                let key = Key(week: rows.int(0), team: rows.text(1), system: rows.text(2), category: rows.text(3), begun: rows.int(4) != 0)
                try sums[key, default: 0].addExactly(rows.int(5))
            }
            for (group, micro) in sums {
                guard let team = rows.string(group.team), let category = rows.string(group.category).flatMap(MaintenanceCategory.init(rawValue:))
                else { continue }
                let key = MaintenanceKey(week: weeks[Int(group.week)], team: team, system: rows.string(group.system), category: category, begun: group.begun)
                if isCurrent { result.current[key, default: 0] += micro } else { result.previous[key, default: 0] += micro }
            }
        }
        return result
    }
}
