import SafeText
/// A line chart with min/max labels on the y-axis, optional x labels and an optional threshold line.
///
/// With `GlyphSet.usesBraille` each cell holds 2×4 dots; otherwise each cell is
/// one point drawn with `chartPoint`. Consecutive points are joined, `nil`
/// values leave gaps. When there are more values than horizontal dots, only
/// the most recent ones are shown. Where series overlap, the later series'
/// style wins for that cell.
public struct LineChart: Widget, Sendable {
    public var series: [LineSeries]
    public var yLabelFormatter: @Sendable (Double) -> String
    /// Spread evenly under the plot; first left-aligned, last right-aligned.
    public var xLabels: [String]
    public var threshold: Double?
    public var thresholdStyle: Style
    /// Fixed y-axis range; by default the data's range (including the threshold).
    public var yRange: ClosedRange<Double>?
    /// Indexes of points that cover only part of their period: they and the lines to them
    /// are drawn muted, so a short last week does not read as a collapse.
    public var partial: Set<Int>

    public init(series: [LineSeries], yLabelFormatter: @escaping @Sendable (Double) -> String = { ChartValueFormat.short($0) },
                xLabels: [String] = [], threshold: Double? = nil, thresholdStyle: Style = .warn,
                yRange: ClosedRange<Double>? = nil, partial: Set<Int> = []) {
        self.series = series
        self.partial = partial
        self.yLabelFormatter = yLabelFormatter
        self.xLabels = xLabels
        self.threshold = threshold
        self.thresholdStyle = thresholdStyle
        self.yRange = yRange
    }

    /// The y range actually plotted: `yRange`, or the data (and threshold) range widened if flat.
    public func resolvedRange() -> ClosedRange<Double>? {
        if let yRange { return yRange }
        var all = series.flatMap { $0.values.compactMap { $0 } }.filter { $0.isFinite }
        guard !all.isEmpty else { return nil }
        if let threshold, threshold.isFinite { all.append(threshold) }
        var lo = all.min()!, hi = all.max()!
        if lo == hi {
            if lo == 0 { hi = 1 } else { lo -= abs(lo) * 0.5; hi += abs(hi) * 0.5 }
        }
        return lo...hi
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard !area.isEmpty else { return }
        let hasXLabels = !xLabels.isEmpty && area.height >= 3
        let plotHeight = area.height - (hasXLabels ? 1 : 0)
        guard let range = resolvedRange() else {
            buffer.write("no data", x: area.x, y: area.y, style: .muted, maxWidth: area.width, glyphs: glyphs)
            return
        }
        let top = TextSanitizer.clean(yLabelFormatter(range.upperBound))
        let bottom = TextSanitizer.clean(yLabelFormatter(range.lowerBound))
        let labelWidth = min(max(DisplayWidth.of(top), DisplayWidth.of(bottom)), area.width / 3)
        let plot = Rect(x: area.x + labelWidth + 1, y: area.y, width: area.width - labelWidth - 1, height: plotHeight)
        guard !plot.isEmpty else { return }

        if labelWidth > 0 {
            buffer.write(TextTruncation.fit(top, toWidth: labelWidth, alignment: .right, ellipsis: glyphs.ellipsis),
                         x: area.x, y: plot.y, style: .muted, maxWidth: labelWidth, glyphs: glyphs)
            if plot.height > 1 {
                buffer.write(TextTruncation.fit(bottom, toWidth: labelWidth, alignment: .right, ellipsis: glyphs.ellipsis),
                             x: area.x, y: plot.maxY - 1, style: .muted, maxWidth: labelWidth, glyphs: glyphs)
            }
        }
        for y in plot.y..<plot.maxY {
            buffer[plot.x - 1, y] = Cell(glyphs.vertical, style: .border)
        }

        var canvas = DotCanvas(width: plot.width, height: plot.height, braille: glyphs.usesBraille)
        plotSeries(on: &canvas, range: range)

        if let threshold, threshold.isFinite, range.contains(threshold) {
            let row = canvas.dotY(threshold, range: range) / canvas.dotsPerCellY
            for column in 0..<plot.width where canvas.isEmpty(column: column, row: row) {
                buffer[plot.x + column, plot.y + row] = Cell(glyphs.thresholdLine, style: thresholdStyle)
            }
        }
        for row in 0..<plot.height {
            for column in 0..<plot.width {
                guard let (character, style) = canvas.cell(column: column, row: row, point: glyphs.chartPoint) else { continue }
                buffer[plot.x + column, plot.y + row] = Cell(character, style: style)
            }
        }
        if hasXLabels {
            drawXLabels(into: &buffer, plot: plot, y: area.maxY - 1, glyphs: glyphs)
        }
    }

