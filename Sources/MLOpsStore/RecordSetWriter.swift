import GRDB
import MLOpsCore

extension Store {
    /// Writes a whole record set in one transaction (upserting), e.g. a generated sample.
    public func insert(_ records: RecordSet, now: Instant, source: String) throws {
        do {
            try queue.inTransaction(.immediate) { db in
                try write(records.teams, db)
                try write(records.models, db)
                try write(records.runs, db)
                try write(records.deployments, db)
                try write(records.incidents, db)
                try write(records.maintenance, db)
                try write(records.costs, db)
                try write(records.budgets, db)
                try write(records.serving, db)
                for kind in RecordKind.importOrder where records.count(of: kind) > 0 {
                    try db.execute(sql: "INSERT INTO imports (kind, source, imported_at, inserted, updated, unchanged) VALUES (?, ?, ?, ?, 0, 0)",
                                   arguments: [kind.rawValue, source, now, records.count(of: kind)])
                }
                return .commit
            }
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    private func write<R: StoredRecord>(_ records: [R], _ db: Database) throws {
        guard !records.isEmpty else { return }
        let writer = try UpsertWriter(db: db, schema: R.schema)
        for r in records { _ = try writer.upsert(r.databaseValues, in: db) }
    }
}
