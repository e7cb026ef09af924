/// Narrows metrics to one team and/or one model; empty means the whole organisation.
public struct SubjectFilter: Hashable, Sendable, Codable, CustomStringConvertible {
    public var team: String?
    public var model: String?

    public init(team: String? = nil, model: String? = nil) {
        self.team = team
        self.model = model
    }

    public static let organisation = SubjectFilter()

    public var isOrganisation: Bool { team == nil && model == nil }

    public func matches(team t: String?, model m: String?) -> Bool {
        if let team, t != team { return false }
        if let model, m != model { return false }
        return true
    }

    public var description: String {
        switch (team, model) {
        case (nil, nil): return "all teams"
        case (let t?, nil): return "team \(t)"
        case (nil, let m?): return "model \(m)"
        case (let t?, let m?): return "team \(t), model \(m)"
        }
    }
}

extension RecordSet {
    /// The records that belong to the subject. Costs without a team or model belong
    /// only to the organisation as a whole.
    public func filtered(_ filter: SubjectFilter) -> RecordSet {
        guard !filter.isOrganisation else { return self }
        var out = RecordSet()
        let modelTeam = Dictionary(models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })
        out.teams = teams.filter { filter.team == nil || $0.name == filter.team }
        out.models = models.filter { filter.matches(team: $0.team, model: $0.name) }
        out.runs = runs.filter { filter.matches(team: $0.team, model: $0.model) }
        out.deployments = deployments.filter { filter.matches(team: $0.team, model: $0.model) }
        out.incidents = incidents.filter { filter.matches(team: $0.team, model: $0.model) }
        out.maintenance = filter.model == nil ? maintenance.filter { filter.matches(team: $0.team, model: nil) } : []
        out.costs = costs.filter { filter.matches(team: $0.team ?? $0.model.flatMap { modelTeam[$0] }, model: $0.model) }
        out.budgets = budgets.filter { filter.team == nil ? $0.isOrganisation : $0.scope == filter.team }
        out.serving = serving.filter { filter.matches(team: modelTeam[$0.model], model: $0.model) }
        return out
    }
}

extension RecordSet {
    /// Every team's and every model's records, as `filtered` would give each, in one
    /// pass over the records instead of one per subject.
    public func partitioned() -> (byTeam: [String: RecordSet], byModel: [String: RecordSet]) {
        let modelTeam = Dictionary(models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })
        var byTeam: [String: RecordSet] = [:], byModel: [String: RecordSet] = [:]
        func add(team: String?, model: String?, _ body: (inout RecordSet) -> Void) {
            if let team { body(&byTeam[team, default: RecordSet()]) }
            if let model { body(&byModel[model, default: RecordSet()]) }
        }
        for m in models { add(team: m.team, model: m.name) { $0.models.append(m) } }
        for r in runs { add(team: r.team, model: r.model) { $0.runs.append(r) } }
        for d in deployments { add(team: d.team, model: d.model) { $0.deployments.append(d) } }
        for i in incidents { add(team: i.team, model: i.model) { $0.incidents.append(i) } }
        for e in maintenance { add(team: e.team, model: nil) { $0.maintenance.append(e) } }
        for c in costs { add(team: c.team ?? c.model.flatMap { modelTeam[$0] }, model: c.model) { $0.costs.append(c) } }
        for s in serving { add(team: modelTeam[s.model], model: s.model) { $0.serving.append(s) } }
        let organisationBudgets = budgets.filter(\.isOrganisation)
        for key in byTeam.keys {
            byTeam[key]!.teams = teams.filter { $0.name == key }
            byTeam[key]!.budgets = budgets.filter { $0.scope == key }
        }
        for key in byModel.keys {
            byModel[key]!.teams = teams
            byModel[key]!.budgets = organisationBudgets
        }
        return (byTeam, byModel)
    }
}
