@testable import MLOpsCore
import MLOpsReport
import Testing

/// A snapshot with no records, for tests to fill with hand-picked values.
func blankSnapshot(_ filter: SubjectFilter = .organisation) -> PlatformSnapshot {
    let now = Instant(iso8601: "2026-10-19T01:00:00Z")!
    let window = WindowSpec.lastDays(30).resolve(now: now)
    return PlatformSnapshot.compute(records: RecordSet(), history: ModelHistory(), window: window, previous: window.previous,
                                    windowLabel: "30d", now: now, filter: filter)
}

private func rules(_ text: String) throws -> [CheckRule] { try CheckRuleParser.parse(text, source: "r") }

private func ratio(_ v: Double?) -> MetricValue { MetricValue(v, previous: nil, unit: .ratio, polarity: .lowerIsBetter) }

@Suite("Check rule evaluation")
struct CheckEvaluationTests {
    @Test func headlineRatioPerTeamFiresAboveTheThresholdOnlyAndSkipsNoData() throws {
        var byTeam: [String: PlatformSnapshot] = [:]
        for (team, cfr) in [("a", 0.2), ("b", 0.15), ("c", nil)] as [(String, Double?)] {
            var s = blankSnapshot(SubjectFilter(team: team))
            s.velocity.changeFailureRate = ratio(cfr)
            byTeam[team] = s
        }
        var asked: [CheckTarget] = []
        let result = try CheckEvaluation.evaluate(try rules("change_failure_rate > 15% for team=*"), base: .organisation,
                                                  window: .lastDays(30), teams: ["a", "b", "c"], models: ["m"]) { target in
            asked.append(target)
            return try #require(byTeam[target.filter.team ?? ""])
        }
        #expect(asked.map(\.subject) == ["team=a", "team=b", "team=c"])
        #expect(asked.allSatisfy { $0.window == .lastDays(30) })
        #expect(result.evaluated == 3)
        #expect(result.withoutData == 1)
        #expect(result.violations.map(\.target.subject) == ["team=a"])
        #expect(result.violations.first?.value == 0.2)
        #expect(CheckReport.lines(result) == ["warning team=a change_failure_rate 20% > 15% over 30d (r:1)"])
    }

