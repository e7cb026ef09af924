import MLOpsCore
@testable import MLOpsDash
import TerminalUI
import Testing

/// Wide terminals (≥160×40) put the screen's table on the left, down to the status line, and
/// the other panels stacked on the right; smaller ones keep one column (their snapshots at
/// 80×24 and 120×40 are the one-column layout's).
@Suite struct TwoColumnLayoutTests {
    static let wideSizes = [(200, 60), (160, 48), (240, 70)]

    /// The body between the tab bar and the status line, as DashboardView gives it.
    static func body(_ width: Int, _ height: Int) -> Rect { Rect(x: 0, y: 1, width: width, height: height - 2) }

    static func plan(_ state: DashboardState, _ width: Int, _ height: Int) -> (TwoColumnPlan, ScreenBuffer) {
        var buffer = ScreenBuffer(width: width, height: height)
        let plan = ScreenLayouts.drawTwoColumns(state.screen, data: state.data!, state: state, into: &buffer, area: body(width, height), glyphs: .unicode)
        return (plan, buffer)
    }

    @Test func theRuleIs160ColumnsAnd40Rows() {
        #expect(TwoColumnLayout.applies(to: Self.body(160, 42)))
        #expect(!TwoColumnLayout.applies(to: Self.body(159, 60)))
        #expect(!TwoColumnLayout.applies(to: Self.body(200, 41)))  // a 39-row body
        #expect(!TwoColumnLayout.applies(to: Self.body(120, 40)))
    }

    @Test func theTableTakesTheWidthItNeedsWithinLimits() {
        let area = Rect(x: 0, y: 1, width: 200, height: 58)
        // A narrow table keeps 80 columns; the side column gets the other 120.
        #expect(TwoColumnLayout.columns(area, mainNeeds: 52).main == Rect(x: 0, y: 1, width: 80, height: 58))
        #expect(TwoColumnLayout.columns(area, mainNeeds: 52).side == Rect(x: 80, y: 1, width: 120, height: 58))
        #expect(TwoColumnLayout.columns(area, mainNeeds: 100).main.width == 100)
        // A wide one stops where the side column would get less than 40% (80 of 200).
        #expect(TwoColumnLayout.columns(area, mainNeeds: 150).main.width == 120)
        // At 160, 40% is 64, under the side column's floor of 72.
        #expect(TwoColumnLayout.columns(Rect(x: 0, y: 1, width: 160, height: 46), mainNeeds: 150).side.width == 72)
    }

    @Test func theSideColumnIsSharedByContentThenByCharts() {
        func panel(_ minimum: Int, content: Int?) -> SidePanel {
            SidePanel(name: "p", minimumWidth: 40, minimumHeight: minimum, contentHeight: content) { _, _ in }
        }
        let column = Rect(x: 80, y: 7, width: 120, height: 52)
        // A 5-row list (7 with borders) and a chart: the chart takes the other 45.
        #expect(TwoColumnLayout.stack([panel(3, content: 7), panel(8, content: nil)], in: column).map(\.height) == [7, 45])
        // A list of 40 stops at two thirds of the column while a chart waits.
        #expect(TwoColumnLayout.stack([panel(3, content: 42), panel(7, content: nil)], in: column).map(\.height) == [34, 18])
        // Two charts share evenly, the odd row to the first.
        #expect(TwoColumnLayout.stack([panel(7, content: nil), panel(7, content: nil)], in: Rect(x: 0, y: 0, width: 80, height: 15)).map(\.height) == [8, 7])
        // No chart: the lists take their content, the last one the rest.
        let lists = TwoColumnLayout.stack([panel(3, content: 5), panel(3, content: 5)], in: Rect(x: 0, y: 0, width: 80, height: 30))
        #expect(lists.map(\.height) == [5, 25] && lists.map(\.y) == [0, 5])
    }

