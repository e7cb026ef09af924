import GRDB
import MLOpsCore

/// Costs summed where they are stored, in whole cents: per key for the window and the
/// previous window, and per day and team over the detail days.
enum CostAggregatesQuery {
    /// A cost line's team: its own, else its model's.
    static let attributedTeam = "COALESCE(c.team, m.team)"
    static let cents = "CAST(round(c.amount * 100) AS INTEGER)"

    static func fetch(_ db: Database, _ q: MetricsQuery) throws -> CostAggregates {
        var costs = CostAggregates()
        let subject = MetricsSQL.subject(q.filter, team: attributedTeam, model: "c.model")
        let detail: StatementArguments = [q.detailDays.lowerBound.iso8601, q.detailDays.upperBound.iso8601]
        let from = "FROM costs c LEFT JOIN models m ON m.name = c.model WHERE c.date >= ? AND c.date <= ?"

        costs.currency = try String.fetchOne(db, sql: "SELECT c.currency \(from)\(subject.sql) ORDER BY c.date, c.id LIMIT 1",
                                             arguments: detail + subject.arguments)
        let daily = try Row.fetchCursor(db, sql: """
            SELECT c.date, c.team, \(attributedTeam) AS attributed, SUM(\(cents)) \(from)\(subject.sql)
            GROUP BY c.date, c.team, attributed
            """, arguments: detail + subject.arguments)
        while let row = try daily.next() {
            guard let day = Day(iso8601: row[0]) else { continue }
            costs.daily[DailyCostKey(day: day, team: row[1], attributedTeam: row[2]), default: 0] += row[3] as Int64
        }

        let runs = MetricsSQL.subject(q.filter, team: "r.team", model: "r.model")
        for (w, isCurrent) in [(q.window, true), (q.previous, false)] {
            let first = max(MetricsSQL.firstDay(onOrAfter: w.start), q.detailDays.lowerBound)
            let last = min(MetricsSQL.firstDay(onOrAfter: w.end).advanced(by: -1), q.detailDays.upperBound)
            guard first <= last else { continue }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(attributedTeam) AS attributed, c.model, c.category,
                       CASE WHEN c.category = 'gpu' AND c.run_id IS NOT NULL AND EXISTS (
                           SELECT 1 FROM runs r WHERE r.id = c.run_id AND r.status = 'failed'\(runs.sql)) THEN 1 ELSE 0 END AS failed,
                       SUM(\(cents))
                \(from)\(subject.sql)
                GROUP BY attributed, c.model, c.category, failed
                """, arguments: runs.arguments + [first.iso8601, last.iso8601] + subject.arguments)
            while let row = try rows.next() {
                guard let category = CostCategory(rawValue: row[2]) else { continue }
                let key = CostKey(team: row[0], model: row[1], category: category, failedRunGPU: row[3])
                if isCurrent { costs.current[key, default: 0] += row[4] as Int64 } else { costs.previous[key, default: 0] += row[4] as Int64 }
            }
        }
        return costs
    }
}
