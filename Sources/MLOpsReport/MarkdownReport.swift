import MLOpsCore
import SafeText

/// The report as GitHub/GitLab-flavoured Markdown: headings, pipe tables, no raw HTML.
public enum MarkdownReport {
    public static func render(_ r: QuarterlyReport) -> String {
        var out = Lines()
        out += "# \(escape(ReportText.title(r)))"
        out += ""
        out += "\(escape(ReportText.subject(r).capitalisedFirst)) · \(ReportText.period(r.quarter)) against \(ReportText.period(r.previousQuarter)) · generated \(r.generatedAt)"
        out += ""

        out += "## Executive summary"
        out += ""
        for s in r.summary.sentences { out += "- \(escape(s))" }
        out += ""
        metricTable(r.summary.headlines, into: &out, bands: true)

        section("Deployment velocity", &out)
        metricTable(r.velocity.metrics, into: &out, bands: true)
        let v = r.velocity
        out += ReportText.velocityNote(r)
        out += ""
        out += "Weekly production deployments (week starting):"
        out += ""
        weekTable(v.weeklyDeployments, header: "Deploys", format: { Format.compact($0) }, into: &out)

        section("Maintenance load", &out)
        let m = r.maintenance
        metricTable(m.metrics, into: &out)
        out += "Cost at \(Format.money(r.settings.hourlyRate))\(r.currency.map { " \($0)" } ?? "") per engineer hour. The cap is \(Format.percent(r.settings.maintenanceCap)) of capacity."
        out += ""
        if !m.byTeam.isEmpty {
            table(["Team", "Hours", "Share", "Previous", "Cost\(ReportText.currencyNote(r))", "Over cap"],
                  m.byTeam.map { [$0.team, Format.compact($0.hours), ReportText.share($0.share), ReportText.share($0.previousShare),
                                  Format.money($0.cost), $0.overCap ? "**yes**" : "no"] }, into: &out)
        }
        if !m.byCategory.isEmpty {
            table(["Category", "Hours", "Previous"], m.byCategory.map { [$0.name, Format.compact($0.value), Format.compact($0.previous)] }, into: &out)
        }
        if !m.painPoints.isEmpty {
            out += "Recurring pain points:"
            out += ""
            table(["System", "Hours", "Previous", "Weeks seen", "Mostly"],
                  m.painPoints.map { [$0.system, Format.compact($0.hours), Format.compact($0.previousHours), "\($0.weeksSeen)", $0.topCategory] }, into: &out)
        }
        if let st = m.staffing {
            out += "Staffing: \(st.mlEngineers) ML engineers to \(st.platformEngineers) platform engineers (\(st.ratio.map { Format.fixed($0, 1) } ?? "–"):1), \(escape(st.assessment))."
            out += ""
        }
        weekTable(m.weeklyShare, header: "Maintenance share", format: { Format.percent($0) }, into: &out)

        section("Maturity", &out)
        let mat = r.maturity
        out += "Organisation: level \(ReportText.optionalLevel(mat.organisation.level)) over the quarter (\(ReportText.optionalLevel(mat.organisation.levelAtStart)) in its first month, \(ReportText.optionalLevel(mat.organisation.levelAtEnd)) in its last)."
        out += ""
        maturityTable(mat.teams, kind: "Team", into: &out)
        evidenceTable(mat.organisation, into: &out)
        out += "### By model"
        out += ""
        maturityTable(mat.models, kind: "Model", into: &out)

        section("Finance", &out)
        let f = r.finance
        metricTable(f.metrics, into: &out)
        if let b = f.quarterBudget {
            out += "Quarterly budget: \(Format.money(b))\(ReportText.currencyNote(r)); previous quarter: \(Format.money(f.previousQuarterBudget))."
            out += ""
        }
        out += "### Spend against budget by month"
        out += ""
        table(["Month", "Spend", "Budget", "Over"], f.months.map {
            [$0.month, Format.money($0.spend), Format.money($0.budget) + ($0.budgetProrated ? " (prorated)" : ""), $0.overBudget ? "**yes**" : "no"]
        }, into: &out)
        if f.months.contains(where: \.budgetProrated) {
            out += "Prorated: the month had no budget of its own, so it gets its days' share of the quarter's budget."
            out += ""
        }
        if !f.byTeam.isEmpty {
            out += "### By team"
            out += ""
            table(["Team", "Spend", "Previous", "Quarter budget", "Over"],
                  f.byTeam.map { [$0.team, Format.money($0.spend), Format.money($0.previous), Format.money($0.quarterBudget), $0.overBudget ? "**yes**" : "no"] }, into: &out)
        }
        out += "### By category"
        out += ""
        table(["Category", "Spend", "Previous"], f.byCategory.map { [$0.name, Format.money($0.value), Format.money($0.previous)] }, into: &out)
        out += "### By model"
        out += ""
        table(["Model", "Team", "Spend", "Previous", "Requests", "Cost / 1k predictions"],
              f.byModel.map { [$0.model, $0.team, Format.money($0.spend), Format.money($0.previous), Format.compact(Double($0.requests)),
                               $0.costPerThousandPredictions.map { Format.value($0, unit: .money) } ?? "–"] }, into: &out)
        out += "### Cost anomalies"
        out += ""
        if f.anomalies.isEmpty {
            out += "No day's spend stood out."
            out += ""
        } else {
            table(["Day", "Spend", "Median", "Threshold"],
                  f.anomalies.map { [$0.day, Format.money($0.amount), Format.money($0.baselineMedian), Format.money($0.threshold)] }, into: &out)
        }
        out += "### Forecast accuracy"
        out += ""
        if f.forecastAccuracy.isEmpty {
            out += "No costs to forecast from."
            out += ""
        } else {
            table(["Quarter", "Midpoint forecast", "Actual", "Error"],
                  f.forecastAccuracy.map { [$0.quarter, ReportText.forecast($0), Format.money($0.actual), ReportText.forecastError($0)] }, into: &out)
        }

        section("Product", &out)
        let p = r.product
        metricTable(p.metrics, into: &out, bands: true)
        table(["Severity", "Incidents", "Previous"], p.incidentsBySeverity.map { ["sev-\($0.severity)", "\($0.count)", "\($0.previous)"] }, into: &out)
        if !p.models.isEmpty {
            table(["Model", "Team", "Serving", "Availability", "Objective", "p95", "Objective", "Breach days", "Error rate", "Incidents"],
                  p.models.map { s in
                      [s.model, s.team, s.serving,
                       ReportText.availability(s.availability) + (s.meetsAvailability == false ? " **below**" : ""),
                       ReportText.availability(s.sloAvailability),
                       ReportText.ms(s.p95MedianMs) + (s.meetsLatency == false ? " **above**" : ""),
                       ReportText.ms(s.sloP95Ms), "\(s.latencyBreachDays)", Format.percent(s.errorRate, decimals: 2), "\(s.incidents)"]
                  }, into: &out)
        }

        section("Research", &out)
        metricTable(r.research.metrics, into: &out)
        table(["Run kind", "Runs", "Previous", "Failed"], r.research.byKind.map { [$0.kind, "\($0.count)", "\($0.previous)", "\($0.failed)"] }, into: &out)
        table(["Month", "Models trained"], r.research.modelsTrainedPerMonth.map { [$0.month, Format.compact($0.value)] }, into: &out)

        section("Teams", &out)
        for t in r.teams {
            out += "### \(escape(t.team))"
            out += ""
            for s in t.sentences { out += "- \(escape(s))" }
            if !t.sentences.isEmpty { out += "" }
            metricTable(t.metrics, into: &out, bands: true)
            out += "Maturity: level \(ReportText.optionalLevel(t.maturity.levelAtStart)) at quarter start, \(ReportText.optionalLevel(t.maturity.levelAtEnd)) at its end; quarter budget \(Format.money(t.quarterBudget))\(ReportText.currencyNote(r))."
            out += ""
            evidenceTable(t.maturity, into: &out)
        }

        section("Methodology", &out)
        out += "Each number compares \(r.quarter.label) with \(r.previousQuarter.label). \(MetricDefinitions.judgement)"
        out += ""
        table(["Metric", "Definition"], MetricDefinitions.all.map { [$0.title, $0.text] }, into: &out)
        out += "### DORA bands (\(r.settings.doraBenchmark))"
        out += ""
        for line in MetricDefinitions.doraBands(DORABenchmark(rawValue: r.settings.doraBenchmark) ?? .dora2023) { out += "- \(line)" }
        out += ""
        out += "### Maturity rubric"
        out += ""
        table(["Level", "Criterion", "Threshold"], mat.rubric.map { ["\($0.level)", $0.title, MetricDefinitions.threshold($0)] }, into: &out)
        return out.text
    }

