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
        let source = try RecordSource(path: path, format: format, schema: R.schema)
        var summary = ImportSummary(kind: R.schema.kind, file: path, rows: 0, inserted: 0, updated: 0, unchanged: 0, dryRun: dryRun)
        do {
            try queue.inTransaction(.immediate) { db in
                let written = try FileImport.run(db, source: source)
                summary.rows = written.rows
                summary.inserted = written.inserted
                summary.updated = written.updated
                summary.unchanged = written.unchanged
                // The kind's rows are written and its indexes rebuilt. Anything derived from
                // the table (the rollups) belongs here, in the same transaction: the new rows'
                // counts are added, the days of updated rows (old and new) recounted.
                if dryRun { return .rollback }
                try written.rollups.apply(db)
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
