import GRDB
import GRDBSQLite
import MLOpsCore

/// Writes checked rows of one kind with prepared statements bound straight from the
/// record's bytes: a plain insert for a new key, an upsert only when the key exists.
///
/// What a row did is told apart without a per-row lookup: the insert `DO NOTHING`s on a
/// conflict, and only then is the existing row looked at: one this import inserted
/// (rowid at or past `firstNewRowid`) means the file repeats a key; one already in the
/// store is updated when a value differs.
final class BulkWriter {
    enum Outcome {
        case inserted, unchanged
        /// The row was in the store with other values; `previousDays` are the days its old
        /// values placed it on (for the rollups to recount).
        case updated(previousDays: [Int])
        /// The file repeats a key; the line of its first occurrence when known without
        /// reading the file again.
        case repeated(firstLine: Int?)
    }

    private let db: Database
    private let connection: OpaquePointer
    private let schema: RecordSchema
    private let insert: Statement
    private let upsert: Statement
    private let find: Statement
    /// Where the rollups place a row (`placed_at`, a date), read back from an updated row
    /// so its old day is recounted too; nil for kinds without rollups.
    private let placement: RecordDays.Placement?
    /// The smallest rowid this import can give a new row.
    let firstNewRowid: Int64
    /// Keys of rows that were in the store before this import go in a temporary table
    /// with the line that wrote them, so a second line with one of them is caught
    /// without holding every key of a large re-import in memory.
    private let rememberStoredKey: Statement
    private let lineOfStoredKey: Statement

    init(db: Database, schema: RecordSchema) throws {
        self.db = db
        self.connection = db.sqliteConnection!
        self.schema = schema
        let columns = schema.fields.map { "\"\($0.name)\"" }
        let keyColumns = schema.key.map { "\"\($0)\"" }
        let nonKey = schema.fields.map(\.name).filter { !schema.key.contains($0) }.map { "\"\($0)\"" }
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        insert = try db.makeStatement(sql: """
            INSERT INTO \(schema.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders)) ON CONFLICT DO NOTHING
            """)
        upsert = try db.makeStatement(sql: """
            INSERT INTO \(schema.table) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))
            ON CONFLICT(\(keyColumns.joined(separator: ", "))) DO UPDATE SET
            \(nonKey.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            WHERE \(nonKey.map { "\(schema.table).\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "))
            """)
        placement = RecordDays.placement(schema.kind)
        let selected = (["rowid"] + (placement.map { ["\"\($0.column)\""] } ?? [])).joined(separator: ", ")
        find = try db.makeStatement(sql: """
            SELECT \(selected) FROM \(schema.table) WHERE \(keyColumns.map { "\($0) = ?" }.joined(separator: " AND "))
            """)
        firstNewRowid = (try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM \(schema.table)") ?? 0) + 1
        try db.execute(sql: "CREATE TEMP TABLE import_stored_keys (key TEXT PRIMARY KEY NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID")
        rememberStoredKey = try db.makeStatement(sql: "INSERT INTO temp.import_stored_keys (key, line) VALUES (?, ?) ON CONFLICT DO NOTHING")
        lineOfStoredKey = try db.makeStatement(sql: "SELECT line FROM temp.import_stored_keys WHERE key = ?")
    }

    /// Drops what the writer kept for the import; call when every row is written.
    func finish() throws {
        try db.execute(sql: "DROP TABLE temp.import_stored_keys")
    }

    /// Writes one checked row.
    func write(_ values: FieldValues, _ record: RawRecord) throws -> Outcome {
        try run(insert.sqliteStatement, values, record, fields: 0..<schema.fields.count)
        if sqlite3_changes(connection) == 1 { return .inserted }

        let stored = try existing(values, record)
        if stored.rowid >= firstNewRowid { return .repeated(firstLine: nil) }
        let key = schema.keyIndices.map { String(decoding: record.bytes[values.start[$0]..<values.end[$0]], as: UTF8.self) }
            .joined(separator: "|")
        try rememberStoredKey.execute(arguments: [key, record.line])
        if db.changesCount == 0 {
            return .repeated(firstLine: try Int.fetchOne(lineOfStoredKey, arguments: [key]))
        }
        try run(upsert.sqliteStatement, values, record, fields: 0..<schema.fields.count)
        guard sqlite3_changes(connection) == 1 else { return .unchanged }
        return .updated(previousDays: stored.days)
    }

    /// The stored row with this row's key: its rowid and the days its placement names
    /// (for a timestamp before 1970, both the floor day and the truncated one SQL files it under).
    private func existing(_ values: FieldValues, _ record: RawRecord) throws -> (rowid: Int64, days: [Int]) {
        let statement = find.sqliteStatement
        defer { sqlite3_reset(statement) }
        let rc = try record.bytes.withUnsafeBufferPointer { bytes in
            try bind(statement, values, bytes, fields: schema.keyIndices)
            return sqlite3_step(statement)
        }
        guard rc == SQLITE_ROW else { throw failure(rc == SQLITE_DONE ? SQLITE_ERROR : rc) }
        var days: [Int] = []
        if let placement, sqlite3_column_type(statement, 1) != SQLITE_NULL {
            if !placement.isEpochSeconds {
                if let text = sqlite3_column_text(statement, 1), let day = Day(iso8601: String(cString: text)) {
                    days.append(day.daysSinceEpoch)
                }
            } else {
                let seconds = sqlite3_column_int64(statement, 1)
                days.append(Instant(seconds: seconds).day.daysSinceEpoch)
                days.append(Int(seconds / 86_400))
            }
        }
        return (sqlite3_column_int64(statement, 0), days)
    }

    /// Binds the row and steps the statement once, while the record's bytes are pinned.
    private func run(_ statement: OpaquePointer, _ values: FieldValues, _ record: RawRecord, fields: Range<Int>) throws {
        let rc = try record.bytes.withUnsafeBufferPointer { bytes in
            try bind(statement, values, bytes, fields: fields)
            return sqlite3_step(statement)
        }
        sqlite3_reset(statement)
        guard rc == SQLITE_DONE else { throw failure(rc) }
    }

    /// Binds `fields` of the row to parameters 1, 2, …; text is bound in place.
    ///
    /// `SQLITE_STATIC` is safe: every parameter is bound again before each step, and the
    /// caller steps while `bytes` is still pinned.
    private func bind(_ statement: OpaquePointer, _ values: FieldValues, _ bytes: UnsafeBufferPointer<UInt8>, fields: some Collection<Int>) throws {
        do {
            var parameter: Int32 = 1
            for i in fields {
                let rc: Int32
                if !values.present[i] {
                    rc = sqlite3_bind_null(statement, parameter)
                } else {
                    switch values.storage[i] {
                    case .integer: rc = sqlite3_bind_int64(statement, parameter, values.integer[i])
                    case .real: rc = sqlite3_bind_double(statement, parameter, values.real[i])
                    case .text:
                        rc = sqlite3_bind_text(statement, parameter, UnsafeRawPointer(bytes.baseAddress! + values.start[i])
                            .assumingMemoryBound(to: CChar.self), Int32(values.end[i] - values.start[i]), BulkWriter.staticText)
                    }
                }
                guard rc == SQLITE_OK else { throw failure(rc) }
                parameter += 1
            }
        }
    }

    private func failure(_ rc: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)))
    }

    /// SQLite's `SQLITE_STATIC`: the bytes outlive the step, so SQLite need not copy them.
    private static let staticText = unsafeBitCast(0, to: sqlite3_destructor_type.self)
}
