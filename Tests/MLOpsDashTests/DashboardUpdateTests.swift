import MLOpsCore
@testable import MLOpsDash
import TerminalUI
import Testing

@Suite struct DashboardUpdateTests {
    func press(_ s: inout DashboardState, _ keys: Key...) -> [DashboardEffect] {
        keys.flatMap { DashboardUpdate.update(&s, .key($0)) }
    }

    @Test func digitsAndLettersSwitchScreens() {
        var s = DemoDashboard.state()
        _ = press(&s, .character("4"))
        #expect(s.screen == .maturity)
        _ = press(&s, .character("o"))
        #expect(s.screen == .triage)
        _ = press(&s, .character("d"))
        #expect(s.screen == .dataHealth)
        #expect(press(&s, .character("q")) == [.quit] && s.wantsQuit)
    }

    // MARK: - Focus

    @Test func tabMovesFocusBetweenPanelsAndNeverChangesTheScreen() {
        var s = DemoDashboard.state(.overview)
        #expect(s.focusedPanel(on: .overview) == .table)
        _ = press(&s, .tab)
        #expect(s.screen == .overview && s.focusedPanel(on: .overview) == .attention)
        _ = press(&s, .tab)
        #expect(s.screen == .overview && s.focusedPanel(on: .overview) == .table)
        _ = press(&s, .tab, .tab, .tab)
        #expect(s.screen == .overview && s.focusedPanel(on: .overview) == .attention)
    }

    @Test func shiftTabMovesFocusBack() {
        var s = DemoDashboard.state(.finance)
        _ = press(&s, .backTab)
        #expect(s.screen == .finance && s.focusedPanel(on: .finance) == .budgets)
        _ = press(&s, .backTab)
        #expect(s.focusedPanel(on: .finance) == .table)
        _ = press(&s, .tab, .backTab)
        #expect(s.focusedPanel(on: .finance) == .table)
    }

    @Test func focusIsKeptPerScreenWhenSwitchingAwayAndBack() {
        var s = DemoDashboard.state(.overview)
        _ = press(&s, .tab)                           // overview: attention
        _ = press(&s, .character("5"))
        #expect(s.focusedPanel(on: .finance) == .table)
        _ = press(&s, .tab)                           // finance: budgets
        _ = press(&s, .character("1"))
        #expect(s.screen == .overview && s.focusedPanel(on: .overview) == .attention)
        _ = press(&s, .character("5"))
        #expect(s.focusedPanel(on: .finance) == .budgets)
    }

    @Test func keysActOnTheFocusedPanelOnly() {
        var s = DemoDashboard.state(.product)
        _ = press(&s, .down)
        #expect(s.cursor(for: .product).selected == 1)
        _ = press(&s, .tab, .down, .down)
        #expect(s.cursor(for: .product, panel: .risks).selected == 2 && s.cursor(for: .product).selected == 1)
        let risky = DemoDashboard.data.snapshot.product.riskyDeployments[1].deployment
        _ = press(&s, .enter)
        guard case .fields(let title, _, _)? = s.overlay else { Issue.record("expected the deployment's fields"); return }
        #expect(title == "Deployment \(risky.id)")
        _ = press(&s, .escape, .tab, .down)
        #expect(s.cursor(for: .product).selected == 2 && s.cursor(for: .product, panel: .risks).selected == 2)
    }

    @Test func drillingFromAListAndBackKeepsItsFocus() throws {
        var s = DemoDashboard.state(.maintenance)
        _ = press(&s, .tab, .down, .enter)               // staffing is row 0; row 1 is the biggest category
        let category = DemoDashboard.data.snapshot.maintenance.byCategory[0].name
        // The work log is not held: Enter asks for its page, which the edge answers.
        let request = try #require(s.pendingPage)
        #expect(request.kind == .maintenance && request.category?.rawValue == category)
        let page = try DemoDashboard.store.recordPage(request)
        _ = DashboardUpdate.update(&s, .pageLoaded(page))
        #expect(s.drill.count == 1 && s.drill[0].table.title == "\(category): work log" && s.drill[0].table.rows.count == page.total)
        #expect(s.drill[0].table.rows.allSatisfy { $0.cells[3] == category })
        _ = press(&s, .tab)
        #expect(s.status == "no other panel · Esc goes back")
        _ = press(&s, .escape)
        #expect(s.drill.isEmpty && s.focusedPanel(on: .maintenance) == .categories && s.cursor(for: .maintenance, panel: .categories).selected == 1)
    }

