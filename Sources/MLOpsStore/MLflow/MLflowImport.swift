import MLOpsCore

/// The store side of an MLflow import: what `MLflowImport` asks of the engine's open
/// transaction. SQLite (`Store`) and PostgreSQL (`PostgresStore`) each implement it; the
/// rules of what to write, and the counts and notes, are `MLflowImport`'s alone.
///
/// Statements both engines run alike are written once, in `MLflowImport.SQL`, with `?`
/// placeholders; only bulk writes and counting differ by engine.
protocol MLflowImportTarget {
    associatedtype ResultRow: PositionalRow
    /// Runs a statement of `MLflowImport.SQL`; returns the rows it changed.
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// The rows of a query of `MLflowImport.SQL`.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [ResultRow]
    /// Called before a kind is written: PostgreSQL takes the kind's lock, so importers of
    /// one kind take turns; SQLite's write transaction already holds the whole file.
    func lock(_ kind: RecordKind) throws
    /// Inserts new runs and updates changed ones, remembers each run's MLflow id
    /// (`external_ids`) and recounts the runs' rollups.
    func writeRuns(_ runs: [Run], now: Instant) throws -> (inserted: Int, updated: Int)
    /// Inserts the deployment, or updates it when a value differs; true when it did either.
    func upsert(_ deployment: Deployment) throws -> Bool
    /// Recounts a kind's rollups over the days a write touched.
    func refreshRollups(_ kind: RecordKind, days: ClosedRange<Day>) throws
}

/// An MLflow import's steps, the same on both engines: the MLflow store read and mapped
/// before any write, then teams, models, runs and deployments written through a target.
struct MLflowImport {
    let path: String
    let options: MLflowImportOptions
    let mapping: MLflowMapping
    let rules: MLflowDeploymentRules

    /// Reads, maps and checks the MLflow store: every error a snapshot can hold is found
    /// here, before the store is touched.
    init(path: String, options: MLflowImportOptions) throws {
        let snapshot = try MLflowReader.read(path: path)
        let mapping = try MLflowMapping(snapshot, options: options, file: path)
        for (model, _) in mapping.registry {
            for v in model.versions where !v.isDeleted && v.tags["deployed_at"] != nil && MLflowDeploymentRules.taggedTime(v) == nil {
                throw ImportError(file: path, field: "deployed_at", value: v.tags["deployed_at"],
                                  problem: "on \(model.qualifiedName) version \(v.version) is not valid; expected an ISO 8601 timestamp with a zone or epoch milliseconds")
            }
        }
        self.path = path
        self.options = options
        self.mapping = mapping
        self.rules = MLflowDeploymentRules(productionAliases: options.productionAliases, stagingAliases: options.stagingAliases)
    }

