import MLOpsCore
import NIOCore

extension PostgresStore {
    /// Imports an MLflow tracking store (SQLite) as one transaction, as `Store.importMLflow`
    /// does for SQLite: the same mapping, rules, counts, notes and errors (`MLflowImport`),
    /// with runs streamed to the server by `COPY` and merged with one upsert. The rollups
    /// are recounted for the days written, in the same transaction.
    public func importMLflow(path: String, options: MLflowImportOptions = MLflowImportOptions(),
                             now: Instant) throws -> ExternalImportSummary {
        try writeExternalImport(dryRun: options.dryRun, reading: { try MLflowImport(path: path, options: options) }) { mlflow, session in
            try mlflow.run(PostgresMLflowTarget(session: session), now: now)
        }
    }
}

/// An MLflow import's writes into a PostgreSQL store, inside its write transaction.
struct PostgresMLflowTarget: MLflowImportTarget {
    let session: PostgresSession

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int { try session.execute(sql, arguments) }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [PostgresValues] { try session.rows(sql, arguments) }

    func lock(_ kind: RecordKind) throws { try session.lockForWriting(kind) }

    func writeRuns(_ runs: [Run], now: Instant) throws -> (inserted: Int, updated: Int) {
        guard !runs.isEmpty else { return (0, 0) }
        let schema = Run.schema
        try session.execute("CREATE TEMP TABLE import_rows (\(PostgresImport.stagingColumns(schema))) ON COMMIT DROP")
        let rows = runs.enumerated().map { i, run in [SQLValue.integer(Int64(i + 1))] + run.databaseValues.map(SQLValue.init) }
        try session.copy(into: "import_rows", columns: ["line"] + schema.fields.map(\.name)) { send in
            var chunk = ByteBufferAllocator().buffer(capacity: 256 * 1024)
            for (i, row) in rows.enumerated() {
                CopyText.appendRow(row, to: &chunk)
                if (i + 1) % PostgresImport.chunkRows == 0 {
                    try send(chunk)
                    chunk = ByteBufferAllocator().buffer(capacity: chunk.capacity)
                }
            }
            if chunk.readableBytes > 0 { try send(chunk) }
        }
        let touched = try PostgresImport.touchedDays(session, schema: schema)
        let (inserted, updated) = try PostgresImport.merge(session, schema: schema)
        // `MLflowImport.SQL.rememberRun` for every run at once.
        try session.execute("""
            INSERT INTO external_ids (source, kind, external_id, record_id, first_seen_at)
            SELECT 'mlflow', 'runs', substr(id, CAST(? AS integer)), id, ? FROM import_rows ORDER BY id
            ON CONFLICT (source, kind, external_id) DO NOTHING
            """, [.integer(Int64(MLflowMapping.runIDPrefix.count + 1)), .integer(now.seconds)])
        try session.execute("DROP TABLE import_rows")
        if let touched { try PostgresRollups.refresh(session, kind: .runs, days: touched) }
        return (inserted, updated)
    }

    func upsert(_ deployment: Deployment) throws -> Bool { try session.upsert(deployment) }

    func refreshRollups(_ kind: RecordKind, days: ClosedRange<Day>) throws {
        try PostgresRollups.refresh(session, kind: kind, days: days)
    }
}
