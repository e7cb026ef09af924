import MLOpsCore
import MLOpsReport
import Testing

@Suite("Check rule files")
struct CheckRuleParserTests {
    @Test func readsEveryClauseAndConvertsPercentByTheMetricsUnit() throws {
        let text = """
        # team thresholds
        change_failure_rate > 15% for team=* as critical

        availability_percent < 99.5% for model="fraud score"   # percent metric: 99.5 stays 99.5
        deployments < 1 for team=risk over 14d
        open_sev1_incidents >= 1
        failed_run_gpu_spend != 2500.5 for model=*
        maintenance_share <= 0.5 for org as notice
        """
        let rules = try CheckRuleParser.parse(text, source: "rules.txt")
        #expect(rules.count == 6)

        #expect(rules[0].metric.name == "change_failure_rate")
        #expect(rules[0].comparison == .greater)
        #expect(rules[0].threshold == 0.15)
        #expect(rules[0].scope == .everyTeam)
        #expect(rules[0].severity == .critical)
        #expect(rules[0].window == nil)
        #expect(rules[0].line == 2)

        #expect(rules[1].threshold == 99.5)
        #expect(rules[1].scope == .model("fraud score"))
        #expect(rules[1].severity == .warning)
        #expect(rules[1].line == 4)

        #expect(rules[2].scope == .team("risk"))
        #expect(rules[2].window == .lastDays(14))
        #expect(rules[3].comparison == .greaterOrEqual)
        #expect(rules[3].scope == .organisation)
        #expect(rules[4].comparison == .notEqual)
        #expect(rules[4].threshold == 2500.5)
        #expect(rules[4].scope == .everyModel)
        #expect(rules[5].comparison == .lessOrEqual)
        #expect(rules[5].severity == .notice)
    }

    @Test func windowsLineEndingsAndAByteOrderMarkAreAccepted() throws {
        let rules = try CheckRuleParser.parse("\u{FEFF}spend > 10\r\n\r\nerror_rate > 1% as critical\r\n", source: "r")
        #expect(rules.map(\.metric.name) == ["spend", "error_rate"])
        #expect(rules.map(\.line) == [1, 3])
        #expect(rules[1].threshold == 0.01)
    }

    @Test func defaultRulesAreTheAttentionListsKinds() throws {
        let rules = DefaultCheckRules.rules()
        #expect(rules.map(\.metric.name) == ["open_sev1_incidents", "open_sev2_incidents", "budgets_over", "budgets_forecast_over",
                                              "teams_over_maintenance_cap", "suspect_deployments", "slo_breaches"])
        #expect(rules.map(\.severity) == [.critical, .warning, .critical, .warning, .warning, .warning, .notice])
        #expect(rules.allSatisfy { $0.scope == .organisation && $0.comparison == .greater && $0.threshold == 0 })
    }

    @Test func everyHeadlineMetricCanBeNamed() throws {
        let names = Set(CheckMetric.all.map(\.name))
        let headline = HeadlineMetric.all(try Demo.store.snapshot(window: .lastDays(30), now: Demo.now)).map(\.id)
        #expect(headline.count == 23)  // + failed deployment recovery, gross spend, credits (#15)
        #expect(headline.allSatisfy(names.contains))
        #expect(names.count == CheckMetric.all.count, "metric names are unique")
    }

    /// (file text, expected "line:column: message" prefix)
    static let badFiles: [(String, String)] = [
        ("change_failure_rat > 15%", "rules.txt:1:1: unknown metric 'change_failure_rat'"),
        ("\n  spend => 100", "rules.txt:2:9: expected a comparison (>, >=, <, <=, ==, !=), found '=>'"),
        ("spend >", "rules.txt:1:8: expected a threshold after '>'"),
        ("spend", "rules.txt:1:6: expected a comparison"),
        ("spend > lots", "rules.txt:1:9: expected a number as threshold, found 'lots'"),
        ("spend > 0x10", "rules.txt:1:9: expected a number as threshold, found '0x10'"),
        ("open_sev1_incidents > 5%", "rules.txt:1:24: '%' fits only ratio and percent metrics"),
        ("spend > 5 per team", "rules.txt:1:11: expected 'for', 'over' or 'as', found 'per'"),
        ("spend > 5 for everyone", "rules.txt:1:15: expected a scope (org, team=*, team=NAME, model=*, model=NAME), found 'everyone'"),
        ("spend > 5 for team=", "rules.txt:1:15: expected a scope"),
        ("spend > 5 over fortnight", "rules.txt:1:16: expected a window"),
        ("spend > 5 as urgent", "rules.txt:1:14: expected a severity (critical, warning, notice), found 'urgent'"),
        ("spend > 5 as critical as notice", "rules.txt:1:23: 'as' given twice"),
        ("spend > 5 for", "rules.txt:1:14: expected a value after 'for'"),
        ("spend > 5 for team=\"ML Research", "rules.txt:1:20: unterminated quote"),
    ]

    @Test(arguments: badFiles)
    func badFilesNameLineAndColumn(_ text: String, _ expected: String) {
        do {
            _ = try CheckRuleParser.parse(text, source: "rules.txt")
            Issue.record("expected an error for \(text)")
        } catch let error as CheckRuleError {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func errorMessagesAreSanitised() {
        #expect(throws: CheckRuleError.self) { try CheckRuleParser.parse("spend\u{1B}]0;pwned\u{07} > 1", source: "r") }
        do { _ = try CheckRuleParser.parse("sp\u{1B}[2Jend > 1", source: "r") } catch {
            #expect("\(error)" == "r:1:1: unknown metric 'sp␛[2Jend'; known: " + CheckMetric.all.map(\.name).joined(separator: ", "))
        }
    }
}
