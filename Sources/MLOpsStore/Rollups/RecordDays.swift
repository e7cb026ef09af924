import GRDB
import MLOpsCore

/// Per kind and day, how many records the store holds and how many of them fill each
/// optional field: what data health reads, so it costs the same on any store size.
///
/// The table is data kept exact, not a cache: every write path refreshes the days it
/// touched in the same transaction (`refresh`), and a migration builds it for stores that
/// predate it. Days are counted from 1970-01-01, as `Day.daysSinceEpoch`.
enum RecordDays {
    /// How one dated kind's records are placed on days.
    struct Placement {
        let table: String
        /// The indexed column a range of days is selected by.
        let column: String
        /// Epoch seconds (runs, deployments, incidents) or ISO dates (the day-stamped kinds).
        let isEpochSeconds: Bool

        /// The SQL expression of a record's day number.
        var dayNumber: String { isEpochSeconds ? "(\(column) / 86400)" : "CAST(julianday(\(column)) - 2440587.5 AS INTEGER)" }

        /// The condition and arguments selecting records on the days `days`.
        func condition(_ days: ClosedRange<Day>) -> (sql: String, arguments: StatementArguments) {
            if isEpochSeconds {
                return ("\(column) >= ? AND \(column) < ?", [days.lowerBound.start.seconds, days.upperBound.advanced(by: 1).start.seconds])
            }
            return ("\(column) >= ? AND \(column) <= ?", [days.lowerBound.iso8601, days.upperBound.iso8601])
        }
    }

    static func placement(_ kind: RecordKind) -> Placement? {
        switch kind {
        case .runs: return Placement(table: "runs", column: "placed_at", isEpochSeconds: true)
        case .deployments: return Placement(table: "deployments", column: "deployed_at", isEpochSeconds: true)
        case .incidents: return Placement(table: "incidents", column: "opened_at", isEpochSeconds: true)
        case .maintenance: return Placement(table: "maintenance", column: "date", isEpochSeconds: false)
        case .costs: return Placement(table: "costs", column: "date", isEpochSeconds: false)
        case .serving: return Placement(table: "serving", column: "date", isEpochSeconds: false)
        case .teams, .models, .budgets: return nil
        }
    }

    /// The fields a record's placement is the first present of, in `COALESCE` order: for
    /// runs, the fields the generated `placed_at` column is computed from.
    static func placementFields(_ kind: RecordKind) -> [String] {
        switch kind {
        case .runs: return ["started_at", "queued_at", "ended_at"]
        default: return placement(kind).map { [$0.column] } ?? []
        }
    }

    static let createTables = """
        CREATE TABLE record_days (
            kind TEXT NOT NULL,
            day INTEGER NOT NULL,
            records INTEGER NOT NULL,
            PRIMARY KEY (kind, day)
        ) WITHOUT ROWID;
        CREATE TABLE record_day_fields (
            kind TEXT NOT NULL,
            day INTEGER NOT NULL,
            field TEXT NOT NULL,
            filled INTEGER NOT NULL,
            PRIMARY KEY (kind, day, field)
        ) WITHOUT ROWID;
        """

    /// Recounts `kind` on `days` (every day when nil) from its records.
    static func refresh(_ db: Database, kind: RecordKind, days: ClosedRange<Day>? = nil) throws {
        guard let place = placement(kind) else { return }
        let optional = RecordSchema.of(kind).fields.filter { !$0.required }.map(\.name)
        var whereSQL = "\(place.column) IS NOT NULL", arguments = StatementArguments()
        var deleteSQL = "kind = ?", deleteArguments: StatementArguments = [kind.rawValue]
        if let days {
            let c = place.condition(days)
            whereSQL += " AND " + c.sql
            arguments += c.arguments
            deleteSQL += " AND day >= ? AND day <= ?"
            deleteArguments += [days.lowerBound.daysSinceEpoch, days.upperBound.daysSinceEpoch]
        }
        try db.execute(sql: "DELETE FROM record_days WHERE \(deleteSQL)", arguments: deleteArguments)
        try db.execute(sql: "DELETE FROM record_day_fields WHERE \(deleteSQL)", arguments: deleteArguments)
        let filled = optional.map { "count(\"\($0)\")" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(place.dayNumber) AS day, count(*)\(filled.isEmpty ? "" : ", " + filled)
            FROM \(place.table) WHERE \(whereSQL) GROUP BY day
            """, arguments: arguments)
        let addDay = try db.makeStatement(sql: "INSERT INTO record_days (kind, day, records) VALUES (?, ?, ?)")
        let addField = try db.makeStatement(sql: "INSERT INTO record_day_fields (kind, day, field, filled) VALUES (?, ?, ?, ?)")
        while let row = try rows.next() {
            let day: Int = row[0]
            try addDay.execute(arguments: [kind.rawValue, day, row[1] as Int])
            for (i, field) in optional.enumerated() {
                try addField.execute(arguments: [kind.rawValue, day, field, row[2 + i] as Int])
            }
        }
    }
}
