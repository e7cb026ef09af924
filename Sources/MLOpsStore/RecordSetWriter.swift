import GRDB
import MLOpsCore

extension Store {
    /// Writes a whole record set in one transaction (upserting), e.g. a generated sample.
    public func insert(_ records: RecordSet, now: Instant, source: String) throws {
        do {
            try queue.inTransaction(.immediate) { db in
                for type in StoredRecords.all { try write(type, records, db) }
                for kind in RecordKind.importOrder where records.count(of: kind) > 0 { try Rollups.refresh(db, kind: kind) }
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

    private func write<R: StoredRecord>(_: R.Type, _ set: RecordSet, _ db: Database) throws {
        let records = set[keyPath: R.inRecordSet]
        guard !records.isEmpty else { return }
        let writer = try UpsertWriter(db: db, schema: R.schema)
        for r in records { _ = try writer.upsert(r.databaseValues, in: db) }
    }
}
