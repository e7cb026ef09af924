import GRDB
import MLOpsCore

extension Store {
    /// The records in `range` that metrics need, as one consistent snapshot: every team,
    /// model and budget; runs, deployments, costs, maintenance and serving stats in the
    /// range; incidents opened in it or still open; and the runs that deployments and
    /// costs in the range point to, wherever they fall.
    ///
    /// - Parameter detailFrom: before this instant, load only what maturity history reads
    ///   (`PlatformSnapshot.detailStart`): training and running runs, no costs or maintenance.
    public func records(in range: TimeWindow, detailFrom: Instant? = nil) throws -> RecordSet {
        try read { db in
            var set = RecordSet()
            let from = range.start.seconds, to = range.end.seconds
            let detail = max(range.start, min(detailFrom ?? range.start, range.end))
            let fromDay = range.start.day.iso8601, toDay = Instant(seconds: range.end.seconds - 1).day.iso8601
            let detailDay = detail.day.iso8601
            set.teams = try Self.fetch(Team.self, db, "ORDER BY name")
            set.models = try Self.fetch(Model.self, db, "ORDER BY name")
            set.budgets = try Self.fetch(Budget.self, db, "ORDER BY scope, period")
            // Every run in the detail part; in the history part, training and running runs (what
            // maturity history and the running count read) plus one other run per model, team and
            // month, so "had any run that month" stays true. UNION ALL over disjoint halves, so
            // SQLite need not sort millions of rows to deduplicate.
            set.runs = try Self.fetch(Run.self, db, """
                WHERE placed_at >= ?3 AND placed_at < ?2
                UNION ALL
                SELECT \(Run.schema.columnList) FROM runs
                WHERE placed_at >= ?1 AND placed_at < ?3 AND (kind IN ('training', 'pipeline') OR status = 'running')
                """, [from, to, detail.seconds])
            // Then the few runs outside those that the range's deployments and costs point to.
            set.runs += try Self.fetch(Run.self, db, """
                WHERE rowid IN (SELECT rowid FROM (
                    SELECT rowid, min(placed_at) FROM runs
                    WHERE placed_at >= ?1 AND placed_at < ?5 AND kind NOT IN ('training', 'pipeline') AND status != 'running'
                    GROUP BY model, team, strftime('%Y-%m', placed_at, 'unixepoch')))
                UNION
                SELECT \(Run.schema.columnList) FROM runs
                WHERE id IN (SELECT run_id FROM deployments WHERE deployed_at >= ?1 AND deployed_at < ?2 AND run_id IS NOT NULL
                             UNION SELECT run_id FROM costs WHERE date >= ?6 AND date <= ?4 AND run_id IS NOT NULL)
                  AND (placed_at IS NULL OR placed_at < ?1 OR placed_at >= ?2
                       OR (placed_at < ?5 AND kind NOT IN ('training', 'pipeline') AND status != 'running'))
                """, [from, to, fromDay, toDay, detail.seconds, detailDay])
            set.deployments = try Self.fetch(Deployment.self, db, "WHERE deployed_at >= ? AND deployed_at < ? ORDER BY deployed_at", [from, to])
            set.incidents = try Self.fetch(Incident.self, db, """
                WHERE opened_at >= ?1 AND opened_at < ?2
                UNION ALL
                SELECT \(Incident.schema.columnList) FROM incidents WHERE resolved_at IS NULL AND (opened_at < ?1 OR opened_at >= ?2)
                """, [from, to])
            set.maintenance = try Self.fetch(MaintenanceEntry.self, db, "WHERE date >= ? AND date <= ?", [detailDay, toDay])
            set.costs = try Self.fetch(CostEntry.self, db, "WHERE date >= ? AND date <= ?", [detailDay, toDay])
            set.serving = try Self.fetch(ServingDay.self, db, "WHERE date >= ? AND date <= ?", [fromDay, toDay])
            return set
        }
    }

    /// Records of one kind, decoded straight from the statement without copying rows.
    static func fetch<R: StoredRecord>(_: R.Type, _ db: Database, _ clauses: String, _ arguments: StatementArguments = []) throws -> [R] {
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(R.schema.columnList) FROM \(R.schema.table) \(clauses)", arguments: arguments)
        var records: [R] = []
        while let row = try cursor.next() { records.append(R(row: row)) }
        return records
    }

    /// Each model's first experiment and first production deployment, over all time.
    public func modelHistory() throws -> ModelHistory {
        try read { db in try Self.modelHistory(db) }
    }

    static func modelHistory(_ db: Database) throws -> ModelHistory {
        var experiments: [String: Instant] = [:], production: [String: Instant] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT model, min(placed_at) AS t FROM runs WHERE kind = 'experiment' GROUP BY model") {
            if let t: Int64 = row["t"] { experiments[row["model"]] = Instant(seconds: t) }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT model, min(deployed_at) AS t FROM deployments WHERE environment = 'production' AND status != 'failed' GROUP BY model
            """) {
            if let t: Int64 = row["t"] { production[row["model"]] = Instant(seconds: t) }
        }
        return ModelHistory(firstExperiment: experiments, firstProduction: production)
    }

    /// Every metric for a window, computed from the store's records at `now`.
    public func snapshot(window spec: WindowSpec, now: Instant, filter: SubjectFilter = .organisation,
                         configuration: MetricsConfiguration = MetricsConfiguration()) throws -> PlatformSnapshot {
        try PlatformSnapshot.compute(source: metricsSource, query: MetricsQuery(spec: spec, now: now, filter: filter, configuration: configuration))
    }
}
