import Foundation
import MLOpsCore
import MLOpsReport
import SnapshotSupport
import Testing

/// `mlops-dash check` as cron and CI see it: the built binary on the demo store.
@Suite("check command")
struct CheckCommandTests {
    let directory = TemporaryDirectory()
    var common: [String] { ["--db", Demo.directory.path("demo.sqlite"), "--now", Demo.now.iso8601] }

    init() { _ = Demo.store }

    @Test func defaultRulesFireOnTheDemoAndExitOne() throws {
        let run = try BuiltCommand.run(["check"] + common)
        #expect(run.status == 1, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        let snapshot = try Demo.store.snapshot(window: .lastDays(30), now: Demo.now)
        let expected = CheckEvaluation.evaluate(DefaultCheckRules.rules(), base: .organisation, window: .lastDays(30), teams: [], models: []) { _ in snapshot }
        #expect(lines == CheckReport.lines(expected))
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { !$0.contains("\u{1B}") })
    }

    /// The default rules and the dashboard's list come from the same snapshot fields; each
    /// rule's items are that kind's entries of the list, at the same urgency.
    @Test func defaultRulesFindWhatTheAttentionListShows() throws {
        for window in [WindowSpec.lastDays(30), .lastDays(7), .quarterToDate] {
            let snapshot = try Demo.store.snapshot(window: window, now: Demo.now)
            let result = CheckEvaluation.evaluate(DefaultCheckRules.rules(), base: .organisation, window: window, teams: [], models: []) { _ in snapshot }
            func items(_ metric: String) -> Int { result.violations.first { $0.rule.metric.name == metric }?.items.count ?? 0 }
            func listed(_ urgency: AttentionItem.Urgency, _ test: (String) -> Bool) -> Int {
                snapshot.attention.filter { $0.urgency == urgency && test($0.message) }.count
            }
            #expect(items("open_sev1_incidents") == listed(.critical) { $0.hasPrefix("Open sev-1") })
            #expect(items("open_sev2_incidents") == listed(.warning) { $0.hasPrefix("Open sev-2") })
            #expect(items("budgets_over") == listed(.critical) { $0.contains(" budget: ") })
            #expect(items("budgets_forecast_over") == listed(.warning) { $0.contains(" budget: ") })
            #expect(items("teams_over_maintenance_cap") == listed(.warning) { $0.contains("of capacity on maintenance") })
            #expect(items("suspect_deployments") == listed(.warning) { $0.hasPrefix("Deployment ") })
            #expect((items("slo_breaches") > 0 ? 1 : 0) == listed(.notice) { $0.hasPrefix("SLO breaches") })
            for v in result.violations { #expect(v.rule.severity == DefaultCheckRules.rules().first { $0.metric == v.rule.metric }!.severity) }
            #expect(result.violations.reduce(0) { $0 + $1.items.count } >= snapshot.attention.count)
        }
    }

    @Test func noViolationExitsZeroAndPrintsNothing() throws {
        let rules = directory.path("quiet.rules")
        try "# nothing here is ever true\nspend < 0 for team=*\nopen_sev1_incidents > 99 as critical\n".write(toFile: rules, atomically: true, encoding: .utf8)
        let run = try BuiltCommand.run(["check", "--rules", rules] + common)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "")
    }

    @Test func jsonListsTheViolations() throws {
        let rules = directory.path("teams.rules")
        try "maintenance_share > 50% for team=* as critical\n".write(toFile: rules, atomically: true, encoding: .utf8)
        let run = try BuiltCommand.run(["check", "--rules", rules, "--json"] + common)
        #expect(run.status == 1, "\(run.stderr)")
        let document = try JSONDecoder().decode(CheckReport.Document.self, from: Data(run.stdout.utf8))
        let teams = try Demo.store.subjectNames().teams
        #expect(document.rules == 1)
        #expect(document.evaluated == teams.count)
        let over = try teams.filter { (try Demo.store.snapshot(window: .lastDays(30), now: Demo.now, filter: SubjectFilter(team: $0))
            .maintenance.capacityShare.current ?? 0) > 0.5 }
        #expect(!over.isEmpty)
        #expect(document.violations.map(\.team) == over)
        #expect(document.violations.allSatisfy { $0.severity == "critical" && $0.threshold == 0.5 && $0.value > 0.5 })
    }

    @Test(arguments: [
        (["--rules", "bad.rules"], "bad.rules:2:21: expected a comparison"),
        (["--rules", "missing.rules"], "missing.rules"),
        (["--window", "fortnight"], "fortnight"),
        (["--now", "yesterday"], "--now 'yesterday'"),
        (["--no-such-option"], "no-such-option"),
    ])
    func errorsExitTwo(_ extra: [String], _ message: String) throws {
        try "spend > 0\nchange_failure_rate ~ 15%\n".write(toFile: directory.path("bad.rules"), atomically: true, encoding: .utf8)
        let arguments = extra.map { $0.hasSuffix(".rules") ? directory.path($0) : $0 }
        let run = try BuiltCommand.run(["check"] + common + arguments)
        #expect(run.status == 2, "\(run.stdout)\(run.stderr)")
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stdout == "")
    }

    @Test func rulesFromStandardInputAndUnknownSubjects() throws {
        let fired = try BuiltCommand.run(["check", "--rules", "-"] + common, input: "maintenance_share > 50% for team=delta\n")
        #expect(fired.status == 1, "\(fired.stderr)")
        #expect(fired.stdout.hasPrefix("warning team=delta maintenance_share "))
        #expect(fired.stdout.hasSuffix(" > 50% over 30d (stdin:1)\n"))
        let typo = try BuiltCommand.run(["check", "--rules", "-"] + common, input: "# ok\nspend > 1 for team=dleta\n")
        #expect(typo.status == 2)
        #expect(typo.stderr.hasPrefix("error: stdin:2:15: no team 'dleta' in the store; known: "), "\(typo.stderr)")
    }

    @Test func aMissingStoreExitsTwo() throws {
        let run = try BuiltCommand.run(["check", "--db", directory.path("none.sqlite")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("none.sqlite"))
    }
}
