import Testing
import SafeText
import TerminalUI

@Suite struct TextSanitizerTests {
    /// Every case worked out by hand from the rule in `TextSanitizer`'s documentation.
    @Test(arguments: [
        ("\u{1b}[2Jcleared", "␛[2Jcleared"),
        ("a\u{1b}[1;31mred\u{1b}[0mb", "a␛[1;31mred␛[0mb"),
        ("\u{1b}]0;evil\u{07}title", "␛]0;evil␇title"),
        ("\u{1b}]52;c;aGk=\u{07}", "␛]52;c;aGk=␇"),  // OSC 52: write "hi" to the clipboard
        ("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\", "␛]8;;http://x␛\\link␛]8;;␛\\"),
        ("\u{9b}31mred", "␛[31mred"),  // C1 CSI
        ("\u{9d}0;t\u{9c}", "␛]0;t␛\\"),  // C1 OSC … ST
        ("nul\u{0}byte", "nul␀byte"),
        ("line1\nline2\ttab", "line1␊line2␉tab"),
        ("crlf\r\nend", "crlf␍␊end"),
        ("bell\u{07}del\u{7f}c1\u{85}", "bell␇del␡c1␛E"),
        ("\u{202e}evil\u{202c} \u{2066}iso\u{2069}", "⟨RLO⟩evil⟨PDF⟩ ⟨LRI⟩iso⟨PDI⟩"),
        ("a\u{200f}b\u{2028}c", "a⟨RLM⟩b⟨LS⟩c"),
        ("\u{1b}(Bcharset", "␛(Bcharset"),
        ("trailing escape\u{1b}", "trailing escape␛"),
        ("plain text, ünïcödé 日本", "plain text, ünïcödé 日本"),
        ("👨\u{200d}👩\u{200d}👧 e\u{301} 🇩🇪", "👨\u{200d}👩\u{200d}👧 e\u{301} 🇩🇪"),  // ZWJ, combining mark, flag: kept
    ])
    func makesControlsVisible(input: String, expected: String) {
        #expect(TextSanitizer.clean(input) == expected)
        // Nothing left that a terminal acts on, and cleaning again changes nothing.
        #expect(!TextSanitizer.needsCleaning(TextSanitizer.clean(input)))
        #expect(TextSanitizer.clean(TextSanitizer.clean(input)) == expected)
    }

    @Test func cleanLinesKeepsLineFeedsOnly() {
        #expect(TextSanitizer.cleanLines("one\ntwo\r\n\u{1b}[2Jthree\n") == "one\ntwo␍\n␛[2Jthree\n")
        #expect(TextSanitizer.cleanLines("plain\ntext") == "plain\ntext")
    }

    @Test func jsonKeepsItsValuesAndEscapesInvisibles() throws {
        // The encoder already wrote ESC as \u001b; C1, DEL and bidi are raw in valid JSON.
        let json = "{\"name\":\"a\\u001b[2J\u{9b}1m\u{7f}\u{202e}z\u{2028}\"}"
        #expect(TextSanitizer.escapingJSONInvisibles(json) == "{\"name\":\"a\\u001b[2J\\u009b1m\\u007f\\u202ez\\u2028\"}")
        #expect(TextSanitizer.escapingJSONInvisibles("{\"a\":\"日本 👍\"}") == "{\"a\":\"日本 👍\"}")
    }

    @Test func bufferWriteShowsControlsAsPictures() {
        var buffer = ScreenBuffer(width: 16, height: 1, fill: ".")
        let written = buffer.write("ok\u{1b}]0;x\u{07}!\u{0}\r", x: 0, y: 0, style: .text)
        #expect(written == 11)
        #expect(buffer.text() == "ok␛]0;x␇!␀␍.....")
        #expect(!buffer.cells.contains { $0.character.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) } })
    }

    @Test func rawControlCellsAreStoredAsPictures() {
        var buffer = ScreenBuffer(width: 4, height: 1, fill: ".")
        buffer.put(Cell("\r"), x: 0, y: 0)
        buffer.put(Cell("\r\n"), x: 1, y: 0)
        buffer[2, 0] = Cell("\u{9b}")
        #expect(buffer.text() == "␍␍␛.")  // one cell holds one picture: C1 CSI shows as its ESC
    }
}
