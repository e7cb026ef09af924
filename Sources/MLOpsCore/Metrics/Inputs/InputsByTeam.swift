/// An organisation's metric input and its teams', for reports that show every team.
public struct InputsByTeam: Sendable {
    public var organisation: MetricsInput
    /// Keyed by the organisation's `RecordSet.teamNames`.
    public var teams: [String: MetricsInput]

    public init(organisation: MetricsInput, teams: [String: MetricsInput]) {
        self.organisation = organisation
        self.teams = teams
    }
}

extension RecordSet {
    /// Every team the records name: the teams themselves and the teams their models name.
    public var teamNames: [String] {
        Set(teams.map(\.name)).union(models.map(\.team)).sorted()
    }
}
