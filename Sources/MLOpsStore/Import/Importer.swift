import Foundation
import GRDB
import MLOpsCore

extension Store {
    /// Imports one file of records as one transaction: any bad row leaves the store as it was.
    ///
    /// ```swift
    /// let summary = try store.importFile(kind: .runs, path: "runs.csv", now: clock)
    /// ```
    /// - Parameters:
    ///   - format: taken from the file's extension when nil.
    ///   - dryRun: validate and count, then roll back.
    ///   - now: when the import happened, for the store's import log.
    public func importFile(kind: RecordKind, path: String, format: ImportFormat? = nil,
                           dryRun: Bool = false, now: Instant) throws -> ImportSummary {
        guard let format = format ?? ImportFormat(path: path) else {
            throw ImportError(file: path, problem: "has no .csv or .jsonl extension; name the format with --format csv|jsonl")
        }
        guard !isReadOnly else { throw StoreError.unreadable(path: self.path, detail: "opened read-only") }
        return try importRecords(StoredRecords.type(of: kind), path: path, format: format, dryRun: dryRun, now: now)
    }

    private func importRecords<R: StoredRecord>(_: R.Type, path: String, format: ImportFormat,
                                                dryRun: Bool, now: Instant) throws -> ImportSummary {
        // Open the file before taking the write lock, so a missing file is reported as such.
        var source = try RowSource(path: path, format: format, schema: R.schema)
        var summary = ImportSummary(kind: R.schema.kind, file: path, rows: 0, inserted: 0, updated: 0, unchanged: 0, dryRun: dryRun)
        do {
            try queue.inTransaction(.immediate) { db in
                let writer = try UpsertWriter(db: db, schema: R.schema)
                let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(R.schema.table)") ?? 0
                var seen: [String: Int] = [:]
                var changed = 0
                var firstDay: Day?, lastDay: Day?
                while let row = try source.next() {
                    let record = try R(importing: row)
                    if let first = seen.updateValue(row.line, forKey: record.importKey) {
                        let keyField = R.schema.key[0]
                        throw ImportError(file: path, line: row.line, column: row.columns[R.schema.fieldIndex[keyField]!],
                                          field: R.schema.key.joined(separator: "+"), value: record.importKey,
                                          problem: "repeats the record on line \(first); each record may appear once per file")
                    }
                    changed += try writer.upsert(record.databaseValues, in: db)
                    if let day = RecordDays.day(of: record) {
                        firstDay = min(firstDay ?? day, day)
                        lastDay = max(lastDay ?? day, day)
                    }
                    summary.rows += 1
                }
                if summary.rows == 0 {
                    throw ImportError(file: path, problem: "holds no records; expected at least one row")
                }
                let after = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(R.schema.table)") ?? 0
                summary.inserted = after - before
                summary.updated = changed - summary.inserted
                summary.unchanged = summary.rows - changed
                if dryRun { return .rollback }
                // New records touch only their own days; an updated one may have left another
                // day, which only a recount of the kind finds.
                if summary.updated > 0 {
                    try Rollups.refresh(db, kind: R.schema.kind)
                } else if let firstDay, let lastDay {
                    try Rollups.refresh(db, kind: R.schema.kind, days: firstDay...lastDay)
                }
                try db.execute(sql: """
                    INSERT INTO imports (kind, source, imported_at, inserted, updated, unchanged) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [R.schema.kind.rawValue, path, now, summary.inserted, summary.updated, summary.unchanged])
                return .commit
            }
        } catch {
            throw StoreError.from(error, path: self.path)
        }
        return summary
    }
}

/// Inserts a row, or updates it only when a value differs, so the change count tells
/// inserted + updated apart from unchanged.
struct UpsertWriter {
    private let statement: Statement

    init(db: Database, schema: RecordSchema) throws {
        let columns = schema.fields.map { "\"\($0.name)\"" }
        let nonKey = schema.fields.map(\.name).filter { !schema.key.contains($0) }.map { "\"\($0)\"" }
        let sql = """
            INSERT INTO \(schema.table) (\(columns.joined(separator: ", ")))
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
            ON CONFLICT(\(schema.key.map { "\"\($0)\"" }.joined(separator: ", "))) DO UPDATE SET
            \(nonKey.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
            WHERE \(nonKey.map { "\(schema.table).\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "))
            """
        statement = try db.cachedStatement(sql: sql)
    }

    /// Returns 1 when the row was inserted or changed, 0 when it was already there as is.
    func upsert(_ values: [(any DatabaseValueConvertible)?], in db: Database) throws -> Int {
        // Values come from our own records in the statement's column order: skip GRDB's argument check.
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
        return db.changesCount
    }
}
