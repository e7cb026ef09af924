import Foundation
import MLOpsCore
@testable import MLOpsDash
import TerminalUI
import Testing

/// At the smallest size the dashboard accepts, 80×24, nothing that says where you are or
/// what a column is may be cut: the tab bar, the status line, panel titles and table
/// headers abbreviate by rule instead. Data cells may still end in "…".
@Suite struct SmallTerminalTests {
    /// The rows of `buffer` that are chrome: the tab bar, the status line, every row drawn
    /// in the header style (table headers) and every panel's top border (its title).
    static func chromeLines(_ buffer: ScreenBuffer) -> [String] {
        let lines = buffer.lines()
        return lines.indices.filter { y in
            y == 0 || y == buffer.height - 1 || (0..<buffer.width).contains { buffer[$0, y].style.role == .header }
                || lines[y].contains("┌─") || lines[y].contains("+-")
        }.map { lines[$0] }
    }

    static func cut(_ buffer: ScreenBuffer) -> [String] {
        chromeLines(buffer).filter { $0.contains("…") || $0.contains("...") }
    }

    @Test(arguments: Screen.allCases)
    func everyScreenFits(_ screen: Screen) {
        let buffer = DashboardView.render(DemoDashboard.state(screen), width: 80, height: 24)
        #expect(Self.cut(buffer) == [], "\(screen)")
        // The clock and the window stay on the status line at 80 columns.
        #expect(buffer.lines().last!.contains("30d (") && buffer.lines().last!.contains("? help"))
    }

    @Test func theActiveFilterIsAlwaysOnTheStatusLine() {
        var s = DemoDashboard.state(.triage)
        s.cursors[PanelID(.triage, .table), default: TableCursor()].filter = "assistant-llm"
        let status = DashboardView.render(s, width: 80, height: 24).lines().last!
        #expect(status.contains("filter \"assistant-llm\""))
        #expect(!status.contains("…"))
    }

    @Test func aDrillDownTitleKeepsItsHintsShortRatherThanCut() {
        var s = DemoDashboard.state(.triage)
        _ = DashboardUpdate.update(&s, .key(.enter))
        let buffer = DashboardView.render(s, width: 80, height: 24)
        #expect(Self.cut(buffer) == [])
        #expect(buffer.lines()[1].contains("(Esc back"))
    }

    @Test func aLongMessageTakesTheLineAndIsCutAtAWord() {
        var s = DemoDashboard.state(.overview)
        s.status = "unknown command ':frobnicate' (team, model, window, theme, export, save, quit)"
        let status = DashboardView.render(s, width: 80, height: 24).lines().last!
        #expect(status.contains("unknown command ':frobnicate' (team, model, window, theme, export, save, quit)"))
    }

    @Test func wordsAreNeverHalved() {
        #expect(TextTruncation.truncateAtWord("hello big world", toWidth: 10) == "hello big…")
        #expect(TextTruncation.truncateAtWord("hello big world", toWidth: 8) == "hello…")
        #expect(TextTruncation.truncateAtWord("a · b · c", toWidth: 6) == "a · b…")
        #expect(TextTruncation.truncateAtWord("incomprehensible", toWidth: 6) == "incom…")
        #expect(TextTruncation.firstFitting(["one two three", "one two", "one"], width: 8) == "one two")
        #expect(TextTruncation.firstFitting(["one two three", "four five six"], width: 10) == "four five…")
    }
}

/// The README's key table is the in-app help's, so neither lists a key the other lacks.
@Suite struct KeyListTests {
    @Test func readmeKeyTableEqualsTheHelp() throws {
        let readme = try String(contentsOfFile: #filePath.split(separator: "/").dropLast(3).map(String.init).reduce("") { $0 + "/" + $1 } + "/README.md",
                                encoding: .utf8)
        #expect(readme.contains(HelpText.markdownTable + "\n"))
        for keys in ["`m`", "`T`", "`r`", "j k", "g G", "PgUp PgDn", "command: team NAME"] {
            #expect(HelpText.markdownTable.contains(keys.replacingOccurrences(of: "`", with: "")))
        }
    }

    @Test func helpLinesFitThePopup() {
        #expect(HelpText.lines.allSatisfy { $0.count <= HelpText.width - 4 })
        #expect(HelpText.lines.contains("Ctrl-S     save this screen as plain text"))
        #expect(HelpText.lines.count == HelpText.entries.count + 3)  // 1–9, Tab S-Tab… three actions wrap onto a second line
    }
}
