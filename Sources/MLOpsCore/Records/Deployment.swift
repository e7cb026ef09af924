public enum DeploymentEnvironment: String, CaseIterable, Hashable, Sendable, Codable {
    case production, staging, canary, shadow
}

public enum DeploymentMethod: String, CaseIterable, Hashable, Sendable, Codable {
    case manual, automated
}

public enum DeploymentStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case succeeded, failed
    case rolledBack = "rolled_back"
}

/// A model version put into an environment.
public struct Deployment: Hashable, Sendable, Codable {
    public var id: String
    public var model: String
    public var team: String
    public var version: String
    public var environment: DeploymentEnvironment
    public var deployedAt: Instant
    public var method: DeploymentMethod
    /// The run that produced the deployed model, when known.
    public var runId: String?
    public var status: DeploymentStatus
    public var rolledBackAt: Instant?

    public init(id: String, model: String, team: String, version: String,
                environment: DeploymentEnvironment, deployedAt: Instant, method: DeploymentMethod,
                runId: String? = nil, status: DeploymentStatus = .succeeded, rolledBackAt: Instant? = nil) {
        self.id = id
        self.model = model
        self.team = team
        self.version = version
        self.environment = environment
        self.deployedAt = deployedAt
        self.method = method
        self.runId = runId
        self.status = status
        self.rolledBackAt = rolledBackAt
    }

    public var isProduction: Bool { environment == .production }
}
