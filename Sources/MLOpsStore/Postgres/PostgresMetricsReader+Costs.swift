import MLOpsCore

/// Costs summed on the server in whole cents, by the rules of `CostAggregatesQuery`:
/// lines grouped by their own team and model, attributed afterwards (own team, else the
/// model's); failed runs' GPU lines apart; whole months from `cost_months`, the days a
/// window cuts from its months from the lines; daily sums from `cost_team_days`.
extension PostgresMetricsReader {
    /// The subject's lines: a team's own, and its models' lines that name no team.
    func costSubject(_ c: String) -> (sql: String, arguments: [SQLValue]) {
        var sql = "", arguments: [SQLValue] = []
        if let t = q.filter.team {
            sql += " AND (\(c).team = ? OR (\(c).team IS NULL AND \(c).model IN (SELECT name FROM models WHERE team = ?)))"
            arguments += [.text(t), .text(t)]
        }
        if let m = q.filter.model { sql += " AND \(c).model = ?"; arguments.append(.text(m)) }
        return (sql, arguments)
    }

    func costs(pieces: CostAggregatesQuery.Pieces = .all) throws -> CostAggregates {
        var modelTeam: [String: String] = [:]
        for row in try session.rows("SELECT name, team FROM models") { modelTeam[row[0]] = row[1] }
        func attributed(_ team: String?, _ model: String?) -> String? { team ?? model.flatMap { modelTeam[$0] } }
        var result = CostAggregates()
        let lines = costSubject("c"), cents = PostgresSchema.cents("c.amount")
        if pieces.contains(.days) { try daySums(into: &result, attributed: attributed) }
        let runs = subject(team: "r.team", model: "r.model")
        for (w, isCurrent) in [(q.window, true), (q.previous, false)] where pieces.contains(isCurrent ? .current : .previous) {
            guard let covered = MetricsSQL.detailDays(of: w, q) else { continue }
            let (first, last) = (covered.lowerBound, covered.upperBound)
            let range: [SQLValue] = [.text(first.iso8601), .text(last.iso8601)]
            var failed: [CostKey: (cents: Int64, lines: Int)] = [:]
            for row in try session.rows("""
                SELECT c.team, c.model, (\(cents) < 0)::int AS credit, SUM(\(cents))::bigint, count(*)
                FROM costs c JOIN runs r ON r.id = c.run_id
                WHERE c.category = 'gpu' AND c.run_id IS NOT NULL AND c.date >= ? AND c.date <= ? AND r.status = 'failed'\(lines.sql)\(runs.sql)
                GROUP BY 1, 2, 3
                """, range + lines.arguments + runs.arguments) {
                let key = CostKey(team: attributed(row[0], row[1]), model: row[1], category: .gpu, failedRunGPU: true, credit: row[2])
                let previous = failed[key] ?? (0, 0)
                failed[key] = (previous.cents + (row[3] as Int64), previous.lines + (row[4] as Int))
            }
            var sums: [CostKey: Int64] = [:], counts: [CostKey: Int] = [:]
            func add(_ row: PostgresValues) {
                guard let category = CostCategory(rawValue: row[2]) else { return }
                let key = CostKey(team: attributed(row[0], row[1]), model: row[1], category: category, failedRunGPU: false, credit: row[3])
                sums[key, default: 0] += row[4] as Int64
                counts[key, default: 0] += row[5] as Int
            }
            let split = MetricsSQL.split(first...last)
            if let firstMonth = split.months.first, let lastMonth = split.months.last {
                let monthly = costSubject("m")
                for row in try session.rows("""
                    SELECT m.team, m.model, m.category, m.credit, SUM(m.cents)::bigint, SUM(m.lines)::bigint FROM cost_months m
                    WHERE m.month >= ? AND m.month <= ?\(monthly.sql)
                    GROUP BY 1, 2, 3, 4
                    """, [.text(firstMonth.description), .text(lastMonth.description)] + monthly.arguments) { add(row) }
            }
            for edge in split.edges {
                for row in try session.rows("""
                    SELECT c.team, c.model, c.category, (\(cents) < 0)::int AS credit, SUM(\(cents))::bigint, count(*) FROM costs c
                    WHERE c.date >= ? AND c.date <= ?\(lines.sql)
                    GROUP BY 1, 2, 3, 4
                    """, [.text(edge.lowerBound.iso8601), .text(edge.upperBound.iso8601)] + lines.arguments) { add(row) }
            }
            // GPU lines of failed runs are counted apart from the rest of their group.
            for (key, f) in failed {
                var rest = key
                rest.failedRunGPU = false
                sums[rest, default: 0] -= f.cents
                counts[rest, default: 0] -= f.lines
                if counts[rest] == 0 { sums[rest] = nil }
                sums[key] = f.cents
            }
            if isCurrent { result.current = sums } else { result.previous = sums }
        }
        return result
    }

    /// The currency of the subject's first line in the detail days, and the daily sums.
    private func daySums(into result: inout CostAggregates, attributed: (String?, String?) -> String?) throws {
        let days = q.detailDays, lines = costSubject("c"), cents = PostgresSchema.cents("c.amount")
        let span: [SQLValue] = [.text(days.lowerBound.iso8601), .text(days.upperBound.iso8601)]
        result.currency = try session.rows("SELECT c.currency FROM costs c WHERE c.date >= ? AND c.date <= ?\(lines.sql) ORDER BY c.date, c.id LIMIT 1",
                                           span + lines.arguments).first?[0]
        let daily: [PostgresValues]
        if q.filter.model == nil {
            let teams = costSubject("d")
            daily = try session.rows("""
                SELECT d.day, d.team, d.model, d.credit, SUM(d.cents)::bigint FROM cost_team_days d WHERE d.day >= ? AND d.day <= ?\(teams.sql)
                GROUP BY 1, 2, 3, 4
                """, span + teams.arguments)
        } else {
            daily = try session.rows("""
                SELECT c.date, c.team, CASE WHEN c.team IS NULL THEN c.model END, (\(cents) < 0)::int, SUM(\(cents))::bigint
                FROM costs c WHERE c.date >= ? AND c.date <= ?\(lines.sql)
                GROUP BY 1, 2, 3, 4
                """, span + lines.arguments)
        }
        for row in daily {
            guard let day = Day(iso8601: row[0]) else { continue }
            let team: String? = row[1]
            result.daily[DailyCostKey(day: day, team: team, attributedTeam: attributed(team, row[2]), credit: row[3]), default: 0] += row[4] as Int64
        }
    }
}
