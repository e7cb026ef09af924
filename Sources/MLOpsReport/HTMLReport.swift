import MLOpsCore
import SafeText

/// The report as one self-contained HTML file: inline CSS and inline SVG charts, no
/// scripts, no network, no external fonts; light colours that print as they show, and a
/// page break before each section when printed to PDF. Every string is HTML-escaped.
public enum HTMLReport {
    public static func render(_ r: QuarterlyReport) -> String {
        var b = Lines()
        b += "<!DOCTYPE html>"
        b += "<html lang=\"en\"><head><meta charset=\"utf-8\">"
        b += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        b += "<title>\(escape(ReportText.title(r)))</title>"
        b += "<style>\(css)</style>"
        b += "</head><body><main>"
        b += "<header><h1>\(escape(ReportText.title(r)))</h1>"
        b += "<p class=\"meta\">\(escape(ReportText.subject(r).capitalisedFirst)) · \(escape(ReportText.period(r.quarter))) against \(escape(ReportText.period(r.previousQuarter))) · generated \(escape(r.generatedAt))</p></header>"

        open("summary", "Executive summary", &b)
        b += "<div class=\"tiles\">"
        for m in r.summary.headlines {
            b += "<div class=\"tile \(m.judgement ?? "none")\"><div class=\"t\">\(escape(m.title))</div><div class=\"v\">\(escape(ReportText.value(m)))</div>"
                + "<div class=\"d\">\(escape(ReportText.delta(m))) vs \(escape(ReportText.previous(m)))\(m.judgement.map { _ in " · \(escape(ReportText.judgement(m)))" } ?? "")\(m.band.map { " · DORA \(escape($0))" } ?? "")</div></div>"
        }
        b += "</div><ul class=\"sentences\">"
        for s in r.summary.sentences { b += "<li>\(escape(s))</li>" }
        b += "</ul>"
        close(&b)

        open("velocity", "Deployment velocity", &b)
        metricTable(r.velocity.metrics, bands: true, &b)
        b += "<p>\(escape(ReportText.velocityNote(r)))</p>"
        let weeks = r.velocity.weeklyDeployments
        b += figure(SVGChart.bars(title: "Production deployments per week", yLabel: "deployments", labels: weeks.map { weekLabel($0.week) },
                                  values: weeks.map(\.value), format: { Format.compact($0) }, partial: partialWeeks(weeks.map(\.week), r.quarter)))
        close(&b)

        open("maintenance", "Maintenance load", &b)
        let m = r.maintenance
        metricTable(m.metrics, bands: false, &b)
        b += "<p>Cost at \(escape(Format.money(r.settings.hourlyRate)))\(escape(r.currency.map { " \($0)" } ?? "")) per engineer hour; the cap is \(Format.percent(r.settings.maintenanceCap)) of capacity.</p>"
        b += figure(SVGChart.line(title: "Maintenance share of capacity per week", yLabel: "share of capacity", labels: m.weeklyShare.map { weekLabel($0.week) },
                                  values: m.weeklyShare.map(\.value), maxValue: 0.6, format: { Format.percent($0) },
                                  reference: (r.settings.maintenanceCap, "50% cap"), partial: partialWeeks(m.weeklyShare.map(\.week), r.quarter)))
        table(["Team", "Hours", "Share", "Previous", "Cost\(ReportText.currencyNote(r))", "Over cap"],
              m.byTeam.map { [$0.team, Format.compact($0.hours), ReportText.share($0.share), ReportText.share($0.previousShare), Format.money($0.cost),
                              $0.overCap ? "!yes" : "no"] }, &b)
        table(["Category", "Hours", "Previous"], m.byCategory.map { [$0.name, Format.compact($0.value), Format.compact($0.previous)] }, &b)
        if !m.painPoints.isEmpty {
            b += "<h3>Recurring pain points</h3>"
            table(["System", "Hours", "Previous", "Weeks seen", "Mostly"],
                  m.painPoints.map { [$0.system, Format.compact($0.hours), Format.compact($0.previousHours), "\($0.weeksSeen)", $0.topCategory] }, &b)
        }
        if let st = m.staffing {
            b += "<p>Staffing: \(st.mlEngineers) ML engineers to \(st.platformEngineers) platform engineers (\(escape(st.ratio.map { Format.fixed($0, 1) } ?? "–")):1), \(escape(st.assessment)).</p>"
        }
        close(&b)

        open("maturity", "Maturity", &b)
        let mat = r.maturity
        b += "<p>Organisation: level \(ReportText.optionalLevel(mat.organisation.level)) over the quarter (\(ReportText.optionalLevel(mat.organisation.levelAtStart)) in its first month, \(ReportText.optionalLevel(mat.organisation.levelAtEnd)) in its last).</p>"
        b += figure(SVGChart.pairedBars(title: "Maturity level by team: quarter start and end", yLabel: "level (0–2)", labels: mat.teams.map(\.subject),
                                        first: mat.teams.map { $0.levelAtStart.map(Double.init) }, second: mat.teams.map { $0.levelAtEnd.map(Double.init) },
                                        names: ("first month", "last month"), maxValue: 2, format: { Format.compact($0) }))
        maturityTable(mat.teams, kind: "Team", &b)
        evidenceTable(mat.organisation, &b)
        b += "<h3>By model</h3>"
        maturityTable(mat.models, kind: "Model", &b)
        close(&b)

        open("finance", "Finance\(ReportText.currencyNote(r))", &b)
        let f = r.finance
        metricTable(f.metrics, bands: false, &b)
        if let q = f.quarterBudget {
            b += "<p>Quarterly budget: \(escape(Format.money(q))); previous quarter: \(escape(Format.money(f.previousQuarterBudget))).</p>"
        }
        b += figure(SVGChart.barsWithBudget(title: "Spend against budget by month", yLabel: "spend", labels: f.months.map(\.month),
                                            values: f.months.map(\.spend), budgets: f.months.map(\.budget), format: { Format.compact($0) }))
        table(["Month", "Spend", "Budget", "Over"], f.months.map {
            [$0.month, Format.money($0.spend), Format.money($0.budget) + ($0.budgetProrated ? " (prorated)" : ""), $0.overBudget ? "!yes" : "no"]
        }, &b)
        if f.months.contains(where: \.budgetProrated) {
            b += "<p class=\"note\">Prorated: the month had no budget of its own, so it gets its days' share of the quarter's budget.</p>"
        }
        b += "<h3>By team</h3>"
        table(["Team", "Spend", "Previous", "Quarter budget", "Over"],
              f.byTeam.map { [$0.team, Format.money($0.spend), Format.money($0.previous), Format.money($0.quarterBudget), $0.overBudget ? "!yes" : "no"] }, &b)
        b += "<h3>By category</h3>"
        table(["Category", "Spend", "Previous"], f.byCategory.map { [$0.name, Format.money($0.value), Format.money($0.previous)] }, &b)
        b += "<h3>By model</h3>"
        table(["Model", "Team", "Spend", "Previous", "Requests", "Cost / 1k predictions"],
              f.byModel.map { [$0.model, $0.team, Format.money($0.spend), Format.money($0.previous), Format.compact(Double($0.requests)),
                               $0.costPerThousandPredictions.map { Format.value($0, unit: .money) } ?? "–"] }, &b)
        b += "<h3>Cost anomalies</h3>"
        if f.anomalies.isEmpty { b += "<p>No day's spend stood out.</p>" } else {
            table(["Day", "Spend", "Median", "Threshold"],
                  f.anomalies.map { [$0.day, Format.money($0.amount), Format.money($0.baselineMedian), Format.money($0.threshold)] }, &b)
        }
        b += "<h3>Forecast accuracy</h3>"
        if f.forecastAccuracy.isEmpty { b += "<p>No costs to forecast from.</p>" } else {
            table(["Quarter", "Midpoint forecast", "Actual", "Error"],
                  f.forecastAccuracy.map { [$0.quarter, ReportText.forecast($0), Format.money($0.actual), ReportText.forecastError($0)] }, &b)
        }
        close(&b)

        open("product", "Product", &b)
        let p = r.product
        metricTable(p.metrics, bands: true, &b)
        table(["Severity", "Incidents", "Previous"], p.incidentsBySeverity.map { ["sev-\($0.severity)", "\($0.count)", "\($0.previous)"] }, &b)
        table(["Model", "Team", "Serving", "Availability", "Objective", "p95", "Objective", "Breach days", "Error rate", "Incidents"],
              p.models.map { s in
                  [s.model, s.team, s.serving, (s.meetsAvailability == false ? "!" : "") + ReportText.availability(s.availability),
                   ReportText.availability(s.sloAvailability), (s.meetsLatency == false ? "!" : "") + ReportText.ms(s.p95MedianMs),
                   ReportText.ms(s.sloP95Ms), "\(s.latencyBreachDays)", Format.percent(s.errorRate, decimals: 2), "\(s.incidents)"]
              }, &b)
        close(&b)

        open("research", "Research", &b)
        metricTable(r.research.metrics, bands: false, &b)
        table(["Run kind", "Runs", "Previous", "Failed"], r.research.byKind.map { [$0.kind, "\($0.count)", "\($0.previous)", "\($0.failed)"] }, &b)
        table(["Month", "Models trained"], r.research.modelsTrainedPerMonth.map { [$0.month, Format.compact($0.value)] }, &b)
        close(&b)

        for t in r.teams {
            open("team-" + QuarterlyReport.safeFileComponent(t.team), "Team \(t.team)", &b)
            if !t.sentences.isEmpty {
                b += "<ul class=\"sentences\">"
                for s in t.sentences { b += "<li>\(escape(s))</li>" }
                b += "</ul>"
            }
            metricTable(t.metrics, bands: true, &b)
            b += "<p>Maturity: level \(ReportText.optionalLevel(t.maturity.levelAtStart)) at quarter start, \(ReportText.optionalLevel(t.maturity.levelAtEnd)) at its end; quarter budget \(escape(Format.money(t.quarterBudget)))\(escape(ReportText.currencyNote(r))).</p>"
            evidenceTable(t.maturity, &b)
            close(&b)
        }

        open("methodology", "Methodology", &b)
        b += "<p>Each number compares \(escape(r.quarter.label)) with \(escape(r.previousQuarter.label)). \(escape(MetricDefinitions.judgement))</p>"
        b += "<dl class=\"defs\">"
        for d in MetricDefinitions.all { b += "<dt>\(escape(d.title))</dt><dd>\(escape(d.text))</dd>" }
        b += "</dl>"
        b += "<h3>DORA bands (\(escape(r.settings.doraBenchmark)))</h3><ul>"
        for line in MetricDefinitions.doraBands(DORABenchmark(rawValue: r.settings.doraBenchmark) ?? .dora2023) { b += "<li>\(escape(line))</li>" }
        b += "</ul><h3>Maturity rubric</h3>"
        table(["Level", "Criterion", "Threshold"], mat.rubric.map { ["\($0.level)", $0.title, MetricDefinitions.threshold($0)] }, &b)
        close(&b)
        b += "</main></body></html>"
        return b.text
    }

