import GRDB
import MLOpsCore

extension Store {
    /// Records of one kind, decoded straight from the statement without copying rows.
    static func fetch<R: StoredRecord>(_: R.Type, _ db: Database, _ clauses: String, _ arguments: StatementArguments = []) throws -> [R] {
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(R.schema.columnList) FROM \(R.schema.table) \(clauses)", arguments: arguments)
        var records: [R] = []
        while let row = try cursor.next() { records.append(R(row: row)) }
        return records
    }
}
