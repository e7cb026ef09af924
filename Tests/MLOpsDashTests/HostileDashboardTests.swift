import HostileRecords
import MLOpsCore
@testable import MLOpsDash
import MLOpsSampleData
import MLOpsStore
import SnapshotSupport
import TerminalUI
import Testing
import Foundation

/// The demo with hostile names (OSC 52, CSI, BEL, C1, RLO, CR/LF, ZWJ emoji, a flag, CJK,
/// a combining mark) on every screen at 80×24: controls show as pictures, every row is
/// exactly 80 columns, and a wide cluster always has its continuation cell.
@Suite struct HostileDashboardTests {
    static let data: DashboardData = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlops-dash-hostile-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try! Store.create(at: dir.appendingPathComponent("hostile.sqlite").path)
        try! store.insert(HostileOrganisation.generate(), now: DemoOrganisation.now, source: "hostile")
        return DemoDashboard.load(store, shownAs: "hostile.sqlite")
    }()

    static func state(_ screen: Screen) -> DashboardState {
        var s = DashboardState(window: .lastDays(30), availableThemes: ["default"])
        _ = DashboardUpdate.update(&s, .loaded(data))
        s.screen = screen
        return s
    }

    @Test(arguments: Screen.allCases)
    func everyScreenIsInertAndAligned(_ screen: Screen) {
        let buffer = DashboardView.render(Self.state(screen), width: 80, height: 24)
        for y in 0..<buffer.height {
            // Every row covers exactly 80 columns: no cluster was measured wrong.
            #expect(DisplayWidth.of(buffer.lines()[y]) == 80, "row \(y): \(buffer.lines()[y])")
            for x in 0..<buffer.width {
                let cell = buffer[x, y]
                #expect(HostileOrganisation.isInert(String(cell.character)) && cell.character != "\n", "cell \(x),\(y)")
                // A wide cell is followed by its continuation, and a continuation follows a wide cell.
                let wide = DisplayWidth.of(cell.character) == 2 && !cell.isContinuation
                #expect(wide == (x + 1 < buffer.width && buffer[x + 1, y].isContinuation), "cell \(x),\(y) \(cell.character)")
            }
        }
        assertSnapshot(buffer, named: "hostile-\(screen.rawValue)-\(screen)-80x24")
    }

    @Test func namesShowTheirControlsAsPictures() {
        let maturity = DashboardView.render(Self.state(.maturity), width: 120, height: 40).text()
        #expect(maturity.contains("atlas␛]52;c;aGk=␇␛[2J"))
        #expect(maturity.contains("⟨RLO⟩tlaboc␛[31m"))
        #expect(maturity.contains("delta␍␊ALL CLEAR␇"))
        #expect(maturity.contains("=cmd|' /C calc'!A0"))
        let finance = DashboardView.render(Self.state(.finance), width: 120, height: 40).text()
        #expect(finance.contains("👨\u{200d}👩\u{200d}👧\u{200d}👦-ranker"))
        #expect(finance.contains("🇯🇵検索-cafe\u{301}"))
    }
}
