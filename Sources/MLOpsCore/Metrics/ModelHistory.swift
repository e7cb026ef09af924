/// Milestones in each model's life that lie outside any one window: when its first
/// experiment ran and when it first reached production. The store computes these with
/// one grouped query; tests build them by hand.
public struct ModelHistory: Sendable, Codable, Hashable {
    public var firstExperiment: [String: Instant]
    public var firstProduction: [String: Instant]

    public init(firstExperiment: [String: Instant] = [:], firstProduction: [String: Instant] = [:]) {
        self.firstExperiment = firstExperiment
        self.firstProduction = firstProduction
    }

    /// Derives the milestones from complete records (for tests and small data sets).
    public init(records: RecordSet) {
        var experiments: [String: Instant] = [:]
        for run in records.runs where run.kind == .experiment {
            guard let t = run.timestamp else { continue }
            experiments[run.model] = min(experiments[run.model] ?? t, t)
        }
        var production: [String: Instant] = [:]
        for d in records.deployments where d.isProduction && d.status != .failed {
            production[d.model] = min(production[d.model] ?? d.deployedAt, d.deployedAt)
        }
        self.init(firstExperiment: experiments, firstProduction: production)
    }

    public func filtered(_ models: Set<String>) -> ModelHistory {
        ModelHistory(firstExperiment: firstExperiment.filter { models.contains($0.key) },
                     firstProduction: firstProduction.filter { models.contains($0.key) })
    }
}
