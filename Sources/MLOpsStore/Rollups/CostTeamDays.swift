import GRDB
import MLOpsCore

/// Each day's spend per team (and, for lines naming no team, per model), charges and
/// credits apart: what budgets,
/// burn rates and anomalies read, a few dozen rows a day instead of thousands of lines.
/// Kept exact in the same transaction as every cost import (`Rollups.refresh`).
enum CostTeamDays {
    static let createTable = """
        CREATE TABLE cost_team_days (
            day TEXT NOT NULL,
            team TEXT,
            model TEXT,
            credit INTEGER NOT NULL,
            cents INTEGER NOT NULL
        );
        CREATE INDEX cost_team_days_by_day ON cost_team_days(day);
        """

    static func refresh(_ db: Database, days: ClosedRange<Day>?) throws {
        var condition = "", arguments = StatementArguments()
        if let days {
            condition = "WHERE day >= ? AND day <= ?"
            arguments = [days.lowerBound.iso8601, days.upperBound.iso8601]
        }
        try db.execute(sql: "DELETE FROM cost_team_days \(condition)", arguments: arguments)
        try db.execute(sql: """
            INSERT INTO cost_team_days (day, team, model, credit, cents)
            SELECT date, team, CASE WHEN team IS NULL THEN model END, CAST(round(amount * 100) AS INTEGER) < 0 AS credit,
                   SUM(CAST(round(amount * 100) AS INTEGER))
            FROM costs \(condition.replacingOccurrences(of: "day", with: "date"))
            GROUP BY date, team, CASE WHEN team IS NULL THEN model END, credit
            """, arguments: arguments)
    }
}
