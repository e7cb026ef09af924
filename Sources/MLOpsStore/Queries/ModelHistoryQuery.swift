import GRDB
import MLOpsCore

extension Store {
    /// Each model's first experiment and first production deployment, over all time.
    public func modelHistory() throws -> ModelHistory {
        try read { db in try Self.modelHistory(db) }
    }

    static func modelHistory(_ db: Database) throws -> ModelHistory {
        var experiments: [String: Instant] = [:], production: [String: Instant] = [:]
        // One seek per model into the experiments' (model, placed_at) index instead of every experiment's entry.
        for row in try Row.fetchAll(db, sql: """
            \(RunAggregatesQuery.runModelNames)
            SELECT name, (SELECT min(placed_at) FROM runs WHERE kind = 'experiment' AND model = names.name) AS t
            FROM names WHERE name IS NOT NULL
            """) {
            if let t: Int64 = row["t"] { experiments[row[0]] = Instant(seconds: t) }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT model, min(deployed_at) AS t FROM deployments WHERE environment = 'production' AND status != 'failed' GROUP BY model
            """) {
            if let t: Int64 = row["t"] { production[row["model"]] = Instant(seconds: t) }
        }
        return ModelHistory(firstExperiment: experiments, firstProduction: production)
    }
}
