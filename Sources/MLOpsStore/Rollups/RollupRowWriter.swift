import GRDB
import GRDBSQLite

/// One prepared statement, bound with `sqlite3_bind_*` and stepped, for the many rows an
/// import adds to the rollups (tens of thousands of cost groups): GRDB's arguments, a
/// boxed value and a `String` per column, cost more than the insert itself.
struct RollupRowWriter {
    private let statement: Statement
    private let connection: OpaquePointer
    private var parameter: Int32 = 0
    private var bindFailure: Int32 = SQLITE_OK

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        connection = db.sqliteConnection!
    }

    mutating func int(_ value: Int64) {
        parameter += 1
        check(sqlite3_bind_int64(statement.sqliteStatement, parameter, value))
    }

    mutating func int(_ value: Int) { int(Int64(value)) }

    mutating func bool(_ value: Bool) { int(value ? 1 : 0) }

    /// Text from its UTF-8 bytes (SQLite copies them); NULL when nil.
    mutating func text(_ bytes: [UInt8]?) {
        parameter += 1
        guard let bytes else { return check(sqlite3_bind_null(statement.sqliteStatement, parameter)) }
        let rc = bytes.withUnsafeBufferPointer { b in
            // An empty array may have no address; bind an empty string then, not NULL.
            b.isEmpty ? sqlite3_bind_text(statement.sqliteStatement, parameter, "", 0, RollupRowWriter.transient)
                : sqlite3_bind_text(statement.sqliteStatement, parameter, UnsafeRawPointer(b.baseAddress!).assumingMemoryBound(to: CChar.self),
                                    Int32(b.count), RollupRowWriter.transient)
        }
        check(rc)
    }

    /// A blob of the bytes (SQLite copies them); an empty blob, not NULL, for none.
    mutating func blob(_ bytes: UnsafeRawBufferPointer) {
        parameter += 1
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return check(sqlite3_bind_zeroblob(statement.sqliteStatement, parameter, 0)) }
        check(sqlite3_bind_blob(statement.sqliteStatement, parameter, base, Int32(bytes.count), RollupRowWriter.transient))
    }

    /// Steps the bound statement once and makes it ready for the next row.
    mutating func step() throws {
        defer {
            sqlite3_reset(statement.sqliteStatement)
            parameter = 0
            bindFailure = SQLITE_OK
        }
        let rc = bindFailure == SQLITE_OK ? sqlite3_step(statement.sqliteStatement) : bindFailure
        guard rc == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection)))
        }
    }

    private mutating func check(_ rc: Int32) {
        if rc != SQLITE_OK, bindFailure == SQLITE_OK { bindFailure = rc }
    }

    /// SQLite's `SQLITE_TRANSIENT`: it copies the bytes before the bind returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
