import GRDB

/// A read on either engine, for rules written once in the SQL both engines share:
/// `?` placeholders, and values as SQLite stores them (`PositionalRow`).
protocol SQLReader {
    associatedtype Values: PositionalRow
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Values]
    /// Records of one kind: `SELECT <its columns> FROM <its table> <clauses>`.
    func records<R: StoredRecord>(_: R.Type, _ clauses: String, _ arguments: [SQLValue]) throws -> [R]
}

extension Database: SQLReader {
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Row] {
        try Row.fetchAll(self, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
    }

    func records<R: StoredRecord>(_: R.Type, _ clauses: String, _ arguments: [SQLValue]) throws -> [R] {
        try Store.fetch(R.self, self, clauses, StatementArguments(arguments.map(\.databaseValue)))
    }
}

extension PostgresSession: SQLReader {}
