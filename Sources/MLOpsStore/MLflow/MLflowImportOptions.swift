/// The choices an MLflow import leaves to the user.
public struct MLflowImportOptions: Sendable {
    /// The experiment / registered-model tag that names the owning team.
    public var teamTag: String
    /// Aliases that mark a version as the one in production, first one wins.
    public var productionAliases: [String]
    /// Aliases that mark a version as deployed to staging.
    public var stagingAliases: [String]
    /// Validate and count, then roll back.
    public var dryRun: Bool

    public init(teamTag: String = "team", productionAliases: [String] = ["champion", "production"],
                stagingAliases: [String] = ["staging"], dryRun: Bool = false) {
        self.teamTag = teamTag
        self.productionAliases = productionAliases
        self.stagingAliases = stagingAliases
        self.dryRun = dryRun
    }
}