    // MARK: - Pieces

    static func open(_ id: String, _ title: String, _ b: inout Lines) {
        b += "<section id=\"\(escape(id))\"><h2>\(escape(title))</h2>"
    }

    static func close(_ b: inout Lines) { b += "</section>" }

    static func figure(_ svg: String) -> String { "<figure>\(svg)</figure>" }

    static func weekLabel(_ iso: String) -> String { String(iso.dropFirst(5)) }

    /// Indexes of the weeks (by their Monday, ISO) that start before the period or end after it.
    static func partialWeeks(_ weeks: [String], _ period: QuarterlyReport.Period) -> Set<Int> {
        guard let first = Day(iso8601: period.firstDay), let last = Day(iso8601: period.lastDay) else { return [] }
        return Set(weeks.indices.filter { i in
            guard let monday = Day(iso8601: weeks[i]) else { return false }
            return monday < first || monday.advanced(by: 6) > last
        })
    }

    static func metricTable(_ metrics: [QuarterlyReport.Metric], bands: Bool, _ b: inout Lines) {
        let showBands = bands && metrics.contains { $0.band != nil }
        var headers = ["Metric", "This quarter", "Previous", "Change", "Judged"]
        if showBands { headers.append("DORA band") }
        b += "<table class=\"metrics\"><thead><tr>" + headers.enumerated().map { "<th\($0 == 0 ? "" : " class=\"n\"")>\(escape($1))</th>" }.joined() + "</tr></thead><tbody>"
        for m in metrics {
            var row = "<tr><td>\(escape(m.title))</td><td class=\"n\">\(escape(ReportText.value(m)))</td><td class=\"n\">\(escape(ReportText.previous(m)))</td>"
                + "<td class=\"n\">\(escape(ReportText.delta(m)))</td><td class=\"n \(m.judgement ?? "none")\">\(escape(ReportText.judgement(m)))</td>"
            if showBands { row += "<td class=\"n\">\(escape(m.band ?? "–"))</td>" }
            b += row + "</tr>"
        }
        b += "</tbody></table>"
    }

