/// The kinds of record a store holds, by the names used on the command line and in files.
public enum RecordKind: String, CaseIterable, Hashable, Sendable, Codable {
    case teams, models, runs, deployments, incidents, maintenance, costs, budgets, serving

    /// The order that keeps references sensible when loading a whole data set.
    public static let importOrder: [RecordKind] = [.teams, .models, .runs, .deployments, .incidents, .maintenance, .costs, .budgets, .serving]
}
