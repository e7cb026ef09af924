import MLOpsCore
@testable import MLOpsDash
import TerminalUI
import SnapshotSupport
import Testing

/// Every screen on the demo data at a fixed clock, at 80×24, 120×40 (one column of panels),
/// 160×48 and 200×60 (two columns: see TwoColumnLayout), reviewed by eye once.
@Suite struct DashboardSnapshotTests {
    static let sizes = [(80, 24), (120, 40), (160, 48), (200, 60)]

    @Test(arguments: Screen.allCases)
    func screen(_ screen: Screen) {
        for (w, h) in Self.sizes {
            let buffer = DashboardView.render(DemoDashboard.state(screen), width: w, height: h)
            assertSnapshot(buffer, named: "\(screen.rawValue)-\(screen)-\(w)x\(h)")
        }
    }

    @Test func asciiOverview() {
        var s = DemoDashboard.state(.overview)
        s.ascii = true
        let text = DashboardView.render(s, width: 80, height: 24).text()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        assertSnapshot(DashboardView.render(s, width: 80, height: 24), named: "overview-ascii-80x24")
    }

    @Test func tooSmallSaysSo() {
        let text = DashboardView.render(DemoDashboard.state(), width: 60, height: 20).text()
        #expect(text.hasPrefix("Terminal too small: 60x20."))
    }

    @Test func helpAndDrillDownRender() {
        var s = DemoDashboard.state(.triage)
        _ = DashboardUpdate.update(&s, .key(.character("?")))
        let help = DashboardView.render(s, width: 80, height: 24).text()
        #expect(help.contains("Ctrl-S     save this screen as plain text"))
        #expect(help.contains("Tab S-Tab  next / previous panel; keys act on the focused one"))
        #expect(help.contains("S A–Z      sort by column A, B, … (the same letter again: reverse)"))
        #expect(HelpText.lines.allSatisfy { $0.count <= HelpText.width - 4 })  // border and padding: nothing is cut
        s.overlay = nil
        // The first row, the sev-1, opens its context: the suspect deploy with the version to roll back to, runs, serving.
        _ = DashboardUpdate.update(&s, .key(.enter))
        let context = DashboardView.render(s, width: 100, height: 30).text()
        #expect(context.contains("inc-assistant-llm-latency: what changed, runs, serving"))
        #expect(context.contains("SUSPECT dep") && context.contains("roll back to"))
        #expect(context.contains("runs of the last 7 days") && context.contains("8 serving days"))
        _ = DashboardUpdate.update(&s, .key(.enter))
        let detail = DashboardView.render(s, width: 100, height: 30).text()
        #expect(detail.contains("Incident inc-assistant-llm-latency") && detail.contains("acknowledged_at   2026-11-18T05:18:00Z"))
        #expect(detail.contains("suspects"))
    }

    @Test func focusedPanelHasTheAccentBorderAndTheOnlySelectionBar() {
        var s = DemoDashboard.state(.overview)
        func rows(_ buffer: ScreenBuffer) -> (attention: Int, teams: Int) {
            let lines = buffer.lines()
            return (lines.firstIndex { $0.contains("Needs attention (") }!, lines.firstIndex { $0.contains("Teams (") }!)
        }
        func selectionRows(_ buffer: ScreenBuffer) -> [Int] {
            (0..<buffer.height).filter { y in (0..<buffer.width).contains { buffer[$0, y].style.role == .selection } && y > 0 }
        }
        var buffer = DashboardView.render(s, width: 80, height: 24)
        var (attention, teams) = rows(buffer)
        #expect(buffer[0, teams].style.role == .accent && buffer[0, attention].style.role == .border)
        #expect(selectionRows(buffer) == [teams + 2])
        _ = DashboardUpdate.update(&s, .key(.tab))
        buffer = DashboardView.render(s, width: 80, height: 24)
        (attention, teams) = rows(buffer)
        #expect(buffer[0, attention].style.role == .accent && buffer[0, teams].style.role == .border)
        #expect(selectionRows(buffer) == [attention + 1])  // a list has no header row
    }

    @Test func pendingSortShowsColumnLettersAndAsksInTheStatusLine() {
        var s = DemoDashboard.state(.finance)
        _ = DashboardUpdate.update(&s, .key(.character("S")))
        assertSnapshot(DashboardView.render(s, width: 80, height: 24), named: "5-finance-sort-prompt-80x24")
        let wide = DashboardView.render(s, width: 160, height: 48).lines()
        #expect(wide.contains { $0.contains("A Model") && $0.contains("B Spend") && $0.contains("E EUR/1") })
        #expect(wide.last!.hasSuffix("sort by column: A–E · Esc cancels "))
        _ = DashboardUpdate.update(&s, .key(.escape))
        let after = DashboardView.render(s, width: 160, height: 48).lines()
        #expect(!after.contains { $0.contains("A Model") } && after.last!.hasSuffix("sort cancelled "))
    }

    @Test func escapeSequencesInRecordsAreShownHarmlessly() {
        var data = DemoDashboard.data
        data.snapshot.triage.openIncidents[0].incident.title = "evil \u{1b}[2J\u{1b}]0;pwned\u{07} title"
        var s = DemoDashboard.state(.triage)
        _ = DashboardUpdate.update(&s, .loaded(data))
        let text = DashboardView.render(s, width: 120, height: 30).text()
        #expect(!text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) })
        #expect(text.contains("evil ␛[2J␛]0;pwned␇ title"))
    }
}
