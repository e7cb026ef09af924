import GRDB
import MLOpsCore

extension SQLiteMetricsSource {
    /// The organisation's input and every team's in one read transaction: each query runs
    /// once for the organisation with the team among its groups, and its rows are dealt
    /// out by the rules each team's own query applies (`MetricsSourceEqualityTests` holds
    /// them equal). A report of twenty teams then costs about one organisation's read.
    public func inputsByTeam(for query: MetricsQuery) throws -> InputsByTeam {
        let q = query.with(filter: .organisation)
        let none = MetricsSQL.subject(.organisation, team: "team", model: "model")
        return try store.read { db in
            let records = try SmallRecordsQuery.fetch(db, q)
            let teams = records.teamNames
            let current = try RunAggregatesQuery.windowStats(db, q.window.clipped(to: q.range), weeks: q.window.weekStarts, now: q.now,
                                                             .organisation, byTeam: true)
            let previous = try RunAggregatesQuery.windowStats(db, q.previous.clipped(to: q.range), weeks: [], now: q.now, .organisation,
                                                              byTeam: true)
            var organisationRuns = RunAggregates()
            try RunAggregatesQuery.counts(db, q, none, into: &organisationRuns)
            let models = try RunAggregatesQuery.modelsWithRunsByTeam(db, q)
            let running = try RunAggregatesQuery.runningCounts(db, q, byTeam: true)
            let failures = try RunAggregatesQuery.recentFailures(db, q)
            let producing = try RunAggregatesQuery.producingRuns(db, q)
            let costs = try CostAggregatesQuery.fetch(db, q, teams: Set(teams))
            let maintenance = try MaintenanceAggregatesQuery.fetch(db, q)
            let history = try Store.modelHistory(db).asOf(q.now)
            let served = try ServedDaysQuery.fetch(db, q)

            organisationRuns.current = current.values.reduce(RunWindowStats(), +)
            organisationRuns.previous = previous.values.reduce(RunWindowStats(), +)
            organisationRuns.running = running.values.reduce(0, +)
            organisationRuns.recentFailures = failures
            organisationRuns.producingRuns = producing.all
            let organisation = MetricsInput(records: records, runs: organisationRuns, costs: costs[nil] ?? CostAggregates(),
                                            maintenance: maintenance, history: history, served: served)
            let modelTeam = Dictionary(records.models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })

            var inputs: [String: MetricsInput] = [:]
            for team in teams {
                let own = { (key: SubjectKey) in key.team == team }
                var runs = RunAggregates()
                runs.current = current[team] ?? RunWindowStats()
                runs.previous = previous[team] ?? RunWindowStats()
                runs.window = organisationRuns.window.filter { own($0.key) }
                runs.monthly = organisationRuns.monthly.compactMapValues { byKey in
                    let mine = byKey.filter { own($0.key) }
                    return mine.isEmpty ? nil : mine
                }
                runs.models = models[team] ?? []
                runs.running = running[team] ?? 0
                runs.recentFailures = failures.filter { $0.team == team }
                runs.producingRuns = producing.byTeam[team] ?? [:]
                var teamMaintenance = MaintenanceAggregates()
                teamMaintenance.current = maintenance.current.filter { $0.key.team == team }
                teamMaintenance.previous = maintenance.previous.filter { $0.key.team == team }
                let teamRecords = records.filtered(SubjectFilter(team: team))
                inputs[team] = MetricsInput(records: teamRecords, runs: runs, costs: costs[team] ?? CostAggregates(), maintenance: teamMaintenance,
                                            history: history.filtered(Set(teamRecords.models.map(\.name)).union(runs.models)),
                                            served: served.filter(models: { modelTeam[$0] == team }))
            }
            return InputsByTeam(organisation: organisation, teams: inputs)
        }
    }
}
