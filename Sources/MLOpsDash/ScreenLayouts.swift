import MLOpsCore
import TerminalUI

/// One layout per screen: tiles and charts above, the screen's table below; 80×24 keeps
/// every key fact. Wide terminals (≥160×40) get two columns instead (`drawTwoColumns`).
enum ScreenLayouts {
    static func draw(_ screen: Screen, data: DashboardData, state: DashboardState, into b: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        if TwoColumnLayout.applies(to: area, mainMinimum: mainMinimumWidth(screen, state)) {
            drawTwoColumns(screen, data: data, state: state, into: &b, area: area, glyphs: glyphs)
            return
        }
        let s = data.snapshot
        let table = state.arrangedTable(.table, on: screen) ?? placeholder(PanelID(screen), data, state)
        let cursor = state.cursor(for: screen)
        let focused = state.focusedPanel(on: screen)
        var rest = area
        func take(_ h: Int) -> Rect {
            let r = Rect(x: rest.x, y: rest.y, width: rest.width, height: min(h, rest.height))
            rest = Rect(x: rest.x, y: rest.y + r.height, width: rest.width, height: rest.height - r.height)
            return r
        }
        /// A list beside the table, with its own cursor; it has the selection bar only while focused.
        func list(_ panel: ScreenPanel, _ area: Rect) {
            let arranged = state.arrangedTable(panel, on: screen) ?? placeholder(PanelID(screen, panel), data, state)
            DashboardView.drawTable(arranged, cursor: state.cursor(for: screen, panel: panel),
                                    focused: focused == panel, into: &b, area: area, glyphs: glyphs)
        }
        switch screen {
        case .overview:
            overviewTiles(data, take(3), take(3), &b, glyphs)
            list(.attention, take(min(6, max(3, s.attention.count + 2))))
        case .velocity:
            let v = s.velocity
            tiles(HeadlineMetric.velocityTiles(s), take(3), &b, glyphs)
            line(deploysTitle(v), v.weeklyDeployments, take(5), &b, glyphs, style: .accent, partial: partialWeeks(v.weeklyDeployments, s.window))
        case .maintenance:
            let m = s.maintenance
            tiles(HeadlineMetric.maintenanceTiles(s), take(3), &b, glyphs)
            let row = take(min(max(m.byTeam.count, 1) + 2, 6)).splitHorizontally(fractions: [0.6, 0.4])
            capacityBars(m, row[0], &b, glyphs)
            list(.categories, row[1])
        case .maturity:
            let assessments = [s.maturity.organisation] + s.maturity.teams
            gauges(assessments, take(min(assessments.count + 2, 7)), &b, glyphs)
        case .finance:
            let f = s.finance
            tiles(HeadlineMetric.financeTiles(s), take(3), &b, glyphs)
            let statuses = f.budgets + f.teamBudgets.filter(\.forecastOver)
            list(.budgets, take(min(max(statuses.count, 1) + 2, 5)))
        case .product:
            tiles(HeadlineMetric.productTiles(s), take(3), &b, glyphs)
            list(.risks, take(5))
        case .research:
            let r = s.research
            tiles(HeadlineMetric.researchTiles(s), take(3), &b, glyphs)
            let chart = take(4)
            line(runsTitle(r, width: chart.width, glyphs), r.weeklyRuns, chart, &b, glyphs, style: .accent, partial: partialWeeks(r.weeklyRuns, s.window))
        case .triage:
            summaryLine(s.triage, take(1), &b, glyphs)
        case .dataHealth:
            storeHealth(data, take(min(storeHealthLines(s).count + 2, 8)), &b, glyphs)
        }
        DashboardView.drawTable(table, cursor: cursor, focused: focused == .table, into: &b, area: rest, glyphs: glyphs,
                                columnLetters: focused == .table && state.overlay == .sortPrompt)
    }

    /// What a panel shows while its table is still being built in the background.
    static let building = ArrangedTable(DataTable(list: "…", rows: [], emptyMessage: "building this table…"))
    /// What a panel shows while its table is on its way: built in the background, or
    /// (the Overview's, between its two stages) waiting for the parts it is built from.
    static func placeholder(_ panel: PanelID, _ data: DashboardData, _ state: DashboardState) -> ArrangedTable {
        guard !data.isReady(for: panel) else { return building }
        // Nothing reads its parts any more (Esc stopped the load, or it failed): say how to get them.
        let message = state.loading == nil ? "not loaded · r loads it" : "loading…"
        let title = switch panel.panel {
        case .attention: ScreenTables.attentionName
        case .table where panel.screen == .overview: ScreenTables.overviewTableName
        default: "…"
        }
        return ArrangedTable(DataTable(list: title, rows: [], emptyMessage: message))
    }

    // MARK: - Building blocks

