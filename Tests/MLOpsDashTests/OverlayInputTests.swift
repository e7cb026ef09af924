import MLOpsCore
@testable import MLOpsDash
import TerminalUI
import Testing

/// `/` filters while you type; `:` lists what it accepts and Tab completes it.
@Suite struct OverlayInputTests {
    func press(_ s: inout DashboardState, _ keys: Key...) {
        for k in keys { _ = DashboardUpdate.update(&s, .key(k)) }
    }

    @Test func theTableFiltersAsYouTypeAndEscClearsIt() {
        var s = DemoDashboard.state(.velocity)
        press(&s, .character("/"), .character("s"), .character("e"))
        // Nothing applied yet by Enter, but the table already shows only matching rows.
        #expect(DashboardUpdate.activeTable(s)?.cursor.filter == "se")
        let rows = DashboardUpdate.activeTable(s)!.table.arranged(filter: "se", sortColumn: nil, ascending: true)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.cells.contains { $0.lowercased().contains("se") } })
        press(&s, .backspace)
        #expect(DashboardUpdate.activeTable(s)?.cursor.filter == "s")
        press(&s, .enter)
        #expect(s.overlay == nil && DashboardUpdate.activeTable(s)?.cursor.filter == "s")
        press(&s, .character("/"), .character("x"), .escape)
        #expect(s.overlay == nil && DashboardUpdate.activeTable(s)?.cursor.filter == "")
    }

    @Test func tabCompletesCommandsAndTheirArguments() {
        let teams = ["atlas", "beacon", "cobalt", "delta"], models = ["search-ranker", "spell-correct"]
        func complete(_ t: String) -> String { CommandCompletion.complete(t, teams: teams, models: models, themes: ["default", "light"]) }
        #expect(complete("te") == "team ")
        #expect(complete("t") == "t")              // team and theme: nothing in common past "t"
        #expect(complete("th") == "theme ")
        #expect(complete("ex") == "export")
        #expect(complete("team b") == "team beacon")
        #expect(complete("model s") == "model s")  // two models share only "s"
        #expect(complete("model se") == "model search-ranker")
        #expect(complete("window 9") == "window 90d")
        #expect(complete("frob") == "frob")
        #expect(CommandCompletion.candidates("", teams: teams, models: models, themes: []) == CommandCompletion.commands)
    }

    @Test func theCommandLineShowsWhatItAccepts() {
        var s = DemoDashboard.state(.overview)
        press(&s, .character(":"), .character("t"))
        let line = DashboardView.render(s, width: 80, height: 24).lines().last!
        #expect(line.hasPrefix(":t") && line.contains("team · theme") && line.contains("(Tab completes)"))
        press(&s, .tab, .character("e"), .character("a"), .tab)
        #expect(s.overlay == .commandLine("team "))  // "tea" + Tab
    }
}