    private func plotSeries(on canvas: inout DotCanvas, range: ClosedRange<Double>) {
        let count = series.map { $0.values.count }.max() ?? 0
        let start = max(0, count - canvas.dotsX)
        let shown = count - start
        guard shown > 0 else { return }
        for line in series {
            var previous: (x: Int, y: Int)?
            for index in start..<count {
                guard index < line.values.count, let value = line.values[index], value.isFinite else {
                    previous = nil
                    continue
                }
                let x = shown == 1 ? 0 : Int((Double(index - start) * Double(canvas.dotsX - 1) / Double(shown - 1)).rounded())
                let y = canvas.dotY(value, range: range)
                let style = partial.contains(index) || (previous != nil && partial.contains(index - 1)) ? Style.muted : line.style
                if let previous {
                    canvas.line(from: previous, to: (x, y), style: style)
                } else {
                    canvas.set(x: x, y: y, style: style)
                }
                previous = (x, y)
            }
        }
    }

    private func drawXLabels(into buffer: inout ScreenBuffer, plot: Rect, y: Int, glyphs: GlyphSet) {
        let labels = xLabels.map { TextSanitizer.clean($0) }
        var cursor = plot.x
        for (index, label) in labels.enumerated() {
            let width = DisplayWidth.of(label)
            var x: Int
            if index == 0 {
                x = plot.x
            } else if index == labels.count - 1 {
                x = plot.maxX - width
            } else {
                let anchor = plot.x + Int((Double(index) * Double(plot.width - 1) / Double(labels.count - 1)).rounded())
                x = anchor - width / 2
            }
            // Labels never overlap: a label that would collide with its neighbour is skipped.
            x = max(x, plot.x)
            if x < cursor || x + width > plot.maxX { continue }
            buffer.write(label, x: x, y: y, style: .muted, maxWidth: plot.maxX - x, glyphs: glyphs)
            cursor = x + width + 1
        }
    }
}

/// A grid of dots over a cell area: 2×4 per cell in braille mode, 1×1 otherwise.
struct DotCanvas {
    let width: Int
    let height: Int
    let braille: Bool
    private var bits: [UInt8]
    private var styles: [Style?]

    init(width: Int, height: Int, braille: Bool) {
        self.width = width
        self.height = height
        self.braille = braille
        bits = Array(repeating: 0, count: width * height)
        styles = Array(repeating: nil, count: width * height)
    }

    var dotsPerCellX: Int { braille ? 2 : 1 }
    var dotsPerCellY: Int { braille ? 4 : 1 }
    var dotsX: Int { width * dotsPerCellX }
    var dotsY: Int { height * dotsPerCellY }

    /// Row of dots for `value`; 0 is the top.
    func dotY(_ value: Double, range: ClosedRange<Double>) -> Int {
        let span = range.upperBound - range.lowerBound
        guard span > 0 else { return dotsY - 1 }
        let fraction = (min(max(value, range.lowerBound), range.upperBound) - range.lowerBound) / span
        return min(dotsY - 1, max(0, Int(((1 - fraction) * Double(dotsY - 1)).rounded())))
    }

    // Braille dot numbering: left column dots 1,2,3,7; right column 4,5,6,8.
    private static let brailleBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]

    mutating func set(x: Int, y: Int, style: Style) {
        guard x >= 0, y >= 0, x < dotsX, y < dotsY else { return }
        let index = (y / dotsPerCellY) * width + (x / dotsPerCellX)
        bits[index] |= braille ? DotCanvas.brailleBits[x % 2][y % 4] : 1
        styles[index] = style
    }

    /// Bresenham line between two dots, inclusive.
    mutating func line(from a: (x: Int, y: Int), to b: (x: Int, y: Int), style: Style) {
        var x = a.x, y = a.y
        let dx = abs(b.x - a.x), dy = -abs(b.y - a.y)
        let sx = a.x < b.x ? 1 : -1, sy = a.y < b.y ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y, style: style)
            if x == b.x && y == b.y { break }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += sx }
            if doubled <= dx { error += dx; y += sy }
        }
    }

    func isEmpty(column: Int, row: Int) -> Bool {
        bits[row * width + column] == 0
    }

    /// The glyph and style for one cell, or nil when no dot is set there.
    func cell(column: Int, row: Int, point: Character) -> (Character, Style)? {
        let index = row * width + column
        guard bits[index] != 0, let style = styles[index] else { return nil }
        if braille {
            return (Character(Unicode.Scalar(0x2800 + UInt32(bits[index]))!), style)
        }
        return (point, style)
    }
}
