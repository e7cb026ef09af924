import MLOpsCore
@testable import MLOpsDash
import TerminalUI
import Testing

/// Every screen on the demo data at a fixed clock, at 80×24 and 160×48, reviewed by eye once.
@Suite struct DashboardSnapshotTests {
    static let sizes = [(80, 24), (160, 48)]

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
        #expect(text.hasPrefix("Terminal too small: 60×20."))
    }

    @Test func helpAndDrillDownRender() {
        var s = DemoDashboard.state(.triage)
        _ = DashboardUpdate.update(&s, .key(.character("?")))
        #expect(DashboardView.render(s, width: 80, height: 24).text().contains("Ctrl-S     save this screen as plain text"))
        s.overlay = nil
        _ = DashboardUpdate.update(&s, .key(.enter))
        let detail = DashboardView.render(s, width: 100, height: 30).text()
        #expect(detail.contains("Incident inc-assistant-llm-latency") && detail.contains("acknowledged_at   2026-11-18T05:18:00Z"))
    }

    @Test func escapeSequencesInRecordsAreShownHarmlessly() {
        var data = DemoDashboard.data
        data.snapshot.triage.openIncidents[0].incident.title = "evil \u{1b}[2J\u{1b}]0;pwned\u{07} title"
        var s = DemoDashboard.state(.triage)
        _ = DashboardUpdate.update(&s, .loaded(data))
        let text = DashboardView.render(s, width: 120, height: 30).text()
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(text.contains("evil  title"))
    }
}
