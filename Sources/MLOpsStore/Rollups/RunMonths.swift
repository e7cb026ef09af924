import GRDB
import MLOpsCore

/// Runs per month, team and model, counted as maturity and research read them: the
/// history months are read from here, not from a third of a million runs.
enum RunMonths {
    static let createTable = """
        CREATE TABLE run_months (
            month TEXT NOT NULL,
            team TEXT NOT NULL,
            model TEXT NOT NULL,
            runs INTEGER NOT NULL,
            training INTEGER NOT NULL,
            orchestrated INTEGER NOT NULL,
            automated INTEGER NOT NULL,
            monitoring_triggered INTEGER NOT NULL,
            succeeded_training INTEGER NOT NULL
        );
        CREATE INDEX run_months_by_month ON run_months(month);
        """

    static let training = "kind IN ('training', 'pipeline')"

    /// A run's month as `YYYY-MM`, from its epoch seconds.
    static func monthOf(_ column: String) -> String { "strftime('%Y-%m', \(column), 'unixepoch')" }

    /// Recounts the months that `days` touch (every month when nil).
    static func refresh(_ db: Database, days: ClosedRange<Day>?) throws {
        var condition = "WHERE placed_at IS NOT NULL", arguments = StatementArguments()
        var delete = "", deleteArguments = StatementArguments()
        if let days {
            let first = Month(containing: days.lowerBound), last = Month(containing: days.upperBound)
            condition += " AND placed_at >= ? AND placed_at < ?"
            arguments = [first.firstDay.start.seconds, last.window.end.seconds]
            delete = "WHERE month >= ? AND month <= ?"
            deleteArguments = [first.description, last.description]
        }
        try db.execute(sql: "DELETE FROM run_months \(delete)", arguments: deleteArguments)
        try db.execute(sql: """
            INSERT INTO run_months (month, team, model, runs, training, orchestrated, automated, monitoring_triggered, succeeded_training)
            SELECT \(monthOf("placed_at")) AS month, team, model, count(*),
                   SUM(CASE WHEN \(training) THEN 1 ELSE 0 END),
                   SUM(CASE WHEN \(training) AND orchestrated <> 0 THEN 1 ELSE 0 END),
                   SUM(CASE WHEN \(training) AND "trigger" <> 'manual' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN \(training) AND "trigger" IN ('drift', 'data') THEN 1 ELSE 0 END),
                   SUM(CASE WHEN \(training) AND status = 'succeeded' THEN 1 ELSE 0 END)
            FROM runs \(condition)
            GROUP BY month, team, model
            """, arguments: arguments)
    }
}