    static func maturityTable(_ items: [QuarterlyReport.Maturity], kind: String, _ b: inout Lines) {
        guard !items.isEmpty else { return }
        let model = kind == "Model"
        table([kind] + (model ? ["Team"] : []) + ["Level at start", "Level at end", "Quarter level", "Progress", "Missing for next level"],
              items.map { a in
                  let missing = a.evidence.filter { a.missing.contains($0.criterion) }.map { "\($0.title) (\($0.detail))" }
                  return [a.subject] + (model ? [a.team ?? "–"] : []) +
                      [ReportText.optionalLevel(a.levelAtStart), ReportText.optionalLevel(a.levelAtEnd), ReportText.optionalLevel(a.level),
                       a.progress.map { Format.fixed($0, 2) } ?? "–", a.level == nil ? "no runs or deployments" : (missing.isEmpty ? "–" : missing.joined(separator: "; "))]
              }, &b)
    }

    static func evidenceTable(_ a: QuarterlyReport.Maturity, _ b: inout Lines) {
        guard !a.evidence.isEmpty else { return }
        table(["Level", "Evidence (\(a.subject))", "Measured", "Threshold", "Met", "Detail"], a.evidence.map { e in
            let t = QuarterlyReport.MaturitySection.Criterion(id: e.criterion, title: e.title, level: e.level, threshold: e.threshold,
                                                              isCount: e.criterion == MaturityCriterion.triggeredRetraining.rawValue)
            return ["\(e.level)", e.title, MetricDefinitions.measured(e), MetricDefinitions.threshold(t), e.met ? "yes" : "!no", e.detail]
        }, &b)
    }

