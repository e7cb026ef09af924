import GRDB
import MLOpsCore

extension Store {
    /// The records in `range` that metrics need, as one consistent snapshot: every team,
    /// model and budget; runs, deployments, costs, maintenance and serving stats in the
    /// range; incidents opened in it or still open; and the runs that deployments and
    /// costs in the range point to, wherever they fall.
    public func records(in range: TimeWindow) throws -> RecordSet {
        try read { db in
            var set = RecordSet()
            let from = range.start.seconds, to = range.end.seconds
            let fromDay = range.start.day.iso8601, toDay = Instant(seconds: range.end.seconds - 1).day.iso8601
            set.teams = try Row.fetchAll(db, sql: "SELECT * FROM teams ORDER BY name").map(Team.init(row:))
            set.models = try Row.fetchAll(db, sql: "SELECT * FROM models ORDER BY name").map(Model.init(row:))
            set.budgets = try Row.fetchAll(db, sql: "SELECT * FROM budgets ORDER BY scope, period").map(Budget.init(row:))
            set.runs = try Row.fetchAll(db, sql: """
                SELECT * FROM runs WHERE placed_at >= ?1 AND placed_at < ?2
                UNION
                SELECT * FROM runs WHERE id IN (SELECT run_id FROM deployments WHERE deployed_at >= ?1 AND deployed_at < ?2 AND run_id IS NOT NULL)
                UNION
                SELECT * FROM runs WHERE id IN (SELECT run_id FROM costs WHERE date >= ?3 AND date <= ?4 AND run_id IS NOT NULL)
                """, arguments: [from, to, fromDay, toDay]).map(Run.init(row:))
            set.deployments = try Row.fetchAll(db, sql: """
                SELECT * FROM deployments WHERE deployed_at >= ? AND deployed_at < ? ORDER BY deployed_at
                """, arguments: [from, to]).map(Deployment.init(row:))
            set.incidents = try Row.fetchAll(db, sql: """
                SELECT * FROM incidents WHERE opened_at >= ?1 AND opened_at < ?2
                UNION
                SELECT * FROM incidents WHERE resolved_at IS NULL
                """, arguments: [from, to]).map(Incident.init(row:))
            set.maintenance = try Row.fetchAll(db, sql: "SELECT * FROM maintenance WHERE date >= ? AND date <= ?",
                                               arguments: [fromDay, toDay]).map(MaintenanceEntry.init(row:))
            set.costs = try Row.fetchAll(db, sql: "SELECT * FROM costs WHERE date >= ? AND date <= ?",
                                         arguments: [fromDay, toDay]).map(CostEntry.init(row:))
            set.serving = try Row.fetchAll(db, sql: "SELECT * FROM serving WHERE date >= ? AND date <= ?",
                                           arguments: [fromDay, toDay]).map(ServingDay.init(row:))
            return set
        }
    }

    /// Each model's first experiment and first production deployment, over all time.
    public func modelHistory() throws -> ModelHistory {
        try read { db in
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
    }

    /// Every metric for a window, computed from the store's records at `now`.
    public func snapshot(window spec: WindowSpec, now: Instant, filter: SubjectFilter = .organisation,
                         configuration: MetricsConfiguration = MetricsConfiguration()) throws -> PlatformSnapshot {
        try dashboardSnapshot(window: spec, now: now, filter: filter, configuration: configuration).0
    }
}
