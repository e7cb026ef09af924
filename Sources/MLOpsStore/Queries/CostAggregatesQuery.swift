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

    /// The pieces of `CostAggregates` a read can fill on its own, so that the two windows
    /// can be read side by side.
    struct Pieces: OptionSet, Sendable {
        let rawValue: Int
        /// The query's window.
        static let current = Pieces(rawValue: 1)
        /// The window before it.
        static let previous = Pieces(rawValue: 2)
        /// The currency and the daily sums.
        static let days = Pieces(rawValue: 4)
        static let all: Pieces = [.current, .previous, .days]
    }

    static func fetch(_ db: Database, _ q: MetricsQuery, pieces: Pieces = .all) throws -> CostAggregates {
        try fetch(db, q, teams: nil, pieces: pieces)[nil] ?? CostAggregates()
    }

    /// The subject's aggregates under nil and, with `teams` (for an organisation query),
    /// each team's as its own subject query would compute them, from one pass of each query.
    static func fetch(_ db: Database, _ q: MetricsQuery, teams: Set<String>?, pieces: Pieces = .all) throws -> [String?: CostAggregates] {
        var modelTeam: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, team FROM models") { modelTeam[row[0]] = row[1] }
        func attributed(_ team: String?, _ model: String?) -> String? { team ?? model.flatMap { modelTeam[$0] } }
        /// The results a line attributed to `team` adds to: the subject's, and its team's.
        func groups(_ team: String?) -> [String?] {
            guard let teams, let team, teams.contains(team) else { return [nil] }
            return [nil, team]
        }
        let subject = Self.subject(q.filter)
        var result: [String?: CostAggregates] = [nil: CostAggregates()]
        for name in teams ?? [] { result[name] = CostAggregates() }

        if pieces.contains(.days) {
            try daySums(db, q, teams: teams, attributed: attributed, groups: groups, into: &result)
        }
        let runs = MetricsSQL.subject(q.filter, team: "r.team", model: "r.model")
        // A team's failed-run GPU lines are those of its own runs; the organisation's, all.
        let runTeam = teams == nil ? "''" : "r.team"
        for (w, isCurrent) in [(q.window, true), (q.previous, false)] where pieces.contains(isCurrent ? .current : .previous) {
            guard let covered = MetricsSQL.detailDays(of: w, q) else { continue }
            let (first, last) = (covered.lowerBound, covered.upperBound)
            let range: StatementArguments = [first.iso8601, last.iso8601]
            var failed: [String?: [CostKey: (cents: Int64, lines: Int)]] = [:]
            // Each GPU line's run looked up among the failed runs' ids (`runs_failed_ids`, a
            // tenth of the runs) rather than in the key of every run and then its row: the
            // planner picks the latter, 54 → 34 ms for a 90-day window's 85,000 lines.
            let failedRows = try Row.fetchCursor(db, sql: """
                SELECT c.team, c.model, \(cents) < 0 AS credit, \(runTeam) AS run_team, SUM(\(cents)), count(*)
                FROM costs c JOIN runs r INDEXED BY runs_failed_ids ON r.id = c.run_id
                WHERE c.category = 'gpu' AND c.run_id IS NOT NULL AND c.date >= ? AND c.date <= ? AND r.status = 'failed'\(subject.sql)\(runs.sql)
                GROUP BY c.team, c.model, credit, run_team
                """, arguments: range + subject.arguments + runs.arguments)
            while let row = try failedRows.next() {
                let team = attributed(row[0], row[1])
                let key = CostKey(team: team, model: row[1], category: .gpu, failedRunGPU: true, credit: row[2])
                for g in groups(team) where g == nil || team == row[3] {
                    let previous = failed[g]?[key] ?? (0, 0)
                    failed[g, default: [:]][key] = (previous.cents + (row[4] as Int64), previous.lines + (row[5] as Int))
                }
            }
            var sums: [String?: [CostKey: Int64]] = [:]
            var lines: [String?: [CostKey: Int]] = [:]
            func add(team ownTeam: String?, model: String?, category name: String?, credit: Bool, cents: Int64, count: Int) {
                guard let name, let category = CostCategory(rawValue: name) else { return }
                let team = attributed(ownTeam, model)
                let key = CostKey(team: team, model: model, category: category, failedRunGPU: false, credit: credit)
                for g in groups(team) {
                    sums[g, default: [:]][key, default: 0] += cents
                    lines[g, default: [:]][key, default: 0] += count
                }
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
                while let row = try rows.next() { add(team: row[0], model: row[1], category: row[2], credit: row[3], cents: row[4], count: row[5]) }
            }
            for edge in split.edges {
                for (key, sum) in try edgeSums(db, edge, subject) {
                    add(team: key.team, model: key.model, category: key.category, credit: key.credit, cents: sum.cents, count: sum.lines)
                }
            }
            // GPU lines of failed runs are counted apart from the rest of their group.
            for g in result.keys {
                var groups = sums[g] ?? [:], lines = lines[g] ?? [:]
                for (key, f) in failed[g] ?? [:] {
                    var rest = key
                    rest.failedRunGPU = false
                    groups[rest, default: 0] -= f.cents
                    lines[rest, default: 0] -= f.lines
                    if lines[rest] == 0 { groups[rest] = nil }
                    groups[key] = f.cents
                }
                if isCurrent { result[g]!.current = groups } else { result[g]!.previous = groups }
            }
        }
        return result
    }

    /// A cost line's group in a window's sums, before its team is attributed.
    struct LineGroup {
        var team: String?
        var model: String?
        var category: String?
        var credit: Bool
    }

    /// The subject's lines in `days` summed per team, model, category and sign:
    /// `SELECT c.team, c.model, c.category, cents < 0 AS credit, SUM(cents), count(*) …
    /// GROUP BY c.team, c.model, c.category, credit`, grouped in a hash table instead of
    /// SQLite's sorter (`InternedRowCursor`).
    static func edgeSums(_ db: Database, _ days: ClosedRange<Day>, _ subject: (sql: String, arguments: StatementArguments))
        throws -> [(LineGroup, (cents: Int64, lines: Int))] {
        /// A category is its case's position when its bytes are the case's name (what an
        /// import writes), else -1 - the number of its text.
        struct Key: Hashable { var team, model, category: Int32; var credit: Bool }
        let names = CostCategory.allCases.map(\.rawValue)
        let category = MetricsSQL.position("c.category", of: names)
        var rows = try InternedRowCursor(db, sql: """
            SELECT c.team, c.model, \(category.sql), c.category, \(cents) FROM costs c WHERE c.date >= ? AND c.date <= ?\(subject.sql)
            """, arguments: category.arguments + [days.lowerBound.iso8601, days.upperBound.iso8601] + subject.arguments)
        var sums: [Key: (cents: Int64, lines: Int)] = [:]
        while try rows.next() {
            let cents = rows.int(4), position = rows.int(2)
            let key = Key(team: rows.text(0), model: rows.text(1), category: position >= 0 ? Int32(position) : -1 - rows.text(3), credit: cents < 0)
            var sum = sums[key] ?? (0, 0)
            try sum.cents.addExactly(cents)
            sum.lines += 1
            sums[key] = sum
        }
        return sums.map { key, sum in
            (LineGroup(team: rows.string(key.team), model: rows.string(key.model),
                       category: key.category >= 0 ? names[Int(key.category)] : rows.string(-1 - key.category), credit: key.credit), sum)
        }
    }

    /// The currency and the daily sums over the detail days.
    static func daySums(_ db: Database, _ q: MetricsQuery, teams: Set<String>?, attributed: (String?, String?) -> String?,
                        groups: (String?) -> [String?], into result: inout [String?: CostAggregates]) throws {
        let days = q.detailDays, subject = Self.subject(q.filter)
        result[nil]!.currency = try firstCurrency(db, days, q.filter)
        if let teams { try firstCurrencies(db, days, teams: teams, attributed: attributed, into: &result) }
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
            let team: String? = row[1], attributedTeam = attributed(team, row[2])
            for g in groups(attributedTeam) {
                result[g]!.daily[DailyCostKey(day: day, team: team, attributedTeam: attributedTeam, credit: row[3]), default: 0] += row[4] as Int64
            }
        }

    }

    /// Each team's first line's currency in the detail days (by date, then id), as its own
    /// query finds it: one pass in that order until every team is seen, then a query per
    /// team not seen within the first lines (a team with no lines reads to the end).
    static func firstCurrencies(_ db: Database, _ days: ClosedRange<Day>, teams: Set<String>,
                                attributed: (String?, String?) -> String?, into result: inout [String?: CostAggregates]) throws {
        var unseen = teams
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.team, c.model, c.currency FROM costs c WHERE c.date >= ? AND c.date <= ? ORDER BY c.date, c.id LIMIT 20000
            """, arguments: [days.lowerBound.iso8601, days.upperBound.iso8601])
        while !unseen.isEmpty, let row = try rows.next() {
            guard let team = attributed(row[0], row[1]), unseen.remove(team) != nil else { continue }
            result[team]!.currency = row[2]
        }
        for team in unseen { result[team]!.currency = try firstCurrency(db, days, SubjectFilter(team: team)) }
    }

    /// The currency of the subject's first line in `days`, by date and then id.
    static func firstCurrency(_ db: Database, _ days: ClosedRange<Day>, _ filter: SubjectFilter) throws -> String? {
        // `+`: read the days in order and stop at the subject's first line; on the team's
        // index SQLite would read all its lines and sort them.
        let subject = subject(filter, alias: "c", unindexed: true)
        return try String.fetchOne(db, sql: """
            SELECT c.currency FROM costs c WHERE c.date >= ? AND c.date <= ?\(subject.sql) ORDER BY c.date, c.id LIMIT 1
            """, arguments: [days.lowerBound.iso8601, days.upperBound.iso8601] + subject.arguments)
    }

    /// The subject's lines: a team's own, and its models' lines that name no team.
    /// `unindexed` keeps SQLite off the team and model indexes (`+`).
    static func subject(_ filter: SubjectFilter, alias c: String = "c", unindexed: Bool = false) -> (sql: String, arguments: StatementArguments) {
        var sql = "", arguments = StatementArguments()
        let plus = unindexed ? "+" : ""
        if let t = filter.team {
            sql += " AND (\(plus)\(c).team = ? OR (\(c).team IS NULL AND \(plus)\(c).model IN (SELECT name FROM models WHERE team = ?)))"
            arguments += [t, t]
        }
        if let m = filter.model { sql += " AND \(plus)\(c).model = ?"; arguments += [m] }
        return (sql, arguments)
    }
}
