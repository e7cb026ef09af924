import GRDB
import MLOpsCore

/// A Core record that can be imported from a file row and kept in a table.
protocol StoredRecord: Sendable {
    static var schema: RecordSchema { get }
    /// Builds the record from an import row, validating every field.
    init(importing row: RecordRow) throws
    /// Builds the record from a row selected with `schema.columnList`, by position:
    /// name lookups cost more than the decoding itself on large loads.
    init(row: Row)
    /// Values for the table's columns, in `schema.fields` order.
    var databaseValues: [(any DatabaseValueConvertible)?] { get }
    /// The identity used to find duplicates within one file.
    var importKey: String { get }
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

extension RawRepresentable where RawValue == String {
    var stored: String { rawValue }
}

extension Row {
    /// Decodes a stored enum, falling back when a newer writer stored a value this binary lacks.
    func choice<E: RawRepresentable>(_ column: Int, _ fallback: E) -> E where E.RawValue == String {
        (self[column] as String?).flatMap(E.init(rawValue:)) ?? fallback
    }
}
