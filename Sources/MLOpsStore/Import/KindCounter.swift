import GRDB
import MLOpsCore

/// Counts one kind's rows as inserted (the table grew), updated (changed but not new)
/// or unchanged, the way the file importer does.
struct KindCounter {
    let db: Database
    let file: String
    private(set) var summaries: [ImportSummary] = []

    init(db: Database, file: String) {
        self.db = db
        self.file = file
    }

    /// Runs `write`, which returns how many rows it offered and how many it changed
    /// (inserted or updated; 0 when it only inserts new rows, which the table size tells).
    mutating func count(_ kind: RecordKind, _ write: () throws -> (rows: Int, changed: Int)) throws {
        let table = RecordSchema.of(kind).table
        let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        let (rows, changed) = try write()
        try Rollups.refresh(db, kind: kind)
        let after = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
        let inserted = after - before
        let updated = max(0, changed - inserted)
        summaries.append(ImportSummary(kind: kind, file: file, rows: rows, inserted: inserted, updated: updated,
                                       unchanged: rows - inserted - updated, dryRun: false))
    }
}
