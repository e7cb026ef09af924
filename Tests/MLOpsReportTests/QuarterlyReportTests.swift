import Foundation
import MLOpsCore
@testable import MLOpsReport
import MLOpsSampleData
import MLOpsStore
import SnapshotSupport
import Testing

@Suite struct QuarterlyReportGoldenTests {
    /// The demo's 2026-Q3 report in every format, at the demo's fixed clock.
    @Test(arguments: ReportFormat.allCases)
    func demoReportMatchesGolden(format: ReportFormat) throws {
        assertSnapshot(try format.render(Demo.report), named: "report-2026-Q3.\(format.rawValue)")
    }

    @Test func teamReportMatchesGolden() throws {
        let report = try QuarterlyReportExporter.report(store: Demo.store, quarter: Demo.q3, team: "delta", now: Demo.now)
        assertSnapshot(MarkdownReport.render(report), named: "report-2026-Q3-delta.md")
    }
}

@Suite struct QuarterlyReportNumbersTests {
    /// The report shows the metrics engine's numbers for the same quarter, not its own.
    @Test func csvAndJSONCarryTheEnginesValues() throws {
        let snapshot = try Demo.store.snapshot(window: .quarter(Demo.q3), now: Demo.now)
        let expected: [(String, MetricValue)] = [
            ("deployments_per_week", snapshot.velocity.deploymentsPerWeek),
            ("change_failure_rate", snapshot.velocity.changeFailureRate),
            ("spend", snapshot.finance.spend),
            ("maintenance_share", snapshot.maintenance.capacityShare),
            ("lead_time_median_hours", snapshot.velocity.leadTimeMedianHours),
            ("availability_percent", snapshot.product.availability),
            ("run_success_rate", snapshot.research.successRate),
        ]
        let rows = CSVReport.rows(Demo.report)
        let jsonText = try JSONReport.render(Demo.report)
        let json = try JSONSerialization.jsonObject(with: Data(jsonText.utf8)) as! [String: Any]
        let summary = (json["summary"] as! [String: Any])["headlines"] as! [[String: Any]]
        for (id, value) in expected {
            let current = try #require(value.current), previous = try #require(value.previous)
            let row = rows.first { $0.metric == id && $0.subjectKind == "org" && $0.period == "2026-Q3" }
            let prevRow = rows.first { $0.metric == id && $0.subjectKind == "org" && $0.period == "2026-Q2" }
            #expect(row?.value == current, "\(id) 2026-Q3")
            #expect(prevRow?.value == previous, "\(id) 2026-Q2")
            // The CSV text parses back to the same number.
            #expect(Double(CSVReport.number(current)) == current)
            // The JSON text holds the exact value; Foundation's parser on Linux may be an ulp off reading it back.
            #expect(jsonText.contains("\"value\" : \(current)"), "\(id) in JSON")
            #expect(jsonText.contains("\"previous\" : \(previous)"), "\(id) previous in JSON")
            if let j = summary.first(where: { $0["id"] as? String == id }) {
                #expect(abs((j["value"] as? Double ?? .nan) - current) <= abs(current) * 1e-12, "\(id) in JSON")
                #expect(abs((j["previous"] as? Double ?? .nan) - previous) <= abs(previous) * 1e-12, "\(id) previous in JSON")
            }
        }
        #expect(summary.count >= 5 && summary.count <= 8)
        // Team sections carry the team snapshot's numbers.
        let delta = try Demo.store.snapshot(window: .quarter(Demo.q3), now: Demo.now, filter: SubjectFilter(team: "delta"))
        #expect(rows.first { $0.metric == "maintenance_share" && $0.subject == "delta" && $0.period == "2026-Q3" }?.value
                == delta.maintenance.capacityShare.current)
        // The monthly spend of the quarter adds up to its spend.
        let monthly = rows.filter { $0.metric == "spend" && $0.subjectKind == "org" && $0.period.hasPrefix("2026-0") && ["07", "08", "09"].contains(String($0.period.suffix(2))) }
        #expect(monthly.count == 3)
        #expect(abs(monthly.compactMap(\.value).reduce(0, +) - snapshot.finance.spend.current!) < 1e-6)
    }

    @Test func summaryTellsWhatImprovedWorsenedAndWhatToWatch() {
        let s = Demo.report.summary.sentences
        #expect((3...5).contains(s.count))
        #expect(s[0].hasPrefix("Biggest improvements since 2026-Q2"))
        #expect(s[1].hasPrefix("Biggest regressions"))
        #expect(s.contains { $0.contains("Over the 50% maintenance cap: delta") })
        #expect(s.contains { $0.hasPrefix("Spend was ") && $0.contains("quarterly budget") })
    }

    @Test func maturityHasLevelsAtQuarterStartAndEnd() throws {
        let atlas = try #require(Demo.report.maturity.teams.first { $0.subject == "atlas" })
        #expect(atlas.monthly.map(\.month) == ["2026-07", "2026-08", "2026-09"])
        #expect(atlas.levelAtStart == atlas.monthly.first?.value.map { Int($0) })
        #expect(atlas.levelAtEnd == atlas.monthly.last?.value.map { Int($0) })
        #expect(atlas.evidence.count == MaturityCriterion.allCases.count)
        let beacon = try #require(Demo.report.maturity.teams.first { $0.subject == "beacon" })
        #expect(beacon.level == 0)
    }

    @Test func forecastAccuracyCoversThePreviousQuarter() throws {
        let f = try #require(Demo.report.finance.forecastAccuracy.first)
        #expect(f.quarter == "2026-Q2" && f.madeOn == "2026-05-16")
        let q2Spend = try #require(Demo.report.finance.metrics.first { $0.id == "spend" }?.previous)
        #expect(abs(f.actual - q2Spend) < 1e-6)
    }
}