    // MARK: - Pieces

    static func section(_ title: String, _ out: inout Lines) {
        out += "## \(title)"
        out += ""
    }

    static func metricTable(_ metrics: [QuarterlyReport.Metric], into out: inout Lines, bands: Bool = false) {
        let showBands = bands && metrics.contains { $0.band != nil }
        var headers = ["Metric", "This quarter", "Previous", "Change", "Judged"]
        if showBands { headers.append("DORA band") }
        table(headers, metrics.map { m in
            var row = [m.title, ReportText.value(m), ReportText.previous(m), ReportText.delta(m), ReportText.judgement(m)]
            if showBands { row.append(m.band ?? "–") }
            return row
        }, into: &out)
    }

    static func weekTable(_ weeks: [QuarterlyReport.WeekValue], header: String, format: (Double) -> String, into out: inout Lines) {
        guard !weeks.isEmpty else { return }
        table(["Week"] + weeks.map { String($0.week.dropFirst(5)) }, [[header] + weeks.map { $0.value.map(format) ?? "–" }], into: &out)
    }

    static func maturityTable(_ items: [QuarterlyReport.Maturity], kind: String, into out: inout Lines) {
        guard !items.isEmpty else { return }
        table([kind] + (kind == "Model" ? ["Team"] : []) + ["Level at start", "Level at end", "Quarter level", "Progress", "Missing for next level"],
              items.map { a in
                  let missing = a.evidence.filter { a.missing.contains($0.criterion) }.map { "\($0.title) (\($0.detail))" }
                  return [a.subject] + (kind == "Model" ? [a.team ?? "–"] : []) +
                      [ReportText.optionalLevel(a.levelAtStart), ReportText.optionalLevel(a.levelAtEnd), ReportText.optionalLevel(a.level),
                       a.progress.map { Format.fixed($0, 2) } ?? "–", a.level == nil ? "no runs or deployments" : (missing.isEmpty ? "–" : missing.joined(separator: "; "))]
              }, into: &out)
    }

