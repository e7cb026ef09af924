import SnapshotSupport
import Testing
import TerminalUI

/// Every widget at fixed sizes in both glyph sets; see `__Snapshots__/`.
@Suite struct WidgetSnapshotTests {
    @Test(arguments: GlyphMode.allCases)
    func panel(mode: GlyphMode) {
        let focused = renderWithMargin(Panel(title: "Runs", focused: true), width: 14, height: 4, glyphs: mode.glyphs)
        assertSnapshot(focused, named: "panel-\(mode.rawValue)")
        let longTitle = renderWithMargin(Panel(title: "A very long title"), width: 12, height: 3, glyphs: mode.glyphs)
        assertSnapshot(longTitle, named: "panel-long-title-\(mode.rawValue)")
    }

    @Test func panelBorderRoleFollowsFocus() {
        var buffer = ScreenBuffer(width: 6, height: 3)
        Panel(title: "", focused: false).render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer[0, 0].style.role == .border)
        Panel(title: "T", focused: true).render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer[0, 0].style.role == .accent)
        #expect(Panel(title: "").inner(buffer.area) == Rect(x: 1, y: 1, width: 4, height: 1))
    }

    static let latency = KPITile(label: "p95 latency", value: "182", unit: "ms", delta: "+12%", trend: .worse, direction: .up)

    @Test(arguments: GlyphMode.allCases)
    func kpiTile(mode: GlyphMode) {
        assertSnapshot(renderWithMargin(Self.latency, width: 18, height: 3, glyphs: mode.glyphs), named: "kpi-3x18-\(mode.rawValue)")
        assertSnapshot(renderWithMargin(Self.latency, width: 18, height: 2, glyphs: mode.glyphs), named: "kpi-2x18-\(mode.rawValue)")
        assertSnapshot(renderWithMargin(Self.latency, width: 30, height: 1, glyphs: mode.glyphs), named: "kpi-1x30-\(mode.rawValue)")
        assertSnapshot(renderWithMargin(Self.latency, width: 12, height: 1, glyphs: mode.glyphs), named: "kpi-1x12-\(mode.rawValue)")
    }

    @Test func kpiTileTrendDecidesColourNotArrow() {
        let better = KPITile(label: "L", value: "1", delta: "-3", trend: .better, direction: .down)
        var buffer = ScreenBuffer(width: 6, height: 3)
        better.render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer.lines()[2] == "▼ -3  ")
        #expect(buffer[0, 2].style.role == .ok)
        #expect(buffer[0, 1].style == .bold(.text))
        #expect(buffer[0, 0].style.role == .muted)
    }

    @Test(arguments: GlyphMode.allCases)
    func sparkline(mode: GlyphMode) {
        let rising = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, nil, 7])
        assertSnapshot(renderWithMargin(rising, width: 12, height: 1, glyphs: mode.glyphs), named: "sparkline-\(mode.rawValue)")
    }

    @Test func sparklineKeepsMostRecentValuesRightAligned() {
        var buffer = ScreenBuffer(width: 4, height: 1, fill: "x")
        Sparkline(values: [100, 0, 2, 4, 8]).render(into: &buffer, area: buffer.area, glyphs: .unicode)
        // 100 dropped, so 8 is the scale maximum.
        #expect(buffer.text() == "▁▃▅█")
        var short = ScreenBuffer(width: 5, height: 1, fill: "x")
        Sparkline(values: [nil, 1]).render(into: &short, area: short.area, glyphs: .unicode)
        #expect(short.text() == "xxx·█")
        #expect(short[3, 0].style.role == .muted)
    }

    static let costs = BarChart(
        items: [(label: "gpu", value: 72, style: .accent), (label: "storage", value: 31, style: .ok), (label: "egress", value: 100, style: .critical)],
        valueFormatter: { "$\(Int($0))" },
        marker: 80
    )

    @Test(arguments: GlyphMode.allCases)
    func barChart(mode: GlyphMode) {
        assertSnapshot(renderWithMargin(Self.costs, width: 30, height: 4, glyphs: mode.glyphs), named: "barchart-\(mode.rawValue)")
    }

    @Test func barChartMarkerAndPartialBars() {
        var buffer = ScreenBuffer(width: 14, height: 2)
        BarChart(items: [(label: "a", value: 5, style: .accent), (label: "b", value: 1.5, style: .ok)], marker: 5)
            .render(into: &buffer, area: buffer.area, glyphs: .unicode)
        // Label 1 + gap, 8 bar cells, gap, value column 3 wide ("1.5").
        // 1.5 of 5 over 8 cells = 19 eighths = 2 full cells + 3/8; the marker at 5 sits in the last bar cell.
        #expect(buffer.lines() == ["a ███████┊   5", "b ██▍    ┊ 1.5"])
        #expect(buffer[9, 0].style == .bold(.warn))
        #expect(buffer[9, 1].style == .bold(.warn))
        #expect(buffer[2, 1].style == .ok)
    }

    static let loss = LineChart(
        series: [LineSeries(name: "loss", values: [8, 6, 5, 4, 3.5, 3, 2.5, 2.2, 2, 1.9, 1.8, 1.7])],
        yLabelFormatter: { ChartValueFormat.short($0) },
        xLabels: ["0", "6", "11"],
        threshold: 4
    )

    @Test(arguments: GlyphMode.allCases)
    func lineChart(mode: GlyphMode) {
        assertSnapshot(renderWithMargin(Self.loss, width: 20, height: 6, glyphs: mode.glyphs), named: "linechart-\(mode.rawValue)")
    }

    @Test func lineChartPlacesPointsExactly() {
        // Two values, four dots high: 0 goes to the bottom-left dot, 1 to the top-right.
        var buffer = ScreenBuffer(width: 3, height: 1)
        LineChart(series: [LineSeries(name: "s", values: [0, 1])], yRange: 0...1)
            .render(into: &buffer, area: buffer.area, glyphs: .unicode)
        // Label column "1", axis, one braille cell. Bresenham from (0,3) to (1,0) sets
        // (0,3)=0x40, (0,2)=0x04, (1,1)=0x10, (1,0)=0x08.
        #expect(buffer.text() == "1│" + String(Character(Unicode.Scalar(0x2800 + 0x40 + 0x04 + 0x10 + 0x08)!)))
        var ascii = ScreenBuffer(width: 6, height: 3)
        LineChart(series: [LineSeries(name: "s", values: [0, 1, 2])], threshold: 1)
            .render(into: &ascii, area: ascii.area, glyphs: .ascii)
        // Points at x = 0, 2, 3 (1.5 rounds up); the line from (0,2) to (2,1) passes (1,1).
        // The threshold at 1 fills only the cells the line leaves free.
        #expect(ascii.lines() == ["2|   *", " |-**-", "0|*   "])
    }

    @Test func lineChartWithoutData() {
        var buffer = ScreenBuffer(width: 9, height: 2, fill: "x")
        LineChart(series: [LineSeries(name: "s", values: [nil])]).render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer.lines() == ["no dataxx", "xxxxxxxxx"])
    }

    @Test(arguments: GlyphMode.allCases)
    func gauge(mode: GlyphMode) {
        let maturity = Gauge(value: 1.4, maximum: 2, label: "Maturity")
        assertSnapshot(renderWithMargin(maturity, width: 30, height: 1, glyphs: mode.glyphs), named: "gauge-\(mode.rawValue)")
    }

    @Test func gaugeClampsAndFormats() {
        var buffer = ScreenBuffer(width: 16, height: 1)
        Gauge(value: 3, maximum: 2, label: "M").render(into: &buffer, area: buffer.area, glyphs: .ascii)
        #expect(buffer.text() == "M ########## 3/2")
        Gauge(value: 0, maximum: 2, label: "M", valueText: "none").render(into: &buffer, area: buffer.area, glyphs: .ascii)
        #expect(buffer.text() == "M ......... none")
    }

    @Test(arguments: GlyphMode.allCases)
    func textBlock(mode: GlyphMode) {
        let block = TextBlock(lines: [("first line is long", .text), ("second", .muted), ("third", .text), ("fourth", .text)])
        assertSnapshot(renderWithMargin(block, width: 10, height: 3, glyphs: mode.glyphs), named: "textblock-\(mode.rawValue)")
    }

    @Test func wrapWords() {
        #expect(TextBlock.wrapWords("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextBlock.wrapWords("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(TextBlock.wrapWords("abcdefghij kl", width: 4) == ["abcd", "efgh", "ij", "kl"])
        #expect(TextBlock.wrapWords("  spaced   out  ", width: 20) == ["spaced out"])
        #expect(TextBlock.wrapWords("日本語テキスト", width: 5) == ["日本", "語テ", "キス", "ト"])
        #expect(TextBlock.wrapWords("x", width: 0) == [])
    }

    @Test(arguments: GlyphMode.allCases)
    func popup(mode: GlyphMode) {
        let help = Popup(title: "Help", lines: ["q  quit", "?  toggle help"])
        assertSnapshot(renderWithMargin(help, width: 24, height: 6, glyphs: mode.glyphs), named: "popup-\(mode.rawValue)")
    }
}

