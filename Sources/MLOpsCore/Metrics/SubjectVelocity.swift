/// Velocity for one model or team, by the same per-deployment rules as `Velocity`
/// (`Deployment.isFailedChange`, `leadTimeHours`), so a table of subjects adds up to the
/// organisation's tiles: deployments and failed changes sum to `Velocity.deployments`
/// and `Velocity.failedChanges`.
public struct SubjectVelocity: Sendable, Hashable {
    public var subject: String
    /// The team of the subject's first deployment (for a model), else the subject itself.
    public var team: String
    /// The subject's production deployments that went live in the window, oldest first.
    public var deployments: [Deployment]
    public var failedChanges: Int
    public var leadTimeMedianHours: Double?
    public var changeFailureRate: Double? { Statistics.ratio(failedChanges, deployments.count) }

    /// One row per model (or team) with a production deployment that went live in `window`,
    /// by name.
    public static func rows(deployments: [Deployment], incidents: [Incident], producingRuns: [String: ProducingRun],
                            window: TimeWindow, by subject: KeyPath<Deployment, String>) -> [SubjectVelocity] {
        let caused = Set(incidents.compactMap(\.deploymentId))
        let production = deployments.filter { $0.isProduction && $0.status != .failed && window.contains($0.deployedAt) }
            .sorted { ($0.deployedAt, $0.id) < ($1.deployedAt, $1.id) }
        return Dictionary(grouping: production, by: { $0[keyPath: subject] }).map { name, ds in
            SubjectVelocity(subject: name, team: ds[0].team, deployments: ds,
                            failedChanges: ds.filter { $0.isFailedChange(causedIncident: caused) }.count,
                            leadTimeMedianHours: Statistics.median(ds.compactMap { $0.leadTimeHours(producingRunEnd: producingRuns[$0.id]?.endedAt) }))
        }.sorted { $0.subject < $1.subject }
    }
}
