import MLOpsCore
import TerminalUI

/// Where the two-column layout put a screen's panels: what the tests check.
struct TwoColumnPlan {
    var main: Rect
    var side: [(panel: SidePanel, area: Rect)]
}

extension ScreenLayouts {
    /// Wide terminals (`TwoColumnLayout`): the tiles or summary line across the top, then the
    /// screen's table on the left, down to the status line, and the screen's other panels
    /// stacked on the right, each as tall as its content or its share of the column.
    @discardableResult
    static func drawTwoColumns(_ screen: Screen, data: DashboardData, state: DashboardState, into b: inout ScreenBuffer, area: Rect,
                               glyphs: GlyphSet) -> TwoColumnPlan {
        let s = data.snapshot
        let table = state.arrangedTable(.table, on: screen) ?? placeholder(PanelID(screen), data, state)
        let cursor = state.cursor(for: screen)
        let focused = state.focusedPanel(on: screen)
        let mainNeeds = DashboardView.panelWidth(fitting: table.table), mainMinimum = mainMinimumWidth(screen, state)
        var rest = area
        func take(_ h: Int) -> Rect {
            let r = Rect(x: rest.x, y: rest.y, width: rest.width, height: min(h, rest.height))
            rest = Rect(x: rest.x, y: rest.y + r.height, width: rest.width, height: rest.height - r.height)
            return r
        }
        /// A focusable list; it has the selection bar only while focused.
        func list(_ panel: ScreenPanel, minimumWidth: Int = 60) -> SidePanel {
            let arranged = state.arrangedTable(panel, on: screen) ?? placeholder(PanelID(screen, panel), data, state)
            return SidePanel(name: arranged.table.title, minimumWidth: minimumWidth, minimumHeight: 3, contentHeight: max(arranged.rows.count, 1) + 2) { b, r in
                DashboardView.drawTable(arranged, cursor: state.cursor(for: screen, panel: panel), focused: focused == panel, into: &b, area: r, glyphs: glyphs)
            }
        }
        func chart(_ title: String, _ points: [WeeklyPoint], style: Style, partial: Bool = true) -> SidePanel {
            SidePanel(name: title, minimumWidth: 40, minimumHeight: 7, contentHeight: nil) { b, r in
                line(title, points, r, &b, glyphs, style: style, partial: partial ? partialWeeks(points, s.window) : [])
            }
        }
        let side: [SidePanel]
        switch screen {
        case .overview:
            overviewTiles(data, take(3), take(3), &b, glyphs)
            side = [list(.attention),
                    SidePanel(name: "Weekly trends", minimumWidth: 40, minimumHeight: trendSeries(s).count + 3, contentHeight: nil) { b, r in
                        trends(s, ready: data.parts, r, &b, glyphs)
                    }]
        case .velocity:
            let v = s.velocity
            tiles(HeadlineMetric.velocityTiles(s), take(3), &b, glyphs)
            side = [chart(deploysTitle(v), v.weeklyDeployments, style: .accent),
                    chart("Median lead time per week (hours)", v.weeklyLeadTimeHours, style: .warn)]
        case .maintenance:
            let m = s.maintenance
            tiles(HeadlineMetric.maintenanceTiles(s), take(3), &b, glyphs)
            side = [SidePanel(name: "Share of capacity by team", minimumWidth: 50, minimumHeight: 3, contentHeight: max(m.byTeam.count, 1) + 2) { b, r in
                        capacityBars(m, r, &b, glyphs)
                    },
                    list(.categories),
                    chart("Maintenance share of capacity per week (%)", percent(m.weeklyShare), style: .warn)]
        case .maturity:
            let assessments = [s.maturity.organisation] + s.maturity.teams
            let rows = table.rows
            let subject = rows.isEmpty ? nil : rows[min(cursor.selected, rows.count - 1)].cells[0]
            let lines = evidence(s.maturity, subject: subject)
            side = [SidePanel(name: "Maturity 0–2", minimumWidth: 60, minimumHeight: 3, contentHeight: assessments.count + 2) { b, r in
                        gauges(assessments, r, &b, glyphs)
                    },
                    SidePanel(name: "Evidence", minimumWidth: 60, minimumHeight: 4, contentHeight: lines.count + 2) { b, r in
                        text("Evidence: \(subject ?? "–")", lines, r, &b, glyphs)
                    }]
        case .finance:
            let f = s.finance
            tiles(HeadlineMetric.financeTiles(s), take(3), &b, glyphs)
            side = [list(.budgets),
                    chart("Daily spend" + (f.currency.map { " (\($0))" } ?? ""), f.daily.map { WeeklyPoint(weekStart: $0.day, value: $0.amount) }, style: .accent, partial: false)]
        case .product:
            tiles(HeadlineMetric.productTiles(s), take(3), &b, glyphs)
            side = [list(.risks),
                    chart("Change failure rate per week (%)", percent(s.velocity.weeklyChangeFailureRate), style: .critical)]
        case .research:
            let r = s.research
            tiles(HeadlineMetric.researchTiles(s), take(3), &b, glyphs)
            let months = r.modelsTrainedPerMonth.map { "\($0.month)  \(Format.compact($0.value))" }
                + ["idea to production (median): \(Format.value(r.ideaToProductionMedianDays.current, unit: .days))"]
            let width = TwoColumnLayout.columns(rest, mainNeeds: mainNeeds, mainMinimum: mainMinimum).side.width
            side = [chart(runsTitle(r, width: width, glyphs), r.weeklyRuns, style: .accent),
                    SidePanel(name: "Models trained per month", minimumWidth: 40, minimumHeight: 3, contentHeight: months.count + 2) { b, r in
                        text("Models trained per month", months, r, &b, glyphs)
                    }]
        case .triage:
            summaryLine(s.triage, take(1), &b, glyphs)
            side = [selectedRow(table, cursor: cursor, glyphs)]
        case .dataHealth:
            side = [SidePanel(name: "Store", minimumWidth: 60, minimumHeight: 3, contentHeight: storeHealthLines(s).count + 2) { b, r in
                        storeHealth(data, r, &b, glyphs)
                    },
                    selectedRow(table, cursor: cursor, glyphs)]
        }
        let (main, column) = TwoColumnLayout.columns(rest, mainNeeds: mainNeeds, mainMinimum: mainMinimum)
        let placed = Array(zip(side, TwoColumnLayout.stack(side, in: column)))
        for (panel, r) in placed { panel.draw(&b, r) }
        DashboardView.drawTable(table, cursor: cursor, focused: focused == .table, into: &b, area: main, glyphs: glyphs,
                                columnLetters: focused == .table && state.overlay == .sortPrompt)
        return TwoColumnPlan(main: main, side: placed.map { (panel: $0.0, area: $0.1) })
    }

