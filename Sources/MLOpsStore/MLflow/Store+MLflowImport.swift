import GRDB
import MLOpsCore

extension Store {
    /// Imports an MLflow tracking store (SQLite) as one transaction: experiments and
    /// registered models become models and teams, runs become runs, and model versions'
    /// stages and aliases become deployments. The MLflow file is opened read-only.
    ///
    /// ```swift
    /// let summary = try store.importMLflow(path: "mlflow.db", now: clock)
    /// ```
    /// Re-importing is idempotent: records keep MLflow's ids (`mlflow:<run_uuid>`), and
    /// the store remembers each model's production version, so a later import can record
    /// a promotion or a rollback that MLflow itself keeps no history of.
    /// - Parameter now: when the import happens: the time of deployments it detects.
    public func importMLflow(path: String, options: MLflowImportOptions = MLflowImportOptions(),
                             now: Instant) throws -> ExternalImportSummary {
        guard !isReadOnly else { throw StoreError.unreadable(path: self.path, detail: "opened read-only") }
        let mlflow = try MLflowImport(path: path, options: options)
        var summary: ExternalImportSummary?
        do {
            try queue.inTransaction(.immediate) { db in
                summary = try mlflow.run(SQLiteMLflowTarget(db: db), now: now)
                return options.dryRun ? .rollback : .commit
            }
        } catch {
            throw StoreError.from(error, path: self.path)
        }
        return summary!
    }
}

/// An MLflow import's writes into a SQLite store, inside its write transaction.
private struct SQLiteMLflowTarget: MLflowImportTarget {
    let db: Database

    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.execute(sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
        return db.changesCount
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [Row] {
        try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments.map(\.databaseValue)))
    }

    func lock(_ kind: RecordKind) throws {}

    func writeRuns(_ runs: [Run], now: Instant) throws -> (inserted: Int, updated: Int) {
        let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0
        let writer = try UpsertWriter(db: db, schema: Run.schema)
        let remember = try db.cachedStatement(sql: MLflowImport.SQL.rememberRun)
        var changed = 0
        for run in runs {
            changed += try writer.upsert(run.databaseValues, in: db)
            try remember.execute(arguments: [MLflowImport.externalID(run), run.id, now])
        }
        // A run's placement can move (queued, then started), so its old day is recounted too: all of them.
        try Rollups.refresh(db, kind: .runs)
        let inserted = (try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0) - before
        return (inserted, max(0, changed - inserted))
    }

    func upsert(_ deployment: Deployment) throws -> Bool {
        try UpsertWriter(db: db, schema: Deployment.schema).upsert(deployment.databaseValues, in: db) > 0
    }

    func refreshRollups(_ kind: RecordKind, days: ClosedRange<Day>) throws {
        try Rollups.refresh(db, kind: kind, days: days)
    }
}