    /// The triage screen's one-line count of everything open, in the style of its worst item.
    static func summaryLine(_ t: Triage, _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet) {
        let open = t.openIncidents.count, sev1 = t.openIncidents.filter { $0.incident.severity == 1 }.count
        let unack = t.openIncidents.filter { !$0.acknowledged }.count
        let deploys = t.recentDeployments.count, suspects = t.recentDeployments.filter(\.isSuspect).count
        let failed = t.failedRuns.count, causes = Triage.failureGroups(t.failedRuns).count
        let hours = Format.compact(t.changeHours)
        // Fullest first; each shorter form drops words, never a count.
        let summary = TextTruncation.firstFitting([
            "\(Format.count(open, "open incident")) (\(sev1) sev-1, \(unack) unacknowledged) · \(Format.count(failed, "failed run")) (\(Format.count(causes, "cause"))) · \(Format.count(deploys, "prod deploy")) in \(hours) h (\(suspects) suspect) · \(Format.count(t.rollbacks.count, "rollback")) · \(Format.count(t.sloBreaches.count, "SLO breach", plural: "SLO breaches"))",
            "\(Format.count(open, "open incident")) (\(sev1) sev-1, \(unack) unack) · \(Format.count(failed, "failed run")) · \(Format.count(deploys, "deploy")) in \(hours) h (\(suspects) suspect) · \(Format.count(t.rollbacks.count, "rollback")) · \(Format.count(t.sloBreaches.count, "SLO breach", plural: "SLO breaches"))",
            "\(open) open (\(sev1) sev-1, \(unack) unack) · \(failed) failed · \(deploys) deploys (\(suspects) suspect) · \(Format.count(t.rollbacks.count, "rollback")) · \(Format.count(t.sloBreaches.count, "breach", plural: "breaches"))",
            "\(open) open (\(sev1) sev-1) · \(failed) failed · \(deploys) deploys (\(suspects) susp) · \(t.rollbacks.count) rb · \(t.sloBreaches.count) breaches",
        ], width: area.width - 2, ellipsis: glyphs.ellipsis)
        // Green only when nothing at all needs a look.
        let quiet = t.openIncidents.isEmpty && t.failedRuns.isEmpty && t.rollbacks.isEmpty && t.sloBreaches.isEmpty
            && t.costAnomalies.isEmpty && !t.recentDeployments.contains(where: \.isSuspect)
        let style: Style = t.openIncidents.contains { $0.incident.severity == 1 } ? .bold(.critical) : quiet ? .bold(.ok) : .bold(.warn)
        b.write(summary, x: area.x + 1, y: area.y, style: style, maxWidth: area.width - 2, glyphs: glyphs)
    }

    /// What the data-health panel says about the window: kinds without records, and what "Gaps" means.
    static func storeHealthLines(_ s: PlatformSnapshot) -> [String] {
        (s.missingKinds.isEmpty ? ["Every record kind has data in this window."] : s.missingKinds.map {
            "No \($0.rawValue) in this window → no data for: \(DataHealth.panels(needing: $0).joined(separator: ", "))"
        }) + ["Gaps: days between a kind's first and last day with no record of it."]
    }

    static func storeHealth(_ data: DashboardData, _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet) {
        text("Store \(data.health.storePath) · schema v\(data.health.schemaVersion)", storeHealthLines(data.snapshot), area, &b, glyphs,
             style: data.snapshot.missingKinds.isEmpty ? .ok : .warn)
    }

    static func deploysTitle(_ v: Velocity) -> String {
        "Production deploys per week · \(v.deployDays) deploy days, \(v.daysWithoutDeployments) days & \(v.weeksWithoutDeployments) weeks without"
    }

