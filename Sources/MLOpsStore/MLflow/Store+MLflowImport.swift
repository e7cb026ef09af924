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
        let snapshot = try MLflowReader.read(path: path)
        let mapping = try MLflowMapping(snapshot, options: options, file: path)
        for (model, _) in mapping.registry {
            for v in model.versions where !v.isDeleted && v.tags["deployed_at"] != nil && MLflowDeploymentRules.taggedTime(v) == nil {
                throw ImportError(file: path, field: "deployed_at", value: v.tags["deployed_at"],
                                  problem: "on \(model.qualifiedName) version \(v.version) is not valid; expected an ISO 8601 timestamp with a zone or epoch milliseconds")
            }
        }
        let rules = MLflowDeploymentRules(productionAliases: options.productionAliases, stagingAliases: options.stagingAliases)
        var summary = ExternalImportSummary(source: path, kinds: [], notes: [], dryRun: options.dryRun)
        do {
            try queue.inTransaction(.immediate) { db in
                var counter = KindCounter(db: db, file: path)
                // Teams and models: added when new, never overwritten, so the head counts
                // and SLOs a user imported stay as they were.
                try counter.count(.teams) {
                    for team in mapping.teams {
                        try db.execute(sql: "INSERT INTO teams (name, ml_engineers, platform_engineers) VALUES (?, 0, 0) ON CONFLICT(name) DO NOTHING",
                                       arguments: [team])
                    }
                    return (mapping.teams.count, 0)
                }
                try counter.count(.models) {
                    let fields = Model.schema.fields.map { "\"\($0.name)\"" }
                    let insert = try db.cachedStatement(sql: """
                        INSERT INTO models (\(fields.joined(separator: ", "))) VALUES (\(fields.map { _ in "?" }.joined(separator: ", ")))
                        ON CONFLICT(name) DO NOTHING
                        """)
                    for m in mapping.models { try insert.execute(arguments: StatementArguments(m.databaseValues)) }
                    return (mapping.models.count, 0)
                }
                try counter.count(.runs) {
                    let writer = try UpsertWriter(db: db, schema: Run.schema)
                    var changed = 0
                    for run in mapping.runs {
                        changed += try writer.upsert(run.databaseValues, in: db)
                        try Self.rememberExternalID(db, kind: .runs, external: String(run.id.dropFirst("mlflow:".count)), record: run.id, now: now)
                    }
                    return (mapping.runs.count, changed)
                }
                try counter.count(.deployments) {
                    let writer = try UpsertWriter(db: db, schema: Deployment.schema)
                    var rows = 0, changed = 0
                    for (model, team) in mapping.registry {
                        let name = model.qualifiedName
                        let last = try Self.lastProduction(db, model: name)
                        let plan = rules.plan(model: model, team: team, last: last, now: now) { uuid in
                            uuid.flatMap { mapping.importedRunIDs.contains($0) ? MLflowMapping.runID($0) : nil }
                        }
                        for planned in plan.deployments {
                            var d = planned
                            // A deployment already stored keeps what earlier imports learned:
                            // when it went live and whether it was rolled back.
                            if let stored = try Row.fetchOne(db, sql: "SELECT deployed_at, status, rolled_back_at FROM deployments WHERE id = ?", arguments: [d.id]) {
                                d.deployedAt = stored["deployed_at"]
                                d.status = stored.choice(1, DeploymentStatus.succeeded)
                                d.rolledBackAt = stored["rolled_back_at"]
                            }
                            changed += try writer.upsert(d.databaseValues, in: db)
                            rows += 1
                        }
                        if let rolledBack = plan.rolledBack {
                            try db.execute(sql: """
                                UPDATE deployments SET status = 'rolled_back', rolled_back_at = ? WHERE id = ? AND status != 'rolled_back'
                                """, arguments: [now, rolledBack])
                            changed += db.changesCount
                            summary.notes.append("\(name): production moved from version \(last!.version) to \(plan.production!.version), a rollback of \(rolledBack)")
                        } else if let last, let p = plan.production, p.version != last.version {
                            summary.notes.append("\(name): production moved from version \(last.version) to \(p.version)")
                        }
                        if let p = plan.production, p != last {
                            try db.execute(sql: """
                                INSERT INTO external_production (source, model, version, deployment_id, seen_at) VALUES ('mlflow', ?, ?, ?, ?)
                                ON CONFLICT(source, model) DO UPDATE SET version = excluded.version,
                                    deployment_id = excluded.deployment_id, seen_at = excluded.seen_at
                                """, arguments: [name, String(p.version), p.deploymentID, now])
                        }
                    }
                    return (rows, changed)
                }
                summary.kinds = counter.summaries
                if mapping.skippedDeletedRuns > 0 { summary.notes.append("skipped \(mapping.skippedDeletedRuns) deleted runs") }
                if mapping.skippedRunsWithoutTime > 0 { summary.notes.append("skipped \(mapping.skippedRunsWithoutTime) runs with no start or end time") }
                if options.dryRun { return .rollback }
                for k in summary.kinds where k.rows > 0 {
                    try db.execute(sql: """
                        INSERT INTO imports (kind, source, imported_at, inserted, updated, unchanged) VALUES (?, ?, ?, ?, ?, ?)
                        """, arguments: [k.kind.rawValue, "mlflow:\(path)", now, k.inserted, k.updated, k.unchanged])
                }
                return .commit
            }
        } catch {
            throw StoreError.from(error, path: self.path)
        }
        for i in summary.kinds.indices { summary.kinds[i].dryRun = options.dryRun }
        return summary
    }

    /// What the previous import saw in production for this model, if anything.
    private static func lastProduction(_ db: Database, model: String) throws -> MLflowDeploymentRules.LastProduction? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT p.version, p.deployment_id, p.seen_at, d.deployed_at FROM external_production p
            LEFT JOIN deployments d ON d.id = p.deployment_id
            WHERE p.source = 'mlflow' AND p.model = ?
            """, arguments: [model]) else { return nil }
        guard let version = Int(row["version"] as String) else { return nil }
        return MLflowDeploymentRules.LastProduction(version: version, deploymentID: row["deployment_id"],
                                                    deployedAt: (row["deployed_at"] as Instant?) ?? row["seen_at"])
    }

    private static func rememberExternalID(_ db: Database, kind: RecordKind, external: String, record: String, now: Instant) throws {
        try db.execute(sql: """
            INSERT INTO external_ids (source, kind, external_id, record_id, first_seen_at) VALUES ('mlflow', ?, ?, ?, ?)
            ON CONFLICT(source, kind, external_id) DO NOTHING
            """, arguments: [kind.rawValue, external, record, now])
    }
}
