import GRDB

/// A read on either engine, for rules written once in the SQL both engines share:
/// `?` placeholders, and values as SQLite stores them (`PositionalRow`).
protocol SQLReader {
    associatedtype Values: PositionalRow
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Values]
}

extension Database: SQLReader {
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Row] {
        try Row.fetchAll(self, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
    }
}

extension PostgresSession: SQLReader {}