    /// A table; numeric columns right-aligned; a cell starting with `!` is flagged (shown in the warning colour, `!` dropped).
    static func table(_ headers: [String], _ rows: [[String]], _ b: inout Lines) {
        guard !rows.isEmpty else { return }
        let numeric = headers.indices.map { MarkdownReport.isNumeric(column: $0, rows.map { $0.map { $0.hasPrefix("!") ? String($0.dropFirst()) : $0 } }) }
        b += "<table><thead><tr>" + headers.enumerated().map { "<th\(numeric[$0] ? " class=\"n\"" : "")>\(escape($1))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            b += "<tr>" + row.enumerated().map { i, cell in
                let flagged = cell.hasPrefix("!")
                let text = flagged ? String(cell.dropFirst()) : cell
                var classes: [String] = []
                if i < numeric.count && numeric[i] { classes.append("n") }
                if flagged { classes.append("flag") }
                return "<td\(classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\"")>\(escape(text))</td>"
            }.joined() + "</tr>"
        }
        b += "</tbody></table>"
    }

    /// Makes controls visible (`TextSanitizer`) and escapes `& < > " '`, so text from the
    /// store can never become markup nor drive a terminal that shows the file.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in TextSanitizer.clean(s) {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static let css = """
        :root{color-scheme:light}
        body{margin:0;background:#fff;color:#1f2933;font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{max-width:1040px;margin:0 auto;padding:24px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;border-bottom:2px solid #2f6db5;padding-bottom:4px;margin:32px 0 12px}
        h3{font-size:15px;margin:20px 0 8px}.meta,.note{color:#6b7785}
        table{border-collapse:collapse;width:100%;margin:8px 0 16px;font-size:13px}
        th,td{border-bottom:1px solid #d9dee3;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}
        td:first-child{white-space:nowrap}
        th{background:#f3f5f7;font-weight:600}td.n,th.n{text-align:right;white-space:nowrap}
        td.better{color:#2e8b57;font-weight:600}td.worse,td.flag{color:#c0392b;font-weight:600}
        .tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px;margin:12px 0}
        .tile{border:1px solid #d9dee3;border-left:4px solid #9aa5b1;padding:8px 10px;break-inside:avoid}
        .tile.better{border-left-color:#2e8b57}.tile.worse{border-left-color:#c0392b}
        .tile .t{color:#6b7785;font-size:12px}.tile .v{font-size:22px;font-weight:600}.tile .d{font-size:12px;color:#3e4c59}
        .sentences li{margin:4px 0}
        figure{margin:12px 0;break-inside:avoid}svg.chart{width:100%;height:auto;max-width:760px;display:block}
        dl.defs dt{font-weight:600;margin-top:8px}dl.defs dd{margin:0 0 0 16px}
        @media print{
          body{font-size:11px}main{max-width:none;padding:0}
          section{break-before:page;page-break-before:always}section#summary{break-before:auto;page-break-before:auto}
          table,figure,.tile{break-inside:avoid;page-break-inside:avoid}
          h2,h3{break-after:avoid;page-break-after:avoid}
          th{background:none}
          @page{margin:14mm}
        }
        """
}
