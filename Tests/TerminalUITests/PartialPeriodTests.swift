import Testing
@testable import TerminalUI

/// A point that covers only part of its period is drawn muted, with the line into it, so a
/// short last week does not read as a collapse; every other cell keeps the series' style.
@Suite struct PartialPeriodTests {
    @Test func lineChartMutesThePartialPointAndTheLineIntoIt() {
        var buffer = ScreenBuffer(width: 12, height: 4)
        let chart = LineChart(series: [LineSeries(name: "s", values: [4, 4, 4, 1], style: .accent)], yRange: 0...4, partial: [3])
        chart.render(into: &buffer, area: Rect(x: 0, y: 0, width: 12, height: 4), glyphs: .ascii)
        var styles: Set<Style> = []
        for y in 0..<4 {
            for x in 0..<12 {
                let cell: Cell = buffer[x, y]
                if cell.character != " " && (cell.style == Style.accent || cell.style == Style.muted) { styles.insert(cell.style) }
            }
        }
        // The flat part stays in the series' style; the drop to the partial week is muted.
        #expect(styles.contains(Style.accent) && styles.contains(Style.muted))
        let rightmost = (0..<4).compactMap { y -> Cell? in
            let c = buffer[11, y]
            return c.character == " " ? nil : c
        }
        #expect(!rightmost.isEmpty && rightmost.allSatisfy { $0.style == Style.muted })
    }

    @Test func withoutPartialPointsNothingIsMuted() {
        var buffer = ScreenBuffer(width: 12, height: 4)
        LineChart(series: [LineSeries(name: "s", values: [4, 4, 4, 1], style: .accent)], yRange: 0...4)
            .render(into: &buffer, area: Rect(x: 0, y: 0, width: 12, height: 4), glyphs: .ascii)
        let right = (0..<4).map { buffer[11, $0] }.filter { $0.character != " " }
        #expect(!right.isEmpty && right.allSatisfy { $0.style == Style.accent })
    }
}