    /// The kinds' counts only when they fit whole: the table has them too.
    static func runsTitle(_ r: ResearchThroughput, width: Int, _ glyphs: GlyphSet) -> String {
        let kinds = r.byKind.filter { $0.count > 0 }.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: " ")
        return TextTruncation.firstFitting(["Runs per week · \(r.running) running now · " + kinds, "Runs per week · \(r.running) running now", "Runs per week"],
                                           width: width - Panel.titleChrome, ellipsis: glyphs.ellipsis)
    }

    static func capacityBars(_ m: MaintenanceLoad, _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet) {
        bars("Share of capacity by team · 50% cap", m.byTeam.map { ($0.team, ($0.share ?? 0) * 100, $0.overCap ? Style.bold(.critical) : Style.accent) },
             marker: 50, suffix: "%", area, &b, glyphs)
    }

    /// The Overview's eight tiles in two rows of four; those whose parts are still on their
    /// way show an ellipsis.
    static func overviewTiles(_ data: DashboardData, _ first: Rect, _ second: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet) {
        let metrics = HeadlineMetric.tiles(data.snapshot)
        tiles(Array(metrics.prefix(4)), first, &b, glyphs, ready: data.parts)
        tiles(Array(metrics.dropFirst(4).prefix(4)), second, &b, glyphs, ready: data.parts)
    }

    /// A tile whose family's parts are not in `ready` yet shows an ellipsis, not the empty
    /// family's value.
    static func tiles(_ metrics: [HeadlineMetric], _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet, ready: MetricsParts = .all) {
        guard !metrics.isEmpty, !area.isEmpty else { return }
        let cells = area.splitHorizontally(fractions: Array(repeating: 1.0 / Double(metrics.count), count: metrics.count))
        for (m, rect) in zip(metrics, cells) {
            guard ready.isSuperset(of: m.needs) else {
                KPITile(label: m.title, value: String(glyphs.ellipsis), unit: nil, delta: nil, trend: nil, direction: nil)
                    .render(into: &b, area: rect, glyphs: glyphs)
                continue
            }
            let v = m.value
            // A change that prints as ±0 is flat, as the summary says (docs/METRICS.md, Comparison).
            let shownFlat = Format.showsNoChange(v.delta, unit: v.unit)
            let trend: Trend? = v.judgement.map { shownFlat ? .neutral : $0 == .better ? .better : ($0 == .worse ? .worse : .neutral) }
            let direction: TrendDirection? = v.delta.map { shownFlat ? .flat : $0 > 0 ? .up : ($0 < 0 ? .down : .flat) }
            let delta = v.delta.map { Format.signed($0, unit: v.unit) + (m.band.map { " \($0.rawValue)" } ?? "") } ?? m.band?.rawValue
            KPITile(label: m.title, value: Format.value(v.current, unit: v.unit), unit: nil, delta: delta, trend: trend, direction: direction)
                .render(into: &b, area: rect, glyphs: glyphs)
        }
    }

    /// The overview's weekly series: label, points, style, and the parts its family is computed from.
    static func trendSeries(_ s: PlatformSnapshot) -> [(String, [WeeklyPoint], Style, MetricsParts)] {
        [("deploys", s.velocity.weeklyDeployments, .accent, .velocityParts), ("lead time h", s.velocity.weeklyLeadTimeHours, .warn, .velocityParts),
         ("change fail %", percent(s.velocity.weeklyChangeFailureRate), .critical, .velocityParts),
         ("maint share %", percent(s.maintenance.weeklyShare), .warn, .maintenanceParts), ("runs", s.research.weeklyRuns, .ok, .researchParts)]
    }

    /// One sparkline per series, each as wide as the panel allows, right after its label; with
    /// room for at least 5 rows each, a small line chart per series instead. A week the window
    /// cuts short is drawn muted, not as a collapse.
    /// A series whose family's parts are not in `ready` yet shows an ellipsis.
    static func trends(_ s: PlatformSnapshot, ready: MetricsParts, _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet) {
        let panel = Panel(title: "Weekly trends")
        panel.render(into: &b, area: area, glyphs: glyphs)
        let inner = panel.inner(area)
        let series = trendSeries(s)
        let anyPartial = series.contains { !partialWeeks($0.1, s.window).isEmpty }
        let room = inner.height - (anyPartial ? 1 : 0)
        if room / series.count >= 5 {
            var y = inner.y
            for (i, (label, points, style, needs)) in series.enumerated() {
                let band = room / series.count + (i < room % series.count ? 1 : 0)
                defer { y += band }
                guard ready.isSuperset(of: needs) else {
                    b.write("\(label) · \(glyphs.ellipsis)", x: inner.x, y: y, style: .muted, maxWidth: inner.width, glyphs: glyphs)
                    continue
                }
                let values = points.map(\.value)
                let head = "\(label) · latest \(Format.compact(values.last ?? nil)) · max \(Format.compact(values.compactMap { $0 }.max()))"
                b.write(head, x: inner.x, y: y, style: .muted, maxWidth: inner.width, glyphs: glyphs)
                let plot = Rect(x: inner.x, y: y + 1, width: inner.width, height: band - 1)
                if values.allSatisfy({ $0 == nil }) {
                    b.write("no data", x: plot.x, y: plot.y, style: .muted, glyphs: glyphs)
                } else {
                    let labels = i == series.count - 1 ? [points.first?.weekStart.iso8601 ?? "", points.last?.weekStart.iso8601 ?? ""] : []
                    LineChart(series: [LineSeries(name: label, values: values, style: style)], yLabelFormatter: { Format.compact($0) }, xLabels: labels,
                              partial: partialWeeks(points, s.window))
                        .render(into: &b, area: plot, glyphs: glyphs)
                }
            }
            if anyPartial { b.write("dim: a week the window cuts short", x: inner.x, y: inner.maxY - 1, style: .muted, maxWidth: inner.width, glyphs: glyphs) }
            return
        }
        for (i, (label, points, style, needs)) in series.enumerated() where i < inner.height {
            b.write(label.padding(14), x: inner.x, y: inner.y + i, style: .muted, glyphs: glyphs)
            guard ready.isSuperset(of: needs) else {
                b.write(String(glyphs.ellipsis), x: inner.x + 14, y: inner.y + i, style: .muted, glyphs: glyphs)
                continue
            }
            Sparkline(values: points.map(\.value), style: style, stretches: true, partial: partialWeeks(points, s.window))
                .render(into: &b, area: Rect(x: inner.x + 14, y: inner.y + i, width: max(0, inner.width - 14), height: 1), glyphs: glyphs)
        }
        if inner.height > series.count, anyPartial {
            b.write("dim: a week the window cuts short", x: inner.x, y: inner.y + series.count, style: .muted, maxWidth: inner.width, glyphs: glyphs)
        }
    }

    /// Indexes of the weeks that start before the window or end after it.
    static func partialWeeks(_ points: [WeeklyPoint], _ window: TimeWindow) -> Set<Int> {
        Set(points.indices.filter { i in
            points[i].weekStart.start < window.start || points[i].weekStart.advanced(by: 7).start > window.end
        })
    }

    static func line(_ title: String, _ points: [WeeklyPoint], _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet, style: Style,
                     partial: Set<Int> = []) {
        guard !area.isEmpty else { return }
        let panel = Panel(title: title)
        panel.render(into: &b, area: area, glyphs: glyphs)
        let inner = panel.inner(area)
        if points.allSatisfy({ $0.value == nil }) {
            b.write("no data", x: inner.x, y: inner.y, style: .muted, glyphs: glyphs)
        } else if inner.height >= 5 {
            LineChart(series: [LineSeries(name: title, values: points.map(\.value), style: style)], yLabelFormatter: { Format.compact($0) },
                      xLabels: [points.first.map { $0.weekStart.iso8601 } ?? "", points.last.map { $0.weekStart.iso8601 } ?? ""], partial: partial)
                .render(into: &b, area: inner, glyphs: glyphs)
        } else {
            let values = points.map(\.value)
            let label = "latest \(Format.compact(values.last ?? nil)) · max \(Format.compact(values.compactMap { $0 }.max()))"
            Sparkline(values: values, style: style, stretches: true, partial: partial)
                .render(into: &b, area: Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), glyphs: glyphs)
            if inner.height > 1 { b.write(label, x: inner.x, y: inner.y + 1, style: .muted, maxWidth: inner.width, glyphs: glyphs) }
        }
    }

    static func bars(_ title: String, _ items: [(String, Double, Style)], marker: Double?, suffix: String, _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet) {
        let panel = Panel(title: title)
        panel.render(into: &b, area: area, glyphs: glyphs)
        BarChart(items: items.map { (label: $0.0, value: $0.1, style: $0.2) }, valueFormatter: { Format.fixed($0, 0) + suffix },
                 marker: marker, maximum: max(100, items.map(\.1).max() ?? 0))
            .render(into: &b, area: panel.inner(area), glyphs: glyphs)
    }

    static func gauges(_ list: [MaturityAssessment], _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet) {
        // The strip's legend in the title, as much of it as fits.
        let panel = Panel(title: TextTruncation.firstFitting(
            ["Maturity 0–2 from evidence · L1 = level now, 0112 = level by month, oldest first",
             "Maturity 0–2 · L1 = now · 0112 = by month, oldest first", "Maturity 0–2 · L now · by month"],
            width: area.width - Panel.titleChrome))
        panel.render(into: &b, area: area, glyphs: glyphs)
        let inner = panel.inner(area)
        for (i, a) in list.enumerated() where i < inner.height {
            let history = a.history.map { $0.value.map { String(Int($0)) } ?? "·" }.joined()
            Gauge(value: a.progress ?? 0, maximum: 2, label: a.subject.padding(13),
                  style: a.level == 2 ? .ok : (a.level == 1 ? .accent : .warn),
                  valueText: "L\(a.level.map(String.init) ?? "–") \(history)")
                .render(into: &b, area: Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1), glyphs: glyphs)
        }
    }

    static func text(_ title: String, _ lines: [String], _ area: Rect, _ b: inout ScreenBuffer, _ glyphs: GlyphSet, style: Style = .text) {
        guard !area.isEmpty else { return }
        let panel = Panel(title: title)
        panel.render(into: &b, area: area, glyphs: glyphs)
        TextBlock(lines: lines.map { ($0, style) }).render(into: &b, area: panel.inner(area), glyphs: glyphs)
    }
}