    /// Every side panel at least as wide and tall as its minimum, the side column filled from top
    /// to bottom without overlap, the table beside it down to the status line.
    @Test(arguments: Screen.allCases)
    func everyPanelGetsItsMinimum(_ screen: Screen) {
        for (w, h) in Self.wideSizes {
            let state = DemoDashboard.state(screen)
            guard TwoColumnLayout.applies(to: Self.body(w, h), mainMinimum: ScreenLayouts.mainMinimumWidth(screen, state)) else {
                #expect(screen == .triage && w == 160, "only triage at 160 keeps one column, not \(screen) at \(w)x\(h)")
                continue
            }
            let (plan, _) = Self.plan(state, w, h)
            let body = Self.body(w, h)
            #expect(plan.main.x == 0 && plan.main.maxY == body.maxY && plan.main.width >= ScreenLayouts.mainMinimumWidth(screen, state), "\(screen) \(w)x\(h)")
            #expect(!plan.side.isEmpty, "\(screen) has a second column")
            var y = plan.main.y
            for (panel, area) in plan.side {
                #expect(area.width >= panel.minimumWidth, "\(screen) \(w)x\(h): \(panel.name) is \(area.width) wide, needs \(panel.minimumWidth)")
                #expect(area.height >= panel.minimumHeight, "\(screen) \(w)x\(h): \(panel.name) is \(area.height) tall, needs \(panel.minimumHeight)")
                #expect(area.x == plan.main.maxX && area.maxX == w && area.y == y, "\(screen) \(w)x\(h): \(panel.name) at \(area)")
                y = area.maxY
            }
            #expect(y == body.maxY, "\(screen) \(w)x\(h): the side column ends at \(y), the body at \(body.maxY)")
        }
    }

    /// With more rows than fit, the table shows rows down to its bottom border: at most a couple
    /// of blank rows at 200×60 (none, in fact).
    @Test(arguments: Screen.allCases)
    func theTableFillsTheHeight(_ screen: Screen) {
        var state = DemoDashboard.state(screen)
        let id = PanelID(screen, .table)
        var table = state.arrangedTable(.table, on: screen)!.table
        let rows = table.rows
        #expect(!rows.isEmpty, "\(screen) has rows to repeat")
        table.rows = (0..<(120 / max(rows.count, 1) + 1)).flatMap { _ in rows }
        state.tables[id] = ArrangedTable(table)
        let (plan, buffer) = Self.plan(state, 200, 60)
        let lines = buffer.lines().map(Array.init)
        let inside = (plan.main.y + 1)..<(plan.main.maxY - 1)
        let blank = inside.filter { y in lines[y][(plan.main.x + 1)..<(plan.main.maxX - 1)].allSatisfy { $0 == " " } }
        #expect(blank.count <= 2, "\(screen): \(blank.count) blank rows in the table at 200x60")
        // The table has the focus, so its bottom border says where the cursor is, of how many.
        let bottom = String(lines[plan.main.maxY - 1])
        #expect(bottom.contains(" 1/\(table.rows.count) "), "\(screen): \(bottom.prefix(plan.main.width))")
    }

    /// At 160 columns the on-call table needs its full width (118 on the demo) for the detail
    /// and next step: the preview would leave it 88, so the screen keeps one column there.
    @Test func triageKeepsOneColumnUntilItsTableFitsWhole() {
        let s = DemoDashboard.state(.triage)
        #expect(ScreenLayouts.mainMinimumWidth(.triage, s) == 118)
        #expect(ScreenLayouts.mainMinimumWidth(.overview, s) == 80)
        let narrow = DashboardView.render(s, width: 160, height: 48).lines()
        #expect(narrow.contains { $0.contains("assistant-llm p95 over 6 s, timeouts in checkout chat  revert to v15") })
        #expect(!narrow.contains { $0.contains("what changed, runs, serving") })
        #expect(TwoColumnLayout.applies(to: Self.body(190, 48), mainMinimum: 118))  // 190 − 72 = 118
        #expect(!TwoColumnLayout.applies(to: Self.body(189, 48), mainMinimum: 118))
        // There the table takes its 118 from the side column's 40% (76), down to the side's 72.
        #expect(TwoColumnLayout.columns(Self.body(190, 48), mainNeeds: 118, mainMinimum: 118).main.width == 118)
        #expect(TwoColumnLayout.columns(Self.body(190, 48), mainNeeds: 118).main.width == 114)
    }

    @Test func triageShowsTheSelectedRowBesideTheTable() {
        var s = DemoDashboard.state(.triage)
        var text = DashboardView.render(s, width: 200, height: 60).text()
        #expect(text.contains("inc-assistant-llm-latency: what changed, runs, serving (6)"))
        #expect(text.contains("SUSPECT dep roll back to v15"))
        _ = DashboardUpdate.update(&s, .key(.down))
        text = DashboardView.render(s, width: 200, height: 60).text()
        #expect(!text.contains("inc-assistant-llm-latency: what changed") && text.contains("(Enter opens it)"))
    }
}
