import Testing
import TerminalUI

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0),
        ("abc", 3),
        ("日本語", 6),
        ("ｈｉ", 4),      // fullwidth Latin
        ("한국", 4),
        ("🚀", 2),
        ("👍🏽", 2),      // emoji + skin-tone modifier is one cluster
        ("❤️", 2),       // text symbol + VS16
        ("e\u{301}", 1), // e + combining acute
        ("…", 1),
        ("▁█┌", 3),
        ("a\u{200b}b", 2), // zero-width space
    ])
    func widths(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test func characterWidths() {
        #expect(DisplayWidth.of(Character("a")) == 1)
        #expect(DisplayWidth.of(Character("中")) == 2)
        #expect(DisplayWidth.of(Character("\u{301}")) == 0)
    }
}