@Suite struct KPITileDegradationTests {
    @Test(arguments: [
        (30, "p95 latency 182 ms ▲ +12%"),
        (20, "p95 l… 182 ms ▲ +12%"),
        (12, "p9… 182 ms ▲"),
        (8, "182 ms ▲"),
        (6, "182 ▲"),
        (3, "182"),
        (2, "1…"),
    ])
    func singleLineKeepsTheValue(width: Int, expected: String) {
        var buffer = ScreenBuffer(width: width, height: 1)
        WidgetSnapshotTests.latency.render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer.text() == TextTruncation.fit(expected, toWidth: width))
    }
}

@Suite struct StretchedSparklineTests {
    @Test func valuesShareTheWidthAndPartialPeriodsAreMuted() {
        var buffer = ScreenBuffer(width: 12, height: 1)
        // 3 values in 12 columns: 4 each, the last column of each left blank; the last value muted.
        Sparkline(values: [0, 4, 8], stretches: true, partial: [2]).render(into: &buffer, area: buffer.area, glyphs: .unicode)
        let levels = GlyphSet.unicode.sparkline
        let expected = String(repeating: levels[0], count: 3) + " " + String(repeating: levels[levels.count / 2], count: 3) + " "
            + String(repeating: levels[levels.count - 1], count: 3) + " "
        #expect(buffer.lines()[0] == expected)
        #expect(buffer[8, 0].style == .muted && buffer[4, 0].style == .accent)
    }
}