    @Test func screensWithOneTableSayTabHasNowhereToGo() {
        var s = DemoDashboard.state(.velocity)
        _ = press(&s, .tab)
        #expect(s.screen == .velocity && s.focusedPanel(on: .velocity) == .table)
        #expect(s.status == "no other panel to focus here")
        for screen in Screen.allCases { #expect(screen.focusablePanels.contains(.table)) }
    }

    @Test func drillDownIntoRecordsAndBackKeepsTheSelection() {
        var s = DemoDashboard.state(.velocity)
        _ = press(&s, .down, .down)
        #expect(s.cursor(for: .velocity).selected == 2)
        let table = ScreenTables.table(for: .velocity, data: DemoDashboard.data)
        let model = table.rows[2].cells[0]
        _ = press(&s, .enter)
        #expect(s.drill.count == 1 && s.drill[0].table.title == "\(model): production deployments")
        _ = press(&s, .enter)  // a record: all its fields
        guard case .fields(let title, let lines, _)? = s.overlay else { Issue.record("expected the record's fields"); return }
        #expect(title.hasPrefix("Deployment ") && lines.contains { $0.hasPrefix("model") && $0.hasSuffix(model) })
        _ = press(&s, .escape, .escape)
        #expect(s.overlay == nil && s.drill.isEmpty && s.cursor(for: .velocity).selected == 2)
    }

    @Test func filterNarrowsTheTableAndEscapeClearsIt() {
        var s = DemoDashboard.state(.velocity)
        _ = press(&s, .character("/"), .character("s"), .character("e"), .character("a"), .enter)
        let c = s.cursor(for: .velocity)
        #expect(c.filter == "sea")
        let rows = ScreenTables.table(for: .velocity, data: DemoDashboard.data).arranged(filter: c.filter, sortColumn: nil, ascending: true)
        #expect(rows.map { $0.cells[0] } == ["search-ranker"])
        _ = press(&s, .escape)
        #expect(s.cursor(for: .velocity).filter == "")
    }

    @Test func sortingCyclesThroughColumnsAndSurvivesScreenSwitches() {
        var s = DemoDashboard.state(.finance)
        _ = press(&s, .character(">"), .character(">"), .character(">"))  // model ↑, model ↓, spend ↑
        let c = s.cursor(for: .finance)
        #expect(c.sortColumn == 1 && c.ascending)
        let rows = ScreenTables.table(for: .finance, data: DemoDashboard.data).arranged(filter: "", sortColumn: 1, ascending: true)
        let spends = rows.map { $0.sortKeys[1]! }
        #expect(spends == spends.sorted())
        _ = press(&s, .character("1"), .character("5"))
        #expect(s.cursor(for: .finance).sortColumn == 1)
    }

    // MARK: - S and a column letter

    @Test func sAndALetterSortsByThatColumnAndTheSameLetterReverses() {
        var s = DemoDashboard.state(.finance)
        _ = press(&s, .character("S"))
        #expect(s.overlay == .sortPrompt)
        _ = press(&s, .character("B"))
        #expect(s.overlay == nil && s.status == "sorted by Spend EUR ascending")
        var c = s.cursor(for: .finance)
        #expect(c.sortColumn == 1 && c.ascending)
        let spends = ScreenTables.table(for: .finance, data: DemoDashboard.data)
            .arranged(filter: "", sortColumn: c.sortColumn, ascending: c.ascending).map { $0.sortKeys[1]! }
        #expect(spends == spends.sorted())
        _ = press(&s, .character("S"), .character("b"))  // either case; the same column again reverses
        c = s.cursor(for: .finance)
        #expect(c.sortColumn == 1 && !c.ascending && s.status == "sorted by Spend EUR descending")
        _ = press(&s, .character("S"), .character("b"))
        #expect(s.cursor(for: .finance).ascending)
        _ = press(&s, .character("S"), .character("a"))  // another column starts ascending
        c = s.cursor(for: .finance)
        #expect(c.sortColumn == 0 && c.ascending)
        let models = ScreenTables.table(for: .finance, data: DemoDashboard.data)
            .arranged(filter: "", sortColumn: 0, ascending: true).map { $0.cells[0] }
        #expect(models == models.sorted())
    }

    @Test func sThenEscapeOrALetterWithNoColumnCancels() {
        var s = DemoDashboard.state(.finance)
        _ = press(&s, .down, .character("S"), .escape)
        #expect(s.overlay == nil && s.status == "sort cancelled")
        #expect(s.cursor(for: .finance).sortColumn == nil && s.cursor(for: .finance).selected == 1)
        _ = press(&s, .character("S"), .character("z"))  // Finance's table has columns A–E
        #expect(s.overlay == nil && s.status == "sort cancelled: no column Z" && s.cursor(for: .finance).sortColumn == nil)
        _ = press(&s, .character("S"), .down)
        #expect(s.status == "sort cancelled" && s.cursor(for: .finance).selected == 1)
    }

    @Test func sortFromSSurvivesDrillDownAndBack() {
        var s = DemoDashboard.state(.velocity)
        _ = press(&s, .character("S"), .character("c"), .character("S"), .character("c"), .down, .down)  // Deploys, most first
        let model = ScreenTables.table(for: .velocity, data: DemoDashboard.data).arranged(filter: "", sortColumn: 2, ascending: false)[2].cells[0]
        _ = press(&s, .enter)
        #expect(s.drill.count == 1 && s.drill[0].table.title == "\(model): production deployments")
        _ = press(&s, .character("S"), .character("a"))  // sorts the drill-down, not the screen's table
        #expect(s.drill[0].cursor.sortColumn == 0)
        _ = press(&s, .escape)
        let c = s.cursor(for: .velocity)
        #expect(s.drill.isEmpty && c.sortColumn == 2 && !c.ascending && c.selected == 2)
        _ = press(&s, .character("1"), .character("2"))
        #expect(s.cursor(for: .velocity) == c)
    }

    @Test func sSortsTheFocusedList() {
        var s = DemoDashboard.state(.overview)
        _ = press(&s, .tab, .character("S"), .character("a"), .character("S"), .character("a"))  // by urgency, least urgent first
        #expect(s.cursor(for: .overview, panel: .attention).sortColumn == 0 && s.cursor(for: .overview).sortColumn == nil)
        let rows = ScreenTables.table(.attention, on: .overview, data: DemoDashboard.data).arranged(filter: "", sortColumn: 0, ascending: false)
        #expect(rows.first?.urgency != .critical && rows.last?.urgency == .critical)
        _ = press(&s, .character("S"), .character("b"))
        #expect(s.status == "sort cancelled: no column B")
    }

    @Test func teamAndWindowPickersAskForAReload() {
        var s = DemoDashboard.state()
        _ = press(&s, .character("t"))
        guard case .picker(.team, let options, 0)? = s.overlay else { Issue.record("team picker"); return }
        #expect(options == ["(all teams)", "atlas", "beacon", "cobalt", "delta"])
        let beacon = SubjectFilter(team: "beacon")
        #expect(press(&s, .down, .down, .enter) == [.load(LoadRequest(id: 1, window: .lastDays(30), filter: beacon, reason: .selectionChanged))])
        #expect(s.filter == beacon)
        _ = press(&s, .character("w"))
        #expect(press(&s, .down, .enter) == [.load(LoadRequest(id: 2, window: .lastDays(90), filter: beacon, reason: .selectionChanged))])
        #expect(s.loading?.request.id == 2)
        #expect(s.window == .lastDays(90))
        _ = press(&s, .character("w"), .escape)
        #expect(s.overlay == nil && s.window == .lastDays(90))
    }

    @Test func commandLine() {
        var s = DemoDashboard.state()
        #expect(press(&s, .character(":"), .character("t"), .character("e"), .character("a"), .character("m"), .character(" "),
                      .character("a"), .character("t"), .character("l"), .character("a"), .character("s"), .enter)
                == [.load(LoadRequest(id: 1, window: .lastDays(30), filter: SubjectFilter(team: "atlas"), reason: .selectionChanged))])
        #expect(s.filter.team == "atlas")
        _ = press(&s, .character(":"))
        for ch in "window qtd" { _ = press(&s, .character(ch)) }
        #expect(press(&s, .enter) == [.load(LoadRequest(id: 2, window: .quarterToDate, filter: SubjectFilter(team: "atlas"), reason: .selectionChanged))])
        #expect(s.window == .quarterToDate)
        _ = press(&s, .character(":"))
        for ch in "theme neon" { _ = press(&s, .character(ch)) }
        #expect(press(&s, .enter) == [] && s.status == "unknown theme 'neon'; available: default, light, mono")
        _ = press(&s, .character(":"))
        for ch in "theme light" { _ = press(&s, .character(ch)) }
        _ = press(&s, .enter)
        #expect(s.themeName == "light")
        #expect(press(&s, .character(":"), .character("e"), .character("x"), .character("p"), .character("o"), .character("r"), .character("t"), .enter)
                == [.export(ExportRequest(id: 3, window: .quarterToDate, filter: SubjectFilter(team: "atlas")))])
    }

    @Test func helpSaveAndRefresh() {
        var s = DemoDashboard.state()
        _ = press(&s, .character("?"))
        #expect(s.overlay == .help)
        _ = press(&s, .escape)
        #expect(s.overlay == nil)
        #expect(press(&s, .control("s")) == [.saveScreen])
        #expect(press(&s, .character("r")) == [.load(LoadRequest(id: 1, window: .lastDays(30), filter: .organisation, reason: .refresh))])
        #expect(press(&s, .character("e")) == [.export(ExportRequest(id: 2, window: .lastDays(30), filter: .organisation))])
        // One export at a time: a second `e` while it runs says so and starts nothing.
        #expect(press(&s, .character("e")) == [] && s.status == "the report is still being exported")
    }
}
