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

/// Width by grapheme cluster, and what a backend sends so the terminal agrees.
@Suite struct GraphemeClusterTests {
    static let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦"

    @Test(arguments: [
        (family, 2),                       // ZWJ sequence: one cluster, one wide glyph
        ("👩\u{200d}💻", 2),
        ("🏳\u{fe0f}\u{200d}🌈", 2),
        ("🇯🇵", 2),                         // flag: two regional indicators, one cluster
        ("e\u{301}\u{302}", 1),            // two combining marks on one letter
        ("検索", 4),
        (family + "-ranker", 9),
        ("🇯🇵検索-cafe\u{301}", 11),
    ])
    func widths(text: String, expected: Int) {
        #expect(DisplayWidth.of(text) == expected)
    }

    @Test func textClustersCountEveryLetter() {
        // Swift joins a Devanagari conjunct into one cluster; terminals give each letter a column.
        let word = "क्षत्रिय"  // clusters: क्ष (2 letters), त्रि (2 letters + vowel sign), य
        #expect(word.count == 3)
        #expect(DisplayWidth.of(word) == 6)
        let conjunct: String = "क्ष"  // one cluster at run time (the compiler's literal check disagrees)
        #expect(DisplayWidth.cells(of: Character(conjunct)) == ["क्", "ष"])
        #expect(DisplayWidth.cells(of: "e\u{301}") == ["e\u{301}"])
        #expect(DisplayWidth.cells(of: Character(Self.family)) == [Character(Self.family)])
        var buffer = ScreenBuffer(width: 8, height: 1, fill: ".")
        #expect(buffer.write(word, x: 0, y: 0, style: .text) == 6)
        #expect(buffer.text() == word + "..")
        #expect(buffer.cells.prefix(6).allSatisfy { DisplayWidth.of($0.character) == 1 && !$0.isContinuation })
    }

    @Test func truncationNeverSplitsACluster() {
        #expect(TextTruncation.truncate(Self.family + Self.family + "abc", toWidth: 4) == Self.family + "…")
        #expect(TextTruncation.fit("🇯🇵🇯🇵x", toWidth: 4) == "🇯🇵… ")
        #expect(TextTruncation.truncate("cafe\u{301}s", toWidth: 4) == "caf…")
    }

    @Test func bufferKeepsAClusterInOneCell() {
        var buffer = ScreenBuffer(width: 8, height: 1, fill: ".")
        #expect(buffer.write(Self.family + "🇯🇵e\u{301}", x: 0, y: 0, style: .text) == 5)
        #expect(buffer[0, 0].character == Character(Self.family) && buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].character == "🇯🇵" && buffer[3, 0].isContinuation)
        #expect(buffer[4, 0].character == "e\u{301}")
        #expect(buffer.text() == Self.family + "🇯🇵e\u{301}...")
        // Overwriting half of a wide cluster blanks its other half.
        buffer.write("x", x: 1, y: 0, style: .text)
        #expect(buffer.text() == " x🇯🇵e\u{301}...")
    }

    @Test(arguments: [
        (family, 2, "👨", nil),
        ("🇯🇵", 2, "J", "P"),
        ("❤\u{fe0f}", 2, "❤", " "),          // narrow base made wide by VS16: padded
        ("👍🏽", 2, "👍", nil),
        ("検", 2, "検", nil),
    ] as [(String, Int, String?, String?)])
    func terminalGlyphsCoverTheCellsWidth(text: String, width: Int, first: String?, second: String?) {
        #expect(TerminalGlyphs.forCell(Character(text), width: width) == [first, second])
    }

    @Test func narrowClustersKeepTheirMarksOnly() {
        #expect(TerminalGlyphs.forCell("e\u{301}", width: 1) == ["e\u{301}"])
        #expect(TerminalGlyphs.forCell("a", width: 1) == ["a"])
        #expect(TerminalGlyphs.forCell("#\u{fe0f}\u{20e3}", width: 1) == ["#"])  // keycap: VS16 stops the marks
    }
}
