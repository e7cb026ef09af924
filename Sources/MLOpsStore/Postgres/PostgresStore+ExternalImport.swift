import MLOpsCore

extension PostgresStore {
    /// Runs an import from another system (MLflow, FOCUS) in one write transaction; a dry
    /// run's transaction is rolled back once its counts are known.
    ///
    /// A read-only store refuses before the file is read; `source` reads and checks the
    /// file before the transaction begins.
    func writeExternalImport<Source>(dryRun: Bool, reading source: () throws -> Source,
                                     _ body: (Source, PostgresSession) throws -> ExternalImportSummary) throws -> ExternalImportSummary {
        guard !isReadOnly else { throw StoreError.unreadable(path: location.description, detail: "opened read-only") }
        let source = try source()
        do {
            return try write { session in
                let summary = try body(source, session)
                if dryRun { throw ExternalDryRunFinished(summary: summary) }
                return summary
            }
        } catch let finished as ExternalDryRunFinished {
            return finished.summary
        }
    }
}

/// Thrown to roll an external import's dry run back once its counts are known.
private struct ExternalDryRunFinished: Error {
    var summary: ExternalImportSummary
}

extension PostgresSession {
    /// Takes the lock for writing `kind` until the transaction ends, as `PostgresImport`
    /// does before merging: importers of one kind take turns, other kinds go on.
    func lockForWriting(_ kind: RecordKind) throws {
        try execute("SELECT pg_advisory_xact_lock(\(PostgresStore.lockKey(kind.rawValue)))")
    }

    /// Inserts one record, or updates it when a value differs; true when it did either.
    func upsert<R: StoredRecord>(_ record: R) throws -> Bool {
        let schema = R.schema
        let columns = schema.fields.map { "\"\($0.name)\"" }
        let key = schema.key.map { "\"\($0)\"" }
        let nonKey = columns.filter { !key.contains($0) }
        return try execute("""
            INSERT INTO \(schema.table) AS t (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET \(nonKey.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
            WHERE (\(nonKey.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(nonKey.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
            """, record.databaseValues.map(SQLValue.init)) > 0
    }
}
