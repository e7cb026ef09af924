import SafeText
/// Horizontal bars, one item per row: label column, bar, value text.
///
/// Bars are scaled to the largest of the values, `maximum` and `marker`, so
/// the marker is always on the chart. Rows that do not fit are omitted.
public struct BarChart: Widget, Sendable {
    public typealias Item = (label: String, value: Double, style: Style)

    public var items: [Item]
    public var valueFormatter: @Sendable (Double) -> String
    /// A reference value (budget, 50 % line) drawn as a vertical line across all bars.
    public var marker: Double?
    public var markerStyle: Style
    /// Scale top; defaults to the largest value.
    public var maximum: Double?

    public init(items: [Item], valueFormatter: @escaping @Sendable (Double) -> String = { ChartValueFormat.short($0) },
                marker: Double? = nil, markerStyle: Style = .bold(.warn), maximum: Double? = nil) {
        self.items = items
        self.valueFormatter = valueFormatter
        self.marker = marker
        self.markerStyle = markerStyle
        self.maximum = maximum
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard !area.isEmpty, !items.isEmpty else { return }
        let rows = Array(items.prefix(area.height))
        let valueTexts = rows.map { valueFormatter($0.value) }
        // The label column never takes more than a third of the width so bars stay visible.
        let labelWidth = min(rows.map { DisplayWidth.of(TextSanitizer.clean($0.label)) }.max() ?? 0, area.width / 3)
        let valueWidth = min(valueTexts.map { DisplayWidth.of(TextSanitizer.clean($0)) }.max() ?? 0, area.width / 3)
        let barX = area.x + labelWidth + (labelWidth > 0 ? 1 : 0)
        let barWidth = area.maxX - barX - (valueWidth > 0 ? valueWidth + 1 : 0)
        let scaleTop = max(maximum ?? 0, marker ?? 0, rows.map { $0.value }.filter { $0.isFinite }.max() ?? 0)

        for (row, item) in rows.enumerated() {
            let y = area.y + row
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1))
            if labelWidth > 0 {
                buffer.write(TextTruncation.fit(TextSanitizer.clean(item.label), toWidth: labelWidth, ellipsis: glyphs.ellipsis),
                             x: area.x, y: y, style: .text, maxWidth: labelWidth, glyphs: glyphs)
            }
            if barWidth > 0 {
                drawBar(item.value, style: item.style, into: &buffer, x: barX, y: y, width: barWidth, top: scaleTop, glyphs: glyphs)
            }
            if valueWidth > 0 {
                let text = TextTruncation.fit(TextSanitizer.clean(valueTexts[row]), toWidth: valueWidth, alignment: .right, ellipsis: glyphs.ellipsis)
                buffer.write(text, x: area.maxX - valueWidth, y: y, style: .text, maxWidth: valueWidth, glyphs: glyphs)
            }
        }
        if let marker, barWidth > 0, scaleTop > 0 {
            let column = BarChart.markerColumn(marker, top: scaleTop, width: barWidth)
            for row in 0..<rows.count {
                buffer[barX + column, area.y + row] = Cell(glyphs.marker, style: markerStyle)
            }
        }
    }

    /// The number of eighth-cells a bar of `value` fills in `width` cells.
    public static func eighths(_ value: Double, top: Double, width: Int) -> Int {
        guard top > 0, value.isFinite, value > 0 else { return 0 }
        return min(width * 8, Int((value / top * Double(width * 8)).rounded()))
    }

    /// The bar-relative column a marker at `value` is drawn in.
    public static func markerColumn(_ value: Double, top: Double, width: Int) -> Int {
        guard top > 0, width > 0 else { return 0 }
        return min(width - 1, max(0, Int((value / top * Double(width)).rounded(.down))))
    }

    private func drawBar(_ value: Double, style: Style, into buffer: inout ScreenBuffer, x: Int, y: Int, width: Int, top: Double, glyphs: GlyphSet) {
        var full: Int
        var partial = 0
        let eighths = BarChart.eighths(value, top: top, width: width)
        if glyphs.barPartials.count == 7 {
            full = eighths / 8
            partial = eighths % 8
        } else {
            full = (eighths + 4) / 8
        }
        full = min(full, width)
        for column in 0..<full {
            buffer[x + column, y] = Cell(glyphs.barFull, style: style)
        }
        if partial > 0, full < width {
            buffer[x + full, y] = Cell(glyphs.barPartials[partial - 1], style: style)
        }
    }
}
