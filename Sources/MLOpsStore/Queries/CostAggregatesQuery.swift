import GRDB
import MLOpsCore

/// Costs summed where they are stored, in whole cents: per key for the window and the
/// previous window, and per day and team over the detail days.
///
/// Lines are grouped by their own team and model first and attributed to a team (their
/// own, else their model's) afterwards, on the few grouped rows: a join per line would
/// cost more than the sums.
enum CostAggregatesQuery {
    static let cents = "CAST(round(c.amount * 100) AS INTEGER)"

    static func fetch(_ db: Database, _ q: MetricsQuery) throws -> CostAggregates {
        var costs = CostAggregates()
        var modelTeam: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, team FROM models") { modelTeam[row[0]] = row[1] }
        func attributed(_ team: String?, _ model: String?) -> String? { team ?? model.flatMap { modelTeam[$0] } }
        let subject = Self.subject(q.filter)

        let days = q.detailDays
        costs.currency = try String.fetchOne(db, sql: """
            SELECT c.currency FROM costs c WHERE c.date >= ? AND c.date <= ?\(subject.sql) ORDER BY c.date, c.id LIMIT 1
            """, arguments: [days.lowerBound.iso8601, days.upperBound.iso8601] + subject.arguments)
        // A line with a team is that team's whatever its model; only team-less lines need their
        // model. Per team and day the store keeps the sums (`CostTeamDays`); a model's own
        // days are summed from its lines.
        let daily: RowCursor
        if q.filter.model == nil {
            let teams = Self.subject(q.filter, alias: "d")
            daily = try Row.fetchCursor(db, sql: """
                SELECT d.day, d.team, d.model, d.credit, SUM(d.cents) FROM cost_team_days d WHERE d.day >= ? AND d.day <= ?\(teams.sql)
                GROUP BY d.day, d.team, d.model, d.credit
                """, arguments: [days.lowerBound.iso8601, days.upperBound.iso8601] + teams.arguments)
        } else {
            daily = try Row.fetchCursor(db, sql: """
                SELECT c.date, c.team, CASE WHEN c.team IS NULL THEN c.model END AS model, \(cents) < 0 AS credit, SUM(\(cents))
                FROM costs c WHERE c.date >= ? AND c.date <= ?\(subject.sql)
                GROUP BY c.date, c.team, CASE WHEN c.team IS NULL THEN c.model END, credit
                """, arguments: [days.lowerBound.iso8601, days.upperBound.iso8601] + subject.arguments)
        }
        while let row = try daily.next() {
            guard let day = Day(iso8601: row[0]) else { continue }
            let team: String? = row[1]
            costs.daily[DailyCostKey(day: day, team: team, attributedTeam: attributed(team, row[2]), credit: row[3]), default: 0] += row[4] as Int64
        }

        let runs = MetricsSQL.subject(q.filter, team: "r.team", model: "r.model")
        for (w, isCurrent) in [(q.window, true), (q.previous, false)] {
            let first = max(MetricsSQL.firstDay(onOrAfter: w.start), days.lowerBound)
            let last = min(MetricsSQL.firstDay(onOrAfter: w.end).advanced(by: -1), days.upperBound)
            guard first <= last else { continue }
            let range: StatementArguments = [first.iso8601, last.iso8601]
            var failed: [CostKey: (cents: Int64, lines: Int)] = [:]
            let failedRows = try Row.fetchCursor(db, sql: """
                SELECT c.team, c.model, \(cents) < 0 AS credit, SUM(\(cents)), count(*) FROM costs c JOIN runs r ON r.id = c.run_id
                WHERE c.category = 'gpu' AND c.run_id IS NOT NULL AND c.date >= ? AND c.date <= ? AND r.status = 'failed'\(subject.sql)\(runs.sql)
                GROUP BY c.team, c.model, credit
                """, arguments: range + subject.arguments + runs.arguments)
            while let row = try failedRows.next() {
                let key = CostKey(team: attributed(row[0], row[1]), model: row[1], category: .gpu, failedRunGPU: true, credit: row[2])
                let previous = failed[key] ?? (0, 0)
                failed[key] = (previous.cents + (row[3] as Int64), previous.lines + (row[4] as Int))
            }
            var groups: [CostKey: Int64] = [:]
            var lines: [CostKey: Int] = [:]
            func add(_ row: Row) {
                guard let category = CostCategory(rawValue: row[2]) else { return }
                let key = CostKey(team: attributed(row[0], row[1]), model: row[1], category: category, failedRunGPU: false, credit: row[3])
                groups[key, default: 0] += row[4] as Int64
                lines[key, default: 0] += row[5] as Int
            }
            // Whole months from the monthly sums the store keeps (`CostMonths`), the rest from the lines.
            let split = MetricsSQL.split(first...last)
            if !split.months.isEmpty {
                let monthly = Self.subject(q.filter, alias: "m")
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT m.team, m.model, m.category, m.credit, SUM(m.cents), SUM(m.lines) FROM cost_months m
                    WHERE m.month >= ? AND m.month <= ?\(monthly.sql)
                    GROUP BY m.team, m.model, m.category, m.credit
                    """, arguments: [split.months.first!.description, split.months.last!.description] + monthly.arguments)
                while let row = try rows.next() { add(row) }
            }
            for edge in split.edges {
                let rows = try Row.fetchCursor(db, sql: """
                    SELECT c.team, c.model, c.category, \(cents) < 0 AS credit, SUM(\(cents)), count(*) FROM costs c
                    WHERE c.date >= ? AND c.date <= ?\(subject.sql)
                    GROUP BY c.team, c.model, c.category, credit
                    """, arguments: [edge.lowerBound.iso8601, edge.upperBound.iso8601] + subject.arguments)
                while let row = try rows.next() { add(row) }
            }
            // GPU lines of failed runs are counted apart from the rest of their group.
            for (key, f) in failed {
                var rest = key
                rest.failedRunGPU = false
                groups[rest, default: 0] -= f.cents
                lines[rest, default: 0] -= f.lines
                if lines[rest] == 0 { groups[rest] = nil }
                groups[key] = f.cents
            }
            if isCurrent { costs.current = groups } else { costs.previous = groups }
        }
        return costs
    }

    /// The subject's lines: a team's own, and its models' lines that name no team.
    static func subject(_ filter: SubjectFilter, alias c: String = "c") -> (sql: String, arguments: StatementArguments) {
        var sql = "", arguments = StatementArguments()
        if let t = filter.team {
            sql += " AND (\(c).team = ? OR (\(c).team IS NULL AND \(c).model IN (SELECT name FROM models WHERE team = ?)))"
            arguments += [t, t]
        }
        if let m = filter.model { sql += " AND \(c).model = ?"; arguments += [m] }
        return (sql, arguments)
    }
}