    @Test func openIncidentsCountBySeverityAndAcknowledgement() throws {
        var s = blankSnapshot()
        func open(_ id: String, _ severity: Int, acknowledged: Bool) -> Triage.OpenIncident {
            Triage.OpenIncident(incident: Incident(id: id, team: "t1", model: "m1", severity: severity, kind: .outage,
                                                   openedAt: s.now.adding(seconds: -10_800), title: "title \(id)"),
                                ageHours: 3, acknowledged: acknowledged, suspectDeployments: [])
        }
        s.triage.openIncidents = [open("i1", 1, acknowledged: true), open("i2", 1, acknowledged: false),
                                  open("i3", 2, acknowledged: false), open("i4", 3, acknowledged: false)]
        let text = """
        open_sev1_incidents > 1
        unacknowledged_sev1_incidents > 0 as critical
        open_sev2_incidents > 1
        unacknowledged_sev2_incidents >= 1 as notice
        """
        let result = CheckEvaluation.evaluate(try rules(text), base: .organisation, window: .lastDays(30), teams: [], models: []) { _ in s }
        // sev-1: 2 open (> 1 fires), 1 unacknowledged (> 0 fires); sev-2: 1 open (> 1 does not), 1 unacknowledged (>= 1 fires).
        #expect(result.violations.map(\.rule.line) == [2, 1, 4])
        #expect(result.violations.map(\.value) == [1, 2, 1])
        #expect(result.violations[0].items == ["sev-1 m1: title i2 (3.0h old, NOT acknowledged)"])
        #expect(result.violations[1].items == ["sev-1 m1: title i1 (3.0h old, acknowledged)",
                                                           "sev-1 m1: title i2 (3.0h old, NOT acknowledged)"])
    }

    @Test func budgetsOverAndForecastOverAreDisjoint() throws {
        var s = blankSnapshot()
        let q4 = BudgetPeriod("2026-Q4")!, october = BudgetPeriod("2026-10")!
        s.finance.budgets = [BudgetStatus(scope: "org", period: q4, budget: 100, spent: 120, forecast: 150, runsOutOn: nil,
                                          daysElapsed: 19, daysTotal: 92)]
        s.finance.teamBudgets = [
            BudgetStatus(scope: "x", period: october, budget: 100, spent: 50, forecast: 120, runsOutOn: nil, daysElapsed: 19, daysTotal: 31),
            BudgetStatus(scope: "y", period: october, budget: 100, spent: 10, forecast: 50, runsOutOn: nil, daysElapsed: 19, daysTotal: 31),
        ]
        let result = CheckEvaluation.evaluate(try rules("budgets_forecast_over > 0\nbudgets_over > 0 as critical"), base: .organisation,
                                              window: .lastDays(30), teams: [], models: []) { _ in s }
        #expect(result.violations.map(\.rule.metric.name) == ["budgets_over", "budgets_forecast_over"])
        #expect(result.violations.map(\.items) == [["org 2026-Q4 budget: spent 120, forecast 150 of 100"],
                                                               ["x 2026-10 budget: spent 50, forecast 120 of 100"]])
    }

    @Test func maintenanceCapCountsTeamsStrictlyOverHalfAndShareRulesReadEachTeam() throws {
        var org = blankSnapshot()
        org.maintenance.byTeam = [
            MaintenanceLoad.TeamLoad(team: "delta", hours: 248, capacityHours: 400, share: 0.62, previousShare: nil),
            MaintenanceLoad.TeamLoad(team: "edge", hours: 200, capacityHours: 400, share: 0.5, previousShare: nil),
            MaintenanceLoad.TeamLoad(team: "nocap", hours: 10, capacityHours: nil, share: nil, previousShare: nil),
        ]
        var teams: [String: PlatformSnapshot] = [:]
        for load in org.maintenance.byTeam {
            var s = blankSnapshot(SubjectFilter(team: load.team))
            s.maintenance.capacityShare = ratio(load.share)
            teams[load.team] = s
        }
        let text = "teams_over_maintenance_cap > 0\nmaintenance_share >= 50% for team=*"
        let result = try CheckEvaluation.evaluate(try rules(text), base: .organisation, window: .lastDays(30),
                                                  teams: ["delta", "edge", "nocap"], models: []) { target in
            try target.filter.team.map { try #require(teams[$0]) } ?? org
        }
        #expect(result.violations.map(\.target.subject) == ["org", "team=delta", "team=edge"])
        #expect(result.violations[0].value == 1)
        #expect(result.violations[0].items == ["delta 62%"])
        #expect(result.evaluated == 4)
        #expect(result.withoutData == 1)
    }

    @Test func suspectDeploymentsAndSLOBreaches() throws {
        var s = blankSnapshot()
        let deployment = Deployment(id: "d1", model: "m1", team: "t1", version: "v7", environment: .production, deployedAt: s.now,
                                    method: .automated)
        s.triage.recentDeployments = [Triage.RecentDeployment(deployment: deployment, suspectFor: ["inc-1", "inc-2"]),
                                      Triage.RecentDeployment(deployment: deployment, suspectFor: [])]
        s.triage.sloBreaches = [Triage.SLOBreach(model: "m1", day: s.now.day, measure: "availability %", measured: 99, objective: 99.9)]
        let result = CheckEvaluation.evaluate(try rules("suspect_deployments > 0\nslo_breaches > 1\nslo_breaches == 1 as notice"),
                                              base: .organisation, window: .lastDays(30), teams: [], models: []) { _ in s }
        #expect(result.violations.map(\.rule.line) == [1, 3])
        #expect(result.violations[0].value == 1)
        #expect(result.violations[0].items == ["m1 v7 before inc-1, inc-2"])
        #expect(result.violations[1].items == ["m1 availability % on 2026-10-19"])
    }

    @Test func noProductionDeployForTwoWeeksUsesTheRulesOwnWindow() throws {
        var quiet = blankSnapshot(SubjectFilter(team: "quiet"))
        quiet.velocity.deployments = MetricValue(0, previous: 3, unit: .count, polarity: .higherIsBetter)
        quiet.velocity.daysWithoutDeployments = 14
        var busy = blankSnapshot(SubjectFilter(team: "busy"))
        busy.velocity.deployments = MetricValue(4, previous: 3, unit: .count, polarity: .higherIsBetter)
        busy.velocity.daysWithoutDeployments = 11
        let unknown = blankSnapshot(SubjectFilter(team: "unknown"))  // no deployment records at all: no data, not zero
        let result = try CheckEvaluation.evaluate(try rules("deployments < 1 for team=* over 14d\ndays_without_deployments > 12 for team=*"),
                                                  base: .organisation, window: .lastDays(30), teams: ["busy", "quiet", "unknown"],
                                                  models: []) { target in
            try #require(["quiet": quiet, "busy": busy, "unknown": unknown][target.filter.team!])
        }
        #expect(result.violations.map { "\($0.rule.line) \($0.target.subject) \($0.target.window)" } == ["1 team=quiet 14d", "2 team=quiet 30d"])
        #expect(result.withoutData == 2)
    }

    @Test func failedRunGPUSpendPerModelKeepsTheCommandsTeam() throws {
        var seen: [SubjectFilter] = []
        let result = CheckEvaluation.evaluate(try rules("failed_run_gpu_spend > 1000 for model=*"), base: SubjectFilter(team: "t"),
                                              window: .lastDays(7), teams: ["t", "u"], models: ["m1", "m2"]) { target in
            seen.append(target.filter)
            var s = blankSnapshot(target.filter)
            s.finance.failedRunGPUSpend = MetricValue(target.filter.model == "m1" ? 1000.5 : 1000, previous: nil, unit: .money,
                                                      polarity: .lowerIsBetter)
            return s
        }
        #expect(seen == [SubjectFilter(team: "t", model: "m1"), SubjectFilter(team: "t", model: "m2")])
        #expect(CheckReport.lines(result) == ["warning team=t,model=m1 failed_run_gpu_spend 1000.5 > 1000 over 7d (r:1)"])
    }

    @Test func namedSubjectsOutsideTheCommandsSubjectAreNotMeasured() throws {
        let base = SubjectFilter(team: "risk")
        let teamRules = try rules("spend > 0 for team=other\nspend > 0 for team=*\nspend > 0 for team=risk\nspend > 0 for org")
        let targets = teamRules.map {
            CheckEvaluation.targets(for: $0, base: base, window: .lastDays(30), teams: ["other", "risk"], models: []).map(\.subject)
        }
        #expect(targets == [[], ["team=risk"], ["team=risk"], ["team=risk"]])
        let modelRule = try rules("spend > 0 for model=m2")[0]
        #expect(CheckEvaluation.targets(for: modelRule, base: SubjectFilter(model: "m1"), window: .lastDays(30), teams: [], models: []).isEmpty)
    }

    @Test func aTeamOrModelNotInTheStoreIsAnErrorAtItsColumn() throws {
        let good = try rules("spend > 1 for team=risk\nspend > 1 for model=m1\nspend > 1 for team=*")
        try CheckEvaluation.checkSubjects(good, teams: ["risk"], models: ["m1"])
        let typo = try rules("spend > 1\nspend > 1 for model=m1 as notice\nspend > 1 for team=riks")
        #expect(throws: CheckRuleError(source: "r", line: 3, column: 15, message: "no team 'riks' in the store; known: ops, risk")) {
            try CheckEvaluation.checkSubjects(typo, teams: ["ops", "risk"], models: ["m1"])
        }
    }

    @Test func linesAreSanitisedAndMostUrgentFirst() throws {
        var s = blankSnapshot(SubjectFilter(team: "evil\u{1B}[2J"))
        s.maintenance.byTeam = [MaintenanceLoad.TeamLoad(team: "de\u{1B}]0;x\u{07}lta\nnext", hours: 3, capacityHours: 4, share: 0.75,
                                                         previousShare: nil)]
        s.finance.spend = MetricValue(12, previous: nil, unit: .money, polarity: .neutral)
        let result = CheckEvaluation.evaluate(try rules("spend > 10 as notice\nteams_over_maintenance_cap > 0 as critical"),
                                              base: SubjectFilter(team: "evil\u{1B}[2J"), window: .lastDays(30), teams: [], models: []) { _ in s }
        #expect(CheckReport.lines(result) == [
            "critical team=evil␛[2J teams_over_maintenance_cap 1 > 0 over 30d (r:2): de␛]0;x␇lta␊next 75%",
            "notice team=evil␛[2J spend 12 > 10 over 30d (r:1)",
        ])
    }
}
