import Testing
import TerminalUI

@Suite struct ScreenBufferTests {
    @Test func writeReturnsColumnsAndKeepsTrailingSpaces() {
        var buffer = ScreenBuffer(width: 8, height: 2)
        #expect(buffer.write("hi", x: 1, y: 0, style: .text) == 2)
        #expect(buffer.lines() == [" hi     ", "        "])
        #expect(buffer.text() == " hi     \n        ")
        #expect(buffer[1, 0] == Cell("h", style: .text))
    }

    @Test func truncatesWithEllipsisAtMaxWidth() {
        var buffer = ScreenBuffer(width: 12, height: 2, fill: "x")
        #expect(buffer.write("abcdefgh", x: 0, y: 0, style: .text, maxWidth: 5) == 5)
        #expect(buffer.write("abcdefgh", x: 0, y: 1, style: .text, maxWidth: 5, glyphs: .ascii) == 5)
        #expect(buffer.lines() == ["abcd…xxxxxxx", "abcd~xxxxxxx"])
    }

    @Test func exactFitIsNotTruncated() {
        var buffer = ScreenBuffer(width: 5, height: 1, fill: "x")
        #expect(buffer.write("abcde", x: 0, y: 0, style: .text, maxWidth: 5) == 5)
        #expect(buffer.text() == "abcde")
    }

    @Test func clipsAtBufferEdgeWithEllipsisAndNeverWraps() {
        var buffer = ScreenBuffer(width: 6, height: 2, fill: "x")
        #expect(buffer.write("overflowing", x: 2, y: 0, style: .text) == 4)
        #expect(buffer.lines() == ["xxove…", "xxxxxx"])
        #expect(buffer.write("nope", x: 0, y: 2, style: .text) == 0)
        #expect(buffer.write("nope", x: 6, y: 1, style: .text) == 0)
    }

    @Test func wideCharactersUseContinuationCells() {
        var buffer = ScreenBuffer(width: 6, height: 1, fill: "x")
        #expect(buffer.write("日本", x: 1, y: 0, style: .text) == 4)
        #expect(buffer[2, 0].isContinuation)
        #expect(buffer.text() == "x日本x")
        // Overwriting the right half of a wide character blanks its left half.
        buffer.write("a", x: 2, y: 0, style: .text)
        #expect(buffer.text() == "x a本x")
    }

    @Test func wideCharacterIsNotSplitByTruncation() {
        var buffer = ScreenBuffer(width: 6, height: 1, fill: "x")
        #expect(buffer.write("日本語", x: 0, y: 0, style: .text, maxWidth: 4) == 3)
        #expect(buffer.text() == "日…xxx")
    }

    @Test func fillClipsToBuffer() {
        var buffer = ScreenBuffer(width: 4, height: 3)
        buffer.fill(Rect(x: 2, y: 1, width: 10, height: 10), character: "#", style: .accent)
        #expect(buffer.lines() == ["    ", "  ##", "  ##"])
        #expect(buffer[3, 2].style == .accent)
    }

    @Test func changesReportsOnlyDifferingCells() {
        var before = ScreenBuffer(width: 4, height: 2)
        before.write("abcd", x: 0, y: 0, style: .text)
        var after = before
        after.write("X", x: 2, y: 0, style: .text)
        after[1, 1] = Cell("Y", style: .critical)
        let changes = after.changes(from: before)
        #expect(changes.count == 2)
        #expect(changes[0].x == 2 && changes[0].y == 0 && changes[0].cell.character == "X")
        #expect(changes[1].x == 1 && changes[1].y == 1 && changes[1].cell == Cell("Y", style: .critical))
        #expect(after.changes(from: after).isEmpty)
    }

    @Test func styleOnlyChangeIsReported() {
        let before = ScreenBuffer(width: 2, height: 1)
        var after = before
        after.setStyle(.selection, in: Rect(x: 1, y: 0, width: 1, height: 1))
        let changes = after.changes(from: before)
        #expect(changes.map { $0.x } == [1])
    }

    @Test func changesReportsEverythingWithoutComparableBuffer() {
        let buffer = ScreenBuffer(width: 3, height: 2)
        #expect(buffer.changes(from: nil).count == 6)
        #expect(buffer.changes(from: ScreenBuffer(width: 2, height: 2)).count == 6)
    }

    @Test func outOfBoundsAccessIsHarmless() {
        var buffer = ScreenBuffer(width: 2, height: 2)
        buffer[5, 5] = Cell("z")
        buffer[-1, 0] = Cell("z")
        #expect(buffer[5, 5] == .blank)
        #expect(buffer.text() == "  \n  ")
    }

    @Test func truncationHelpers() {
        #expect(TextTruncation.truncate("hello world", toWidth: 6) == "hello…")
        #expect(TextTruncation.truncate("hello", toWidth: 5) == "hello")
        #expect(TextTruncation.truncate("hello", toWidth: 1) == "…")
        #expect(TextTruncation.truncate("hello", toWidth: 0) == "")
        #expect(TextTruncation.fit("ab", toWidth: 5, alignment: .right) == "   ab")
        #expect(TextTruncation.fit("ab", toWidth: 5, alignment: .center) == " ab  ")
        #expect(TextTruncation.fit("abcdef", toWidth: 4, ellipsis: "~") == "abc~")
    }
}