    static func evidenceTable(_ a: QuarterlyReport.Maturity, into out: inout Lines) {
        guard !a.evidence.isEmpty else { return }
        table(["Level", "Evidence (\(a.subject))", "Measured", "Threshold", "Met", "Detail"], a.evidence.map { e in
            let t = QuarterlyReport.MaturitySection.Criterion(id: e.criterion, title: e.title, level: e.level, threshold: e.threshold,
                                                              isCount: e.criterion == MaturityCriterion.triggeredRetraining.rawValue)
            return ["\(e.level)", e.title, MetricDefinitions.measured(e), MetricDefinitions.threshold(t), e.met ? "yes" : "**no**", e.detail]
        }, into: &out)
    }

    static func table(_ headers: [String], _ rows: [[String]], into out: inout Lines) {
        out += "| " + headers.map(escape).joined(separator: " | ") + " |"
        out += "|" + headers.indices.map { i in isNumeric(column: i, rows) ? " ---: |" : " --- |" }.joined()
        for row in rows { out += "| " + row.map(escape).joined(separator: " | ") + " |" }
        out += ""
    }

    /// A column is right-aligned when every cell in it is a number (or a dash for none).
    static func isNumeric(column i: Int, _ rows: [[String]]) -> Bool {
        guard i > 0, !rows.isEmpty else { return false }
        return rows.allSatisfy { row in
            guard i < row.count, let c = row[i].first else { return false }
            return c.isNumber || "+-±–".contains(c)
        }
    }

    /// Makes text safe in Markdown and in a table cell: controls made visible by
    /// `TextSanitizer` (a line break shows as `␊`, so it cannot end a table row), `|`
    /// escaped, `<` and `>` as entities so nothing from the store becomes raw HTML.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in TextSanitizer.clean(s) {
            switch c {
            case "|": out += "\\|"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}

/// Output lines, appended with `+=`.
struct Lines {
    var lines: [String] = []
    static func += (l: inout Lines, s: String) { l.lines.append(s) }
    /// The document; whatever reached a line without going through an `escape` still
    /// has its controls made visible, so `cat` of a report can never drive the terminal.
    var text: String {
        var ls = lines
        while ls.last == "" { ls.removeLast() }
        return TextSanitizer.cleanLines(ls.joined(separator: "\n")) + "\n"
    }
}

extension String {
    var capitalisedFirst: String { first.map { $0.uppercased() + dropFirst() } ?? self }
}
