import MLOpsCore
import Testing

/// `partitioned()` splits a record set in one pass exactly as `filtered` does subject by subject.
@Suite struct SubjectFilterTests {
    let day = Day(year: 2026, month: 10, day: 5)

    var records: RecordSet {
        var set = RecordSet()
        set.teams = [Team(name: "atlas", mlEngineers: 2, platformEngineers: 1), Team(name: "beacon", mlEngineers: 3, platformEngineers: 1)]
        set.models = [Model(name: "churn", team: "atlas", serving: .online), Model(name: "fraud", team: "beacon", serving: .batch)]
        set.runs = [Run(id: "r1", model: "churn", team: "atlas", kind: .training, status: .succeeded, trigger: .manual),
                    Run(id: "r2", model: "fraud", team: "beacon", kind: .experiment, status: .failed, trigger: .manual)]
        set.incidents = [Incident(id: "i1", team: "atlas", severity: 2, kind: .outage, openedAt: day.start, title: "team-wide, no model")]
        set.maintenance = [MaintenanceEntry(id: "m1", team: "beacon", category: .toil, hours: 3, date: day)]
        set.costs = [CostEntry(id: "c1", date: day, amount: 5, currency: "EUR", category: .gpu, model: "churn"),  // team from its model
                     CostEntry(id: "c2", date: day, amount: 7, currency: "EUR", category: .saas)]               // organisation only
        set.budgets = [Budget(scope: "org", period: .quarter(Quarter(year: 2026, quarter: 4)), amount: 100, currency: "EUR"),
                       Budget(scope: "atlas", period: .quarter(Quarter(year: 2026, quarter: 4)), amount: 40, currency: "EUR")]
        set.serving = [ServingDay(model: "fraud", date: day, requests: 10, errors: 0)]
        return set
    }

    @Test func partitionsMatchFilteringEachSubject() {
        let parts = records.partitioned()
        #expect(Set(parts.byTeam.keys) == ["atlas", "beacon"])
        #expect(Set(parts.byModel.keys) == ["churn", "fraud"])
        for team in ["atlas", "beacon"] { #expect(parts.byTeam[team] == records.filtered(SubjectFilter(team: team)), "\(team)") }
        for model in ["churn", "fraud"] { #expect(parts.byModel[model] == records.filtered(SubjectFilter(model: model)), "\(model)") }
        // Worked by hand: atlas gets its model's cost c1 and the model-less incident; c2 belongs to no team.
        #expect(parts.byTeam["atlas"]!.costs.map(\.id) == ["c1"])
        #expect(parts.byTeam["atlas"]!.incidents.map(\.id) == ["i1"])
        #expect(parts.byModel["churn"]!.incidents.isEmpty && parts.byModel["churn"]!.maintenance.isEmpty)
        #expect(parts.byTeam["beacon"]!.maintenance.map(\.id) == ["m1"] && parts.byTeam["beacon"]!.serving.count == 1)
        #expect(parts.byTeam["atlas"]!.budgets.map(\.scope) == ["atlas"] && parts.byModel["fraud"]!.budgets.map(\.scope) == ["org"])
    }
}
