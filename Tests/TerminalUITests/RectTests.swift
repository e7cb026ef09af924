import Testing
import TerminalUI

@Suite struct RectTests {
    @Test func insetShrinksEverySide() {
        #expect(Rect(x: 2, y: 3, width: 10, height: 6).inset(by: 1) == Rect(x: 3, y: 4, width: 8, height: 4))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 1).isEmpty)
        #expect(Rect(x: 0, y: 0, width: 0, height: 5).isEmpty)
        #expect(!Rect(x: 0, y: 0, width: 1, height: 1).isEmpty)
    }

    @Test func splitHorizontallyByFractionsCoversWidthExactly() {
        let columns = Rect(x: 5, y: 1, width: 10, height: 2).splitHorizontally(fractions: [1, 1, 1])
        #expect(columns == [
            Rect(x: 5, y: 1, width: 4, height: 2),
            Rect(x: 9, y: 1, width: 3, height: 2),
            Rect(x: 12, y: 1, width: 3, height: 2),
        ])
        let weighted = Rect(x: 0, y: 0, width: 100, height: 1).splitHorizontally(fractions: [0.25, 0.75])
        #expect(weighted.map(\.width) == [25, 75])
        #expect(weighted[1].x == 25)
    }

    @Test func splitHorizontallyByWidthsWithFlexibleRest() {
        let columns = Rect(x: 0, y: 0, width: 20, height: 3).splitHorizontally(widths: [4, -1, 6])
        #expect(columns.map(\.x) == [0, 4, 14])
        #expect(columns.map(\.width) == [4, 10, 6])
    }

    @Test func splitWidthsClipAtRightEdge() {
        let columns = Rect(x: 0, y: 0, width: 10, height: 1).splitHorizontally(widths: [6, 6, 6])
        #expect(columns.map(\.width) == [6, 4, 0])
    }

    @Test func splitVerticallyWithFlexibleRow() {
        let rows = Rect(x: 1, y: 2, width: 8, height: 12).splitVertically(heights: [3, -1, 1])
        #expect(rows == [
            Rect(x: 1, y: 2, width: 8, height: 3),
            Rect(x: 1, y: 5, width: 8, height: 8),
            Rect(x: 1, y: 13, width: 8, height: 1),
        ])
    }

    @Test func splitVerticallyOnlyFirstFlexibleRowTakesTheRest() {
        let rows = Rect(x: 0, y: 0, width: 1, height: 10).splitVertically(heights: [-1, -1, 2])
        #expect(rows.map(\.height) == [8, 0, 2])
    }

    @Test func splitVerticallyTooSmallClips() {
        let rows = Rect(x: 0, y: 0, width: 4, height: 3).splitVertically(heights: [2, 2, -1])
        #expect(rows.map(\.height) == [2, 1, 0])
    }

    @Test func splitWithSpacing() {
        let columns = Rect(x: 0, y: 0, width: 11, height: 1).splitHorizontally(widths: [5, -1], spacing: 1)
        #expect(columns == [Rect(x: 0, y: 0, width: 5, height: 1), Rect(x: 6, y: 0, width: 5, height: 1)])
    }
}
