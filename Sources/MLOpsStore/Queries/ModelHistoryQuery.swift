import GRDB
import MLOpsCore

/// Each model's first experiment and first production deployment, over all time, by one
/// query for both engines.
enum ModelHistoryQuery {
    static func read(_ reader: some SQLReader) throws -> ModelHistory {
        var experiments: [String: Instant] = [:], firstProduction: [String: Instant] = [:]
        // One seek per model into the experiments' (model, placed_at) index instead of every experiment's entry.
        for row in try reader.rows("""
            \(RunAggregatesQuery.runModelNames)
            SELECT name, (SELECT min(placed_at) FROM runs WHERE kind = 'experiment' AND model = names.name)
            FROM names WHERE name IS NOT NULL
            """, []) {
            if let t = row[1] as Int64? { experiments[row[0]] = Instant(seconds: t) }
        }
        // Likewise one seek per model into the production deployments' (model, deployed_at)
        // index, found by a loose scan of it: `GROUP BY model` read every entry, all of
        // history (40 ms on a twenty-year store, 1–2 ms now).
        let production = "environment = 'production' AND status <> 'failed'"
        for row in try reader.rows("""
            WITH RECURSIVE names(name) AS (
                SELECT min(model) FROM deployments WHERE \(production)
                UNION ALL
                SELECT (SELECT min(model) FROM deployments WHERE \(production) AND model > names.name) FROM names WHERE names.name IS NOT NULL
            )
            SELECT name, (SELECT min(deployed_at) FROM deployments WHERE \(production) AND model = names.name)
            FROM names WHERE name IS NOT NULL
            """, []) {
            if let t = row[1] as Int64? { firstProduction[row[0]] = Instant(seconds: t) }
        }
        return ModelHistory(firstExperiment: experiments, firstProduction: firstProduction)
    }
}

extension Store {
    /// Each model's first experiment and first production deployment, over all time.
    public func modelHistory() throws -> ModelHistory {
        try read { db in try ModelHistoryQuery.read(db) }
    }

    static func modelHistory(_ db: Database) throws -> ModelHistory { try ModelHistoryQuery.read(db) }
}