    /// Writes the mapped records through `target`, inside its transaction; logs the import
    /// unless it is a dry run (whose transaction the caller rolls back).
    func run(_ target: some MLflowImportTarget, now: Instant) throws -> ExternalImportSummary {
        var summary = ExternalImportSummary(source: path, kinds: [], notes: [], dryRun: options.dryRun)
        func count(_ kind: RecordKind, _ write: () throws -> (rows: Int, inserted: Int, updated: Int)) throws {
            try target.lock(kind)
            let (rows, inserted, updated) = try write()
            summary.kinds.append(ImportSummary(kind: kind, file: path, rows: rows, inserted: inserted, updated: updated,
                                               unchanged: rows - inserted - updated, dryRun: options.dryRun))
        }
        // Teams and models: added when new, never overwritten, so the head counts and SLOs
        // a user imported stay as they were.
        try count(.teams) {
            var added = 0
            for team in mapping.teams { added += try target.execute(SQL.addTeam, [.text(team)]) }
            return (mapping.teams.count, added, 0)
        }
        try count(.models) {
            var added = 0
            for m in mapping.models { added += try target.execute(SQL.addModel, m.databaseValues.map(SQLValue.init)) }
            return (mapping.models.count, added, 0)
        }
        try count(.runs) {
            let (inserted, updated) = try target.writeRuns(mapping.runs, now: now)
            return (mapping.runs.count, inserted, updated)
        }
        try count(.deployments) {
            var rows = 0, inserted = 0, updated = 0
            var days: ClosedRange<Day>?
            func touch(_ instant: Instant) { days = days.map { min($0.lowerBound, instant.day)...max($0.upperBound, instant.day) } ?? instant.day...instant.day }
            for (model, team) in mapping.registry {
                let name = model.qualifiedName
                let last = try target.rows(SQL.lastProduction, [.text(name)]).first.flatMap(Self.lastProduction)
                let plan = rules.plan(model: model, team: team, last: last, now: now) { uuid in
                    uuid.flatMap { mapping.importedRunIDs.contains($0) ? MLflowMapping.runID($0) : nil }
                }
                for planned in plan.deployments {
                    var d = planned
                    // A deployment already stored keeps what earlier imports learned:
                    // when it went live and whether it was rolled back.
                    let stored = try target.rows(SQL.storedDeployment, [.text(d.id)]).first
                    if let stored {
                        d.deployedAt = stored[0]
                        d.status = stored.choice(1, DeploymentStatus.succeeded)
                        d.rolledBackAt = stored[2]
                    }
                    if try target.upsert(d) {
                        if stored == nil { inserted += 1 } else { updated += 1 }
                    }
                    touch(d.deployedAt)
                    rows += 1
                }
                if let rolledBack = plan.rolledBack, let last {
                    updated += try target.execute(SQL.rollBack, [.integer(now.seconds), .text(rolledBack)])
                    touch(last.deployedAt)
                    summary.notes.append("\(name): production moved from version \(last.version) to \(plan.production!.version), a rollback of \(rolledBack)")
                } else if let last, let p = plan.production, p.version != last.version {
                    summary.notes.append("\(name): production moved from version \(last.version) to \(p.version)")
                }
                if let p = plan.production, p != last {
                    _ = try target.execute(SQL.rememberProduction, [.text(name), .text(String(p.version)), .text(p.deploymentID), .integer(now.seconds)])
                }
            }
            if let days { try target.refreshRollups(.deployments, days: days) }
            return (rows, inserted, updated)
        }
        if mapping.skippedDeletedRuns > 0 { summary.notes.append("skipped \(mapping.skippedDeletedRuns) deleted runs") }
        if mapping.skippedRunsWithoutTime > 0 { summary.notes.append("skipped \(mapping.skippedRunsWithoutTime) runs with no start or end time") }
        if options.dryRun { return summary }
        for k in summary.kinds where k.rows > 0 {
            _ = try target.execute(ImportLog.insert, ImportLog.arguments(k, source: "mlflow:\(path)", now: now))
        }
        return summary
    }

    /// What the previous import saw in production, from a row of `SQL.lastProduction`.
    private static func lastProduction(_ row: some PositionalRow) -> MLflowDeploymentRules.LastProduction? {
        guard let version = Int(row[0] as String) else { return nil }
        return MLflowDeploymentRules.LastProduction(version: version, deploymentID: row[1], deployedAt: (row[3] as Instant?) ?? row[2])
    }

    /// The MLflow run uuid behind one of our run ids.
    static func externalID(_ run: Run) -> String { String(run.id.dropFirst(MLflowMapping.runIDPrefix.count)) }

    /// Statements both engines run as they are written.
    enum SQL {
        static let addTeam = "INSERT INTO teams (name, ml_engineers, platform_engineers) VALUES (?, 0, 0) ON CONFLICT(name) DO NOTHING"
        static let addModel: String = {
            let fields = Model.schema.fields.map { "\"\($0.name)\"" }
            return """
                INSERT INTO models (\(fields.joined(separator: ", "))) VALUES (\(fields.map { _ in "?" }.joined(separator: ", ")))
                ON CONFLICT(name) DO NOTHING
                """
        }()
        static let rememberRun = """
            INSERT INTO external_ids (source, kind, external_id, record_id, first_seen_at) VALUES ('mlflow', 'runs', ?, ?, ?)
            ON CONFLICT(source, kind, external_id) DO NOTHING
            """
        static let lastProduction = """
            SELECT p.version, p.deployment_id, p.seen_at, d.deployed_at FROM external_production p
            LEFT JOIN deployments d ON d.id = p.deployment_id
            WHERE p.source = 'mlflow' AND p.model = ?
            """
        static let storedDeployment = "SELECT deployed_at, status, rolled_back_at FROM deployments WHERE id = ?"
        static let rollBack = "UPDATE deployments SET status = 'rolled_back', rolled_back_at = ? WHERE id = ? AND status != 'rolled_back'"
        static let rememberProduction = """
            INSERT INTO external_production (source, model, version, deployment_id, seen_at) VALUES ('mlflow', ?, ?, ?, ?)
            ON CONFLICT(source, model) DO UPDATE SET version = excluded.version,
                deployment_id = excluded.deployment_id, seen_at = excluded.seen_at
            """
    }
}
