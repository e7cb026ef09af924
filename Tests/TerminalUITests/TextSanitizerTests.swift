import Testing
import SafeText
import TerminalUI

@Suite struct TextSanitizerTests {
    @Test(arguments: [
        ("\u{1b}[2Jcleared", "cleared"),
        ("a\u{1b}[1;31mred\u{1b}[0mb", "aredb"),
        ("\u{1b}]0;evil\u{07}title", "title"),
        ("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\", "link"),
        ("\u{9b}31mred", "red"),
        ("nul\u{0}byte", "nulbyte"),
        ("line1\nline2\ttab", "line1 line2 tab"),
        ("crlf\r\nend", "crlf end"),
        ("bell\u{07}del\u{7f}c1\u{85}", "belldelc1"),
        ("\u{202e}evil\u{202c} \u{2066}iso\u{2069}", "evil iso"),
        ("\u{1b}(Bcharset", "charset"),
        ("\u{1b}7save", "save"),
        ("\u{1b}Pdcs payload\u{1b}\\after", "after"),
        ("trailing escape\u{1b}", "trailing escape"),
        ("plain text, ünïcödé 日本", "plain text, ünïcödé 日本"),
    ])
    func removesTerminalControls(input: String, expected: String) {
        #expect(TextSanitizer.clean(input) == expected)
    }

    @Test func bufferWriteSanitisesEverything() {
        var buffer = ScreenBuffer(width: 12, height: 1, fill: ".")
        let written = buffer.write("\u{1b}[2Jok\u{1b}]0;evil\u{07}!\u{0}", x: 0, y: 0, style: .text)
        #expect(written == 3)
        #expect(buffer.text() == "ok!.........")
        #expect(!buffer.cells.contains { $0.character.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) } })
    }
}
