import Foundation
import MLOpsCore
import MLOpsReport
import SnapshotSupport
import Testing

@Suite("OpenMetrics exposition")
struct OpenMetricsTests {
    @Test func rendersMetadataSamplesAndEOF() {
        let families = [
            OpenMetricsFamily(name: "mlops_dash_lead_time_median_seconds", unit: "seconds", help: "Lead time \\ median\nsecond line",
                              samples: [.init(value: 19972), .init(labels: [("team", "a"), ("model", "m")], value: 0.5)]),
            OpenMetricsFamily(name: "mlops_dash_runs_per_week", help: "Runs", samples: []),
            OpenMetricsFamily(name: "mlops_dash_odd", help: "Odd", samples: [.init(value: .infinity), .init(labels: [("k", "v")], value: .nan),
                                                                              .init(labels: [("k", "w")], value: 1e-5)]),
        ]
        #expect(OpenMetricsText.render(families) == """
        # HELP mlops_dash_lead_time_median_seconds Lead time \\\\ median\\nsecond line
        # TYPE mlops_dash_lead_time_median_seconds gauge
        # UNIT mlops_dash_lead_time_median_seconds seconds
        mlops_dash_lead_time_median_seconds 19972.0
        mlops_dash_lead_time_median_seconds{team="a",model="m"} 0.5
        # HELP mlops_dash_runs_per_week Runs
        # TYPE mlops_dash_runs_per_week gauge
        # HELP mlops_dash_odd Odd
        # TYPE mlops_dash_odd gauge
        mlops_dash_odd +Inf
        mlops_dash_odd{k="v"} NaN
        mlops_dash_odd{k="w"} 1e-05
        # EOF

        """)
    }

    @Test func labelValuesAreSanitisedThenEscaped() {
        #expect(OpenMetricsText.escapeLabelValue(#"a\b"c"#) == #"a\\b\"c"#)
        // The sanitiser shows a line feed, escape sequences and bidi controls as visible pictures before escaping.
        #expect(OpenMetricsText.escapeLabelValue("ev\u{1B}]0;title\u{07}il\nteam\u{202E}") == "ev␛]0;title␇il␊team⟨RLO⟩")
        #expect(!OpenMetricsText.escapeLabelValue("x\r\ny\n").contains("\n"))
    }

    @Test func everyHeadlineMetricHasAPrometheusNameAndBaseUnit() throws {
        let snapshot = try Demo.store.snapshot(window: .lastDays(30), now: Demo.now)
        let ids = HeadlineMetric.all(snapshot).map(\.id)
        #expect(Set(ids) == Set(SummaryOpenMetrics.exports.keys))
        for (id, export) in SummaryOpenMetrics.exports {
            #expect(export.name.hasPrefix("mlops_dash_"))
            #expect(export.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(export.name)")
            #expect(!export.name.hasSuffix("_total"))
            for nonBase in ["hours", "days", "minutes", "percent", "milliseconds"] { #expect(!export.name.contains(nonBase), "\(export.name)") }
            if let unit = export.unit { #expect(export.name.hasSuffix("_" + unit), "\(id)") }
        }
    }

    /// Each sample of the exposition against the `summary --json` document of the same snapshot.
    @Test(arguments: [SubjectFilter.organisation, SubjectFilter(team: "delta"), SubjectFilter(model: "assistant-llm")])
    func numbersAreTheSummaryJSONsInBaseUnits(_ filter: SubjectFilter) throws {
        let snapshot = try Demo.store.snapshot(window: .lastDays(30), now: Demo.now, filter: filter)
        let doc = SummaryDocument(snapshot)
        let text = SummaryOpenMetrics.render(snapshot)
        let samples = Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init))
        var subject: [String] = []
        if let team = filter.team { subject.append("team=\"\(team)\"") }
        if let model = filter.model { subject.append("model=\"\(model)\"") }
        func labels(_ extra: [String] = []) -> String { (subject + extra).isEmpty ? "" : "{" + (subject + extra).joined(separator: ",") + "}" }

        var withValue = 0
        for metric in doc.metrics {
            let export = try #require(SummaryOpenMetrics.exports[metric.name])
            if let value = metric.value {
                withValue += 1
                #expect(samples.contains("\(export.name)\(labels()) \(value * export.factor)"), "\(metric.name)")
            } else {
                #expect(!samples.contains { $0.hasPrefix(export.name + "{") || $0.hasPrefix(export.name + " ") }, "\(metric.name) has no data")
            }
            if let band = metric.band {
                let value = ["low": 0.0, "medium": 1, "high": 2, "elite": 3][band]!
                #expect(samples.contains("mlops_dash_dora_band\(labels(["metric=\"\(metric.name)\""])) \(value)"))
            }
        }
        #expect(withValue > 10)
        for line in doc.maturity where line.level != nil {
            let label = line.kind == "team" ? "{kind=\"team\",team=\"\(line.subject)\"}"
                : line.kind == "model" ? "{kind=\"model\",model=\"\(line.subject)\"}" : labels(["kind=\"organisation\""]).replacingOccurrences(of: "{", with: "{")
            let expected = line.kind == "organisation" ? "{" + (["kind=\"organisation\""] + subject).joined(separator: ",") + "}" : label
            #expect(samples.contains("mlops_dash_maturity_level\(expected) \(Double(line.level!))"), "\(line.subject)")
        }
        for team in doc.teams {
            #expect(samples.contains("mlops_dash_team_spend{team=\"\(team.team)\"} \(team.spend)"))
            #expect(samples.contains("mlops_dash_team_over_maintenance_cap{team=\"\(team.team)\"} \(team.overMaintenanceCap ? 1.0 : 0.0)"))
        }
        for urgency in ["critical", "warning", "notice"] {
            let count = Double(doc.attention.filter { $0.urgency == urgency }.count)
            #expect(samples.contains("mlops_dash_attention_items\(labels(["urgency=\"\(urgency)\""])) \(count)"))
        }
        #expect(samples.contains("mlops_dash_snapshot_timestamp_seconds\(labels()) \(Double(Demo.now.seconds))"))
        #expect(text.hasSuffix("\n# EOF\n"))
    }

    /// `--per-subject`: each team's and model's series equal `summary --json --team/--model` for it.
    @Test func perSubjectSeriesAreEachSubjectsSummaryJSON() throws {
        let org = try Demo.store.snapshot(window: .lastDays(30), now: Demo.now)
        let filters = SummaryOpenMetrics.breakdownFilters(of: org)
        let teams = try Demo.store.subjectNames().teams
        #expect(filters.filter { $0.model == nil }.map { $0.team! } == teams)
        #expect(filters.filter { $0.model != nil }.count == org.maturity.models.count)
        let snapshots = try filters.map { try Demo.store.snapshot(window: .lastDays(30), now: Demo.now, filter: $0) }
        let samples = Set(SummaryOpenMetrics.render(org, breakdown: snapshots).split(separator: "\n").map(String.init))
        for snapshot in snapshots {
            let label = snapshot.filter.model.map { "{model=\"\($0)\"}" } ?? "{team=\"\(snapshot.filter.team!)\"}"
            for metric in SummaryDocument(snapshot).metrics {
                let export = try #require(SummaryOpenMetrics.exports[metric.name])
                if let value = metric.value {
                    #expect(samples.contains("\(export.name)\(label) \(value * export.factor)"), "\(label) \(metric.name)")
                } else {
                    #expect(!samples.contains { $0.hasPrefix(export.name + label + " ") })
                }
            }
        }
        // Worked from the demo: delta shipped 5 production changes in the 30 days and 1 failed (20 %).
        #expect(samples.contains("mlops_dash_change_failure_ratio{team=\"delta\"} 0.2"))
        // With --team the breakdown is that team's models, labelled with both.
        let delta = snapshots.first { $0.filter == SubjectFilter(team: "delta") }!
        #expect(SummaryOpenMetrics.breakdownFilters(of: delta).allSatisfy { $0.team == "delta" && $0.model != nil })
    }

    @Test func demoOrganisationFiguresWorkedByHand() throws {
        // Delta's maintenance share is over the 50 % cap in the demo (the dashboard says "delta 62%").
        let text = SummaryOpenMetrics.render(try Demo.store.snapshot(window: .lastDays(30), now: Demo.now))
        #expect(text.contains("mlops_dash_team_over_maintenance_cap{team=\"delta\"} 1.0\n"))
        #expect(text.contains("mlops_dash_window_seconds 2592000.0\n"))  // 30 days × 86 400 s
    }
}

/// The exposition through the validators Prometheus users run; skipped when they are not installed
/// (`.ci/run` installs Debian's prometheus package and PyPI's prometheus-client).
@Suite("OpenMetrics validators")
struct OpenMetricsValidatorTests {
    let directory = TemporaryDirectory()

    static var hasPromtool: Bool { installedProgram("promtool") != nil }
    static var hasPythonClient: Bool {
        guard let python = installedProgram("python3") else { return false }
        return (try? runProgram(python, ["-c", "import prometheus_client.openmetrics.parser"]).status) == 0
    }

    /// The demo exposition, written by the built command with `--out` like a cron job would, plus one
    /// with hostile names in a store of its own.
    func expositions() throws -> [String] {
        _ = Demo.store
        let out = directory.path("mlops.prom")
        let run = try BuiltCommand.run(["summary", "--format", "openmetrics", "--out", out, "--db", Demo.directory.path("demo.sqlite"),
                                        "--now", Demo.now.iso8601])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "")
        #expect(directory.contents() == ["mlops.prom"], "no temporary file is left")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        let printed = try BuiltCommand.run(["summary", "--format", "openmetrics", "--db", Demo.directory.path("demo.sqlite"),
                                            "--now", Demo.now.iso8601]).stdout
        #expect(written == printed)

        var snapshot = try Demo.store.snapshot(window: .lastDays(30), now: Demo.now)
        snapshot.maintenance.byTeam[0].team = "quote \" back \\ slash\nnew\u{1B}[31mline"
        snapshot.maturity.models[0].subject = "{model=\"x\"} 1\n# EOF"
        let perSubject = try BuiltCommand.run(["summary", "--format", "openmetrics", "--per-subject", "--db", Demo.directory.path("demo.sqlite"),
                                               "--now", Demo.now.iso8601])
        #expect(perSubject.status == 0, "\(perSubject.stderr)")
        return [written, SummaryOpenMetrics.render(snapshot), perSubject.stdout]
    }

    @Test(.enabled(if: hasPromtool, "promtool is not installed (Debian package prometheus); skipping"))
    func promtoolAcceptsIt() throws {
        for text in try expositions() {
            let run = try runProgram(installedProgram("promtool")!, ["check", "metrics"], input: text)
            #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        }
    }

    @Test(.enabled(if: hasPythonClient, "python3 with prometheus-client is not installed (pip install prometheus-client); skipping"))
    func prometheusClientParsesIt() throws {
        let script = """
        import sys
        from prometheus_client.openmetrics.parser import text_string_to_metric_families
        families = list(text_string_to_metric_families(sys.stdin.read()))
        print(len(families), sum(len(f.samples) for f in families))
        for f in families:
            for s in f.samples:
                if s.name == "mlops_dash_team_maintenance_share_ratio" and "quote" in s.labels.get("team", ""):
                    print(repr(s.labels["team"]))
        """
        let texts = try expositions()
        for text in texts {
            let run = try runProgram(installedProgram("python3")!, ["-c", script], input: text)
            #expect(run.status == 0, "\(run.stderr)")
            let families = text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.count
            let samples = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.count
            #expect(run.stdout.hasPrefix("\(families) \(samples)\n"), "\(run.stdout)")
        }
        let hostile = try runProgram(installedProgram("python3")!, ["-c", script], input: texts[1])
        #expect(hostile.stdout.hasSuffix("'quote \" back \\\\ slash␊new␛[31mline'\n"), "\(hostile.stdout)")
    }
}

/// The names docs/METRICS.md promises are the names the code uses.
@Suite("Alerting docs")
struct AlertingDocsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func metricsDocNamesEveryRuleMetricAndExport() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/METRICS.md"), encoding: .utf8)
        for metric in CheckMetric.all { #expect(doc.contains("`\(metric.name)`"), "\(metric.name)") }
        for export in SummaryOpenMetrics.exports.values { #expect(doc.contains("`\(export.name)`"), "\(export.name)") }
        #expect(doc.contains(DefaultCheckRules.text.split(separator: "\n").dropFirst().map { "    " + $0 }.joined(separator: "\n")))
    }

    @Test(.enabled(if: OpenMetricsValidatorTests.hasPromtool, "promtool is not installed (Debian package prometheus); skipping"))
    func exampleAlertingRulesAreValid() throws {
        let run = try runProgram(installedProgram("promtool")!, ["check", "rules", Self.root.appendingPathComponent("docs/examples/prometheus-rules.yml").path])
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    }
}