    /// The narrowest the screen's table may be beside a side column. On-call triage's table is
    /// the screen (its detail and next step say what to do), and its side column only previews
    /// a row, so it keeps one column until the table fits whole beside the preview.
    static func mainMinimumWidth(_ screen: Screen, _ state: DashboardState) -> Int {
        guard screen == .triage, let table = state.arrangedTable(.table, on: screen) else { return TwoColumnLayout.mainMinimumWidth }
        return DashboardView.panelWidth(fitting: table.table)
    }

    /// What Enter on the table's selected row would open, shown beside it without a key
    /// (as lazygit shows the selected commit): a record's fields, or the records behind a row.
    static func selectedRow(_ table: ArrangedTable, cursor: TableCursor, _ glyphs: GlyphSet) -> SidePanel {
        let rows = table.rows
        let drill = rows.isEmpty ? nil : rows[min(cursor.selected, rows.count - 1)].drill
        return SidePanel(name: "Selected row", minimumWidth: 60, minimumHeight: 4, contentHeight: nil) { b, r in
            switch drill {
            case .table(let t)?:
                DashboardView.drawTable(ArrangedTable(t), cursor: TableCursor(), focused: false, into: &b, area: r, glyphs: glyphs,
                                        titleSuffixes: ["  (Enter opens it)"])
            case .fields(let title, let fields)?:
                let width = fields.map { DisplayWidth.of($0.0) }.max() ?? 0
                text(title + "  (Enter opens it)", fields.map { $0.0.padding(width) + "  " + $0.1 }, r, &b, glyphs)
            case .query(let request)?:
                text("Selected row", ["Enter reads its \(request.kind.rawValue) records"], r, &b, glyphs, style: .muted)
            case nil:
                text("Selected row", [rows.isEmpty ? "no row selected" : "nothing behind this row"], r, &b, glyphs, style: .muted)
            }
        }
    }

    /// The evidence behind one subject's maturity level, met or not, and its level by month.
    static func evidence(_ m: MaturityOverview, subject: String?) -> [String] {
        guard let a = ([m.organisation] + m.teams + m.models).first(where: { $0.subject == subject }) else { return [] }
        return a.evidence.map { "\($0.met ? "✓" : "✗") L\($0.level) \($0.title.padding(34)) \($0.detail)" }
            + ["history: " + a.history.map { $0.value.map { String(Int($0)) } ?? "·" }.joined()]
    }

    /// Shares as percentages, for a chart whose axis reads 35 rather than 0.35.
    static func percent(_ points: [WeeklyPoint]) -> [WeeklyPoint] {
        points.map { WeeklyPoint(weekStart: $0.weekStart, value: $0.value.map { $0 * 100 }) }
    }
}