@Suite struct QuarterlyReportErrorTests {
    let dir = TemporaryDirectory()

    @Test func writesTheDefaultFileNameAtomically() throws {
        let path = try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, format: .csv, directory: dir.path, now: Demo.now)
        #expect(path == dir.path("mlops-report-2026-Q3.csv"))
        #expect(dir.contents() == ["mlops-report-2026-Q3.csv"])
        let team = try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, team: "atlas", format: .md, directory: dir.path, now: Demo.now)
        #expect(team == dir.path("mlops-report-2026-Q3-atlas.md"))
    }

    @Test func existingFileIsNotOverwrittenWithoutForce() throws {
        let path = dir.path("mlops-report-2026-Q3.json")
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: ReportError.fileExists(path: path)) {
            try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, format: .json, directory: dir.path, now: Demo.now)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        #expect(dir.contents() == ["mlops-report-2026-Q3.json"])
        try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, format: .json, directory: dir.path, now: Demo.now, overwrite: true)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{"))
        #expect(dir.contents() == ["mlops-report-2026-Q3.json"])
    }

    @Test func futureQuarterNamesTheLastCompleteOne() throws {
        let q4 = Quarter(year: 2026, quarter: 4)
        let error = #expect(throws: ReportError.self) {
            try QuarterlyReportExporter.export(store: Demo.store, quarter: q4, format: .md, directory: dir.path, now: Demo.now)
        }
        #expect(error == .quarterNotComplete(quarter: q4, now: Demo.now, lastComplete: Demo.q3))
        #expect(error?.description.contains("the last complete quarter is 2026-Q3") == true)
        #expect(dir.contents().isEmpty)
    }

    @Test(arguments: ["2026-Q5", "2026Q3", "Q3-2026", "26-Q3", ""])
    func malformedQuarterIsRejected(text: String) {
        #expect(throws: ReportError.malformedQuarter(text)) { try QuarterlyReport.parseQuarter(text) }
    }

    @Test func quarterWithoutDataIsAnError() {
        let q = Quarter(year: 2025, quarter: 4)
        #expect(throws: ReportError.noData(quarter: q, subject: "all teams")) {
            try QuarterlyReportExporter.export(store: Demo.store, quarter: q, format: .html, directory: dir.path, now: Demo.now)
        }
        #expect(dir.contents().isEmpty)
    }

    @Test func unknownTeamIsAnError() {
        #expect(throws: ReportError.unknownTeam("zeta", known: ["atlas", "beacon", "cobalt", "delta"])) {
            try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, team: "zeta", format: .md, directory: dir.path, now: Demo.now)
        }
        #expect(dir.contents().isEmpty)
    }

    @Test func unwritablePathLeavesNothingBehind() throws {
        // A path under a regular file cannot be written, even by root.
        let file = dir.path("not-a-directory")
        try Data().write(to: URL(fileURLWithPath: file))
        let error = #expect(throws: ReportError.self) {
            try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, format: .md, to: file + "/report.md", now: Demo.now)
        }
        guard case .unwritable = error else { Issue.record("expected unwritable, got \(String(describing: error))"); return }
        #expect(throws: ReportError.self) {
            try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, format: .md, to: dir.path("missing/report.md"), now: Demo.now)
        }
        #expect(dir.contents() == ["not-a-directory"])
    }

    @Test func aFailedRenameLeavesNoTemporaryFile() throws {
        // The target is a directory: the write into a temp file succeeds, the rename fails.
        try FileManager.default.createDirectory(atPath: dir.path("taken"), withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: dir.path("taken/inner"), withIntermediateDirectories: false)
        #expect(throws: ReportError.self) { try QuarterlyReportExporter.write("x", to: dir.path("taken"), overwrite: true) }
        #expect(dir.contents() == ["taken"])
    }
}

@Suite struct QuarterlyReportEscapingTests {
    /// Record fields are untrusted: a team named like markup must come out as text.
    @Test func storeStringsAreEscapedInHTMLAndMarkdown() throws {
        var records = DemoOrganisation.generate()
        let evil = "<script>alert('x')</script>&\"|"
        records.teams.append(Team(name: evil, mlEngineers: 2, platformEngineers: 1))
        records.maintenance.append(MaintenanceEntry(id: "m-evil", team: evil, category: .toil, system: "<img src=x>", hours: 10,
                                                    date: Day(year: 2026, month: 8, day: 3)))
        let report = try QuarterlyReport.build(records: records, history: ModelHistory(records: records), quarter: Demo.q3, now: Demo.now)
        let html = HTMLReport.render(report)
        #expect(!html.contains("<script>") && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;|"))
        let md = MarkdownReport.render(report)
        #expect(!md.contains("<script>"))
        #expect(md.contains("| &lt;script&gt;alert('x')&lt;/script&gt;&\"\\| |"))
        let csv = CSVReport.render(report)
        #expect(csv.contains(",team,\"<script>alert('x')</script>&\"\"|\",2026-Q3,"))
    }

    @Test func htmlIsSelfContained() {
        let html = HTMLReport.render(Demo.report)
        #expect(!html.contains("<script"))
        #expect(!html.contains("http://") || !html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("@import") && !html.contains("<link"))
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
        #expect(html.contains("@media print"))
    }

    @Test func csvQuotesPerRFC4180() {
        #expect(CSVReport.field("plain") == "plain")
        #expect(CSVReport.field("a,b") == "\"a,b\"")
        #expect(CSVReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReport.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVReport.render(Demo.report).hasPrefix("metric,subject_kind,subject,period,value,unit\r\n"))
    }
}
