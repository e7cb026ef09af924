import GRDB
import MLOpsCore

/// Spend per month, team, model, category and sign (charges, credits), in cents with its line count: a window's
/// whole months are summed from here, only its partial months from the cost lines.
enum CostMonths {
    static let createTable = """
        CREATE TABLE cost_months (
            month TEXT NOT NULL,
            team TEXT,
            model TEXT,
            category TEXT NOT NULL,
            credit INTEGER NOT NULL,
            cents INTEGER NOT NULL,
            lines INTEGER NOT NULL
        );
        CREATE INDEX cost_months_by_month ON cost_months(month);
        """

    /// Recounts the months that `days` touch (every month when nil).
    static func refresh(_ db: Database, days: ClosedRange<Day>?) throws {
        var condition = "", arguments = StatementArguments()
        var delete = "", deleteArguments = StatementArguments()
        if let days {
            let first = Month(containing: days.lowerBound), last = Month(containing: days.upperBound)
            condition = "WHERE date >= ? AND date <= ?"
            arguments = [first.firstDay.iso8601, last.endDay.advanced(by: -1).iso8601]
            delete = "WHERE month >= ? AND month <= ?"
            deleteArguments = [first.description, last.description]
        }
        try db.execute(sql: "DELETE FROM cost_months \(delete)", arguments: deleteArguments)
        try db.execute(sql: """
            INSERT INTO cost_months (month, team, model, category, credit, cents, lines)
            SELECT substr(date, 1, 7) AS month, team, model, category, CAST(round(amount * 100) AS INTEGER) < 0 AS credit,
                   SUM(CAST(round(amount * 100) AS INTEGER)), count(*)
            FROM costs \(condition)
            GROUP BY month, team, model, category, credit
            """, arguments: arguments)
    }
}
