import Foundation
import GRDB
import MLOpsCore
import NIOCore

/// Copies a whole store from one engine to the other (SQLite ⇄ PostgreSQL): every record
/// table, the import log and the external systems' ids, in one transaction on the
/// destination, which must hold no records; the rollups are then counted afresh there.
/// A failure leaves the destination as it was.
public enum StoreMove {
    /// Either engine's store, as a source or a destination.
    public enum Endpoint: Sendable {
        case sqlite(Store)
        case postgres(PostgresStore)

        /// The store behind the endpoint, for reading and naming it.
        public var store: any ReadableStore {
            switch self {
            case .sqlite(let s): return s
            case .postgres(let s): return s
            }
        }

        var name: String { store.displayName }
    }

    /// A table moved as it is, with its columns in a fixed order.
    struct Table: Sendable {
        let name: String
        let columns: [String]
        let order: String
    }

    /// The record tables (without generated columns) and the tables that give imports their history.
    static let tables: [Table] = RecordKind.importOrder.map { kind in
        let schema = RecordSchema.of(kind)
        return Table(name: schema.table, columns: schema.fields.map(\.name), order: schema.key.map { "\"\($0)\"" }.joined(separator: ", "))
    } + [
        Table(name: "imports", columns: ["id", "kind", "source", "imported_at", "inserted", "updated", "unchanged"], order: "id"),
        Table(name: "external_ids", columns: ["source", "kind", "external_id", "record_id", "first_seen_at"], order: "source, kind, external_id"),
        Table(name: "external_production", columns: ["source", "model", "version", "deployment_id", "seen_at"], order: "source, model"),
    ]

    static let pageRows = 10_000

    /// Copies `source` into `destination`; returns each table's row count as copied.
    @discardableResult
    public static func copy(from source: Endpoint, to destination: Endpoint) throws -> [String: Int] {
        if try holdsRecords(destination) {
            throw StoreMoveError(description: "\(destination.name): already holds records; move into a new, empty store. Nothing was written.")
        }
        var counts: [String: Int] = [:]
        switch destination {
        case .postgres(let target):
            try target.write { session in
                for table in tables {
                    // The source is read on the copy's producing thread, a page at a time.
                    let tally = RowTally()
                    try PostgresImport.withIndexesBuiltAfter(session, table: table.name) {
                        try session.copy(into: table.name, columns: table.columns) { send in
                            tally.set(try eachPage(source, table) { page in
                                var buffer = ByteBufferAllocator().buffer(capacity: 1 << 20)
                                for row in page { CopyText.appendRow(row, to: &buffer) }
                                try send(buffer)
                            })
                        }
                    }
                    counts[table.name] = tally.value
                }
                try session.execute("SELECT setval(pg_get_serial_sequence('imports', 'id'), GREATEST((SELECT max(id) FROM imports), 1))")
                for kind in RecordKind.importOrder { try PostgresRollups.refresh(session, kind: kind, days: nil) }
            }
        case .sqlite(let target):
            try target.queue.inTransaction(.immediate) { db in
                for table in tables {
                    let statement = try db.makeStatement(sql: """
                        INSERT INTO \(table.name) (\(table.columns.map { "\"\($0)\"" }.joined(separator: ", ")))
                        VALUES (\(Array(repeating: "?", count: table.columns.count).joined(separator: ", ")))
                        """)
                    counts[table.name] = try eachPage(source, table) { page in
                        for row in page { try statement.execute(arguments: StatementArguments(row.map(\.databaseValue))) }
                    }
                }
                for kind in RecordKind.importOrder { try Rollups.refresh(db, kind: kind) }
                return .commit
            }
        }
        return counts
    }

    /// Rows of each table, for checking a copy against its source.
    public static func counts(_ endpoint: Endpoint) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in tables {
            switch endpoint {
            case .sqlite(let s): counts[table.name] = try s.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.name)") ?? 0 }
            case .postgres(let s): counts[table.name] = try s.read { try $0.rows("SELECT count(*) FROM \(table.name)")[0][0] }
            }
        }
        return counts
    }

    private static func holdsRecords(_ endpoint: Endpoint) throws -> Bool {
        try counts(endpoint).values.contains { $0 > 0 }
    }

    /// Reads `table` from `source` a page at a time, in key order; returns the rows read.
    private static func eachPage(_ source: Endpoint, _ table: Table, _ body: ([[SQLValue]]) throws -> Void) throws -> Int {
        let select = "SELECT \(table.columns.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(table.name) ORDER BY \(table.order)"
        var total = 0
        switch source {
        case .sqlite(let s):
            try s.read { db in
                let cursor = try Row.fetchCursor(db, sql: select)
                var page: [[SQLValue]] = []
                while let row = try cursor.next() {
                    page.append(row.databaseValues.map { SQLValue($0) })
                    if page.count == pageRows { try body(page); total += page.count; page.removeAll(keepingCapacity: true) }
                }
                if !page.isEmpty { try body(page); total += page.count }
            }
        case .postgres(let s):
            try s.read { session in
                try session.execute("DECLARE store_move NO SCROLL CURSOR FOR \(select)")
                while true {
                    let rows = try session.rows("FETCH \(pageRows) FROM store_move")
                    if rows.isEmpty { break }
                    try body(rows.map { $0.values.map { SQLValue($0) } })
                    total += rows.count
                }
                try session.execute("CLOSE store_move")
            }
        }
        return total
    }
}

/// Why a store cannot be moved, naming the destination (never a password).
public struct StoreMoveError: Error, CustomStringConvertible {
    public var description: String
}
