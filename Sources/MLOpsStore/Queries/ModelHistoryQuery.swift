import GRDB
import MLOpsCore

/// Each model's first experiment and first production deployment, over all time, by one
/// query for both engines.
enum ModelHistoryQuery {
    static func read(_ reader: some SQLReader) throws -> ModelHistory {
        var experiments: [String: Instant] = [:], production: [String: Instant] = [:]
        // One seek per model into the experiments' (model, placed_at) index instead of every experiment's entry.
        for row in try reader.rows("""
            \(RunAggregatesQuery.runModelNames)
            SELECT name, (SELECT min(placed_at) FROM runs WHERE kind = 'experiment' AND model = names.name)
            FROM names WHERE name IS NOT NULL
            """, []) {
            if let t = row[1] as Int64? { experiments[row[0]] = Instant(seconds: t) }
        }
        for row in try reader.rows("SELECT model, min(deployed_at) FROM deployments WHERE environment = 'production' AND status <> 'failed' GROUP BY model", []) {
            if let t = row[1] as Int64? { production[row[0]] = Instant(seconds: t) }
        }
        return ModelHistory(firstExperiment: experiments, firstProduction: production)
    }
}

extension Store {
    /// Each model's first experiment and first production deployment, over all time.
    public func modelHistory() throws -> ModelHistory {
        try read { db in try ModelHistoryQuery.read(db) }
    }

    static func modelHistory(_ db: Database) throws -> ModelHistory { try ModelHistoryQuery.read(db) }
}
