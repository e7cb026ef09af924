import GRDB
import GRDBSQLite
import MLOpsCore

/// A Core record that can be imported from a file row and kept in a table.
protocol StoredRecord: Sendable {
    static var schema: RecordSchema { get }
    /// Where a record set keeps this kind.
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { get }
    /// Builds the record from a row selected with `schema.columnList`, by position:
    /// name lookups cost more than the decoding itself on large loads.
    init(row: some PositionalRow)
    /// Values for the table's columns, in `schema.fields` order.
    var databaseValues: [(any DatabaseValueConvertible)?] { get }
}

/// Every stored kind's type, so code that handles all kinds names them once.
enum StoredRecords {
    /// In import order: teams and models before the records that name them.
    static let all: [any StoredRecord.Type] = RecordKind.importOrder.map { StoredRecords.type(of: $0) }

    static func type(of kind: RecordKind) -> any StoredRecord.Type {
        switch kind {
        case .teams: return Team.self
        case .models: return Model.self
        case .runs: return Run.self
        case .deployments: return Deployment.self
        case .incidents: return Incident.self
        case .maintenance: return MaintenanceEntry.self
        case .costs: return CostEntry.self
        case .budgets: return Budget.self
        case .serving: return ServingDay.self
        }
    }
}

extension Instant: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { seconds.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Instant? {
        Int64.fromDatabaseValue(dbValue).map(Instant.init(seconds:))
    }
}

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso8601.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        String.fromDatabaseValue(dbValue).flatMap(Day.init(iso8601:))
    }
}

// Read straight from the statement's column, as GRDB reads its own types: going through a
// `DatabaseValue` (and, for a day, a `String`) was half the cost of reading a window's
// deployments and serving days. Values of another storage class take the path above, so
// both read every value alike.

extension Instant: StatementColumnConvertible {
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        if sqlite3_column_type(sqliteStatement, index) == SQLITE_INTEGER {
            self.init(seconds: sqlite3_column_int64(sqliteStatement, index))
        } else {
            guard let instant = Instant.fromDatabaseValue(DatabaseValue(sqliteStatement: sqliteStatement, index: index)) else { return nil }
            self = instant
        }
    }
}

extension Day: StatementColumnConvertible {
    public init?(sqliteStatement: SQLiteStatement, index: CInt) {
        guard sqlite3_column_type(sqliteStatement, index) == SQLITE_TEXT, let text = sqlite3_column_text(sqliteStatement, index) else {
            guard let day = Day.fromDatabaseValue(DatabaseValue(sqliteStatement: sqliteStatement, index: index)) else { return nil }
            self = day
            return
        }
        // A `String` read from the column ends at its first NUL byte, if any.
        let count = Int(sqlite3_column_bytes(sqliteStatement, index))
        let length = UnsafeBufferPointer(start: text, count: count).firstIndex(of: 0) ?? count
        guard let day = Day(iso8601: UnsafeBufferPointer(start: text, count: length)) else { return nil }
        self = day
    }
}

extension RawRepresentable where RawValue == String {
    var stored: String { rawValue }
}

/// A result row read by column position, from either engine: GRDB's `Row` for SQLite,
/// `PostgresValues` for PostgreSQL. Records decode from it once for both.
protocol PositionalRow {
    func decoded<Value: DatabaseValueConvertible>(_ index: Int) -> Value
    /// For the common types: GRDB's `Row` reads them straight from the statement's column,
    /// without a `DatabaseValue` in between.
    func decodedFromColumn<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) -> Value
}

extension Row: PositionalRow {
    func decoded<Value: DatabaseValueConvertible>(_ index: Int) -> Value { self[index] }
    func decodedFromColumn<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) -> Value { self[index] }
}

extension PositionalRow {
    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value { decoded(index) }
    subscript<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) -> Value { decodedFromColumn(index) }

    /// Decodes a stored enum, falling back when a newer writer stored a value this binary lacks.
    func choice<E: RawRepresentable>(_ column: Int, _ fallback: E) -> E where E.RawValue == String {
        (self[column] as String?).flatMap(E.init(rawValue:)) ?? fallback
    }
}
