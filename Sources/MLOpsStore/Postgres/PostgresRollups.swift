import MLOpsCore

/// The rollups (`RecordDays`, `CostTeamDays`, `CostMonths`, `RunMonths`) kept on
/// PostgreSQL: the same tables and the same counts, recounted for the days a write
/// touched inside its transaction.
enum PostgresRollups {
    static func refresh(_ session: PostgresSession, kind: RecordKind, days: ClosedRange<Day>?) throws {
        try recordDays(session, kind: kind, days: days)
        switch kind {
        case .costs:
            try costTeamDays(session, days: days)
            try costMonths(session, days: days)
        case .runs: try runMonths(session, days: days)
        default: break
        }
    }

    /// A record's day number since 1970-01-01, as SQLite's `RecordDays.Placement.dayNumber` gives it.
    static func dayNumber(_ place: RecordDays.Placement) -> String {
        place.isEpochSeconds ? "(\(place.column) / 86400)" : "(\(place.column)::date - DATE '1970-01-01')"
    }

    static func recordDays(_ session: PostgresSession, kind: RecordKind, days: ClosedRange<Day>?) throws {
        guard let place = RecordDays.placement(kind) else { return }
        let optional = RecordSchema.of(kind).fields.filter { !$0.required }.map(\.name)
        var condition = "\(place.column) IS NOT NULL", arguments: [SQLValue] = []
        var delete = "kind = ?", deleteArguments: [SQLValue] = [.text(kind.rawValue)]
        if let days {
            if place.isEpochSeconds {
                condition += " AND \(place.column) >= ? AND \(place.column) < ?"
                arguments = [.integer(days.lowerBound.start.seconds), .integer(days.upperBound.advanced(by: 1).start.seconds)]
            } else {
                condition += " AND \(place.column) >= ? AND \(place.column) <= ?"
                arguments = [.text(days.lowerBound.iso8601), .text(days.upperBound.iso8601)]
            }
            delete += " AND day >= ? AND day <= ?"
            deleteArguments += [.integer(Int64(days.lowerBound.daysSinceEpoch)), .integer(Int64(days.upperBound.daysSinceEpoch))]
        }
        try session.execute("DELETE FROM record_days WHERE \(delete)", deleteArguments)
        try session.execute("DELETE FROM record_day_fields WHERE \(delete)", deleteArguments)
        try session.execute("""
            INSERT INTO record_days (kind, day, records)
            SELECT ?, \(dayNumber(place)) AS day, count(*) FROM \(place.table) WHERE \(condition) GROUP BY day
            """, [.text(kind.rawValue)] + arguments)
        guard !optional.isEmpty else { return }
        let filled = optional.map { "count(\"\($0)\")" }.joined(separator: ", ")
        let names = optional.map { "'\($0)'" }.joined(separator: ", ")
        try session.execute("""
            INSERT INTO record_day_fields (kind, day, field, filled)
            SELECT ?, day, field, filled FROM (
                SELECT \(dayNumber(place)) AS day, ARRAY[\(filled)] AS counts FROM \(place.table) WHERE \(condition) GROUP BY day
            ) d, unnest(ARRAY[\(names)]::text[], d.counts) AS f(field, filled)
            """, [.text(kind.rawValue)] + arguments)
    }

    static func costTeamDays(_ session: PostgresSession, days: ClosedRange<Day>?) throws {
        var condition = "", arguments: [SQLValue] = []
        if let days { condition = "WHERE date >= ? AND date <= ?"; arguments = [.text(days.lowerBound.iso8601), .text(days.upperBound.iso8601)] }
        try session.execute("DELETE FROM cost_team_days \(condition.replacingOccurrences(of: "date", with: "day"))", arguments)
        let cents = PostgresSchema.cents("amount")
        try session.execute("""
            INSERT INTO cost_team_days (day, team, model, credit, cents)
            SELECT date, team, CASE WHEN team IS NULL THEN model END, (\(cents) < 0)::int, SUM(\(cents))
            FROM costs \(condition)
            GROUP BY date, team, CASE WHEN team IS NULL THEN model END, (\(cents) < 0)::int
            """, arguments)
    }

    static func costMonths(_ session: PostgresSession, days: ClosedRange<Day>?) throws {
        var condition = "", arguments: [SQLValue] = [], delete = "", deleteArguments: [SQLValue] = []
        if let days {
            let first = Month(containing: days.lowerBound), last = Month(containing: days.upperBound)
            condition = "WHERE date >= ? AND date <= ?"
            arguments = [.text(first.firstDay.iso8601), .text(last.endDay.advanced(by: -1).iso8601)]
            delete = "WHERE month >= ? AND month <= ?"
            deleteArguments = [.text(first.description), .text(last.description)]
        }
        try session.execute("DELETE FROM cost_months \(delete)", deleteArguments)
        let cents = PostgresSchema.cents("amount")
        try session.execute("""
            INSERT INTO cost_months (month, team, model, category, credit, cents, lines)
            SELECT substr(date, 1, 7) AS month, team, model, category, (\(cents) < 0)::int AS credit, SUM(\(cents)), count(*)
            FROM costs \(condition)
            GROUP BY month, team, model, category, credit
            """, arguments)
    }

    /// A run's month as `YYYY-MM`, from its epoch seconds, in UTC.
    static func monthOf(_ column: String) -> String {
        "to_char(to_timestamp(\(column)) AT TIME ZONE 'UTC', 'YYYY-MM')"
    }

    static func runMonths(_ session: PostgresSession, days: ClosedRange<Day>?) throws {
        var condition = "WHERE placed_at IS NOT NULL", arguments: [SQLValue] = [], delete = "", deleteArguments: [SQLValue] = []
        if let days {
            let first = Month(containing: days.lowerBound), last = Month(containing: days.upperBound)
            condition += " AND placed_at >= ? AND placed_at < ?"
            arguments = [.integer(first.firstDay.start.seconds), .integer(last.window.end.seconds)]
            delete = "WHERE month >= ? AND month <= ?"
            deleteArguments = [.text(first.description), .text(last.description)]
        }
        try session.execute("DELETE FROM run_months \(delete)", deleteArguments)
        let training = RunMonths.training
        try session.execute("""
            INSERT INTO run_months (month, team, model, runs, training, orchestrated, automated, monitoring_triggered, succeeded_training)
            SELECT \(monthOf("placed_at")) AS month, team, model, count(*),
                   count(*) FILTER (WHERE \(training)),
                   count(*) FILTER (WHERE \(training) AND orchestrated <> 0),
                   count(*) FILTER (WHERE \(training) AND "trigger" <> 'manual'),
                   count(*) FILTER (WHERE \(training) AND "trigger" IN ('drift', 'data')),
                   count(*) FILTER (WHERE \(training) AND status = 'succeeded')
            FROM runs \(condition)
            GROUP BY month, team, model
            """, arguments)
    }
}
