import SafeText
/// A one-row progress bar with a label and value text, e.g. `Maturity ███▌░░░ 1.4/2`.
public struct Gauge: Widget, Sendable {
    public var value: Double
    public var maximum: Double
    public var label: String
    public var style: Style
    /// Replaces the default "value/maximum" text.
    public var valueText: String?

    public init(value: Double, maximum: Double, label: String, style: Style = .accent, valueText: String? = nil) {
        self.value = value
        self.maximum = maximum
        self.label = label
        self.style = style
        self.valueText = valueText
    }

    /// Filled share of the bar, clamped to 0…1.
    public var ratio: Double {
        guard maximum > 0, value.isFinite else { return 0 }
        return min(1, max(0, value / maximum))
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard !area.isEmpty else { return }
        let y = area.y
        let text = TextSanitizer.clean(valueText ?? "\(ChartValueFormat.short(value))/\(ChartValueFormat.short(maximum))")
        let cleanLabel = TextSanitizer.clean(label)
        var x = area.x
        if !cleanLabel.isEmpty {
            // Keep at least half the row for the bar and value.
            let labelRoom = min(DisplayWidth.of(cleanLabel), max(0, area.width / 2 - 1))
            if labelRoom > 0 {
                x += buffer.write(cleanLabel, x: x, y: y, style: .text, maxWidth: labelRoom, glyphs: glyphs)
                buffer[x, y] = Cell(" ")
                x += 1
            }
        }
        let textWidth = DisplayWidth.of(text)
        var barWidth = area.maxX - x - textWidth - 1
        if barWidth < 3 { barWidth = area.maxX - x }
        let showText = barWidth < area.maxX - x
        let eighths = Int((ratio * Double(barWidth * 8)).rounded())
        let usePartials = glyphs.barPartials.count == 7
        let full = usePartials ? eighths / 8 : (eighths + 4) / 8
        for column in 0..<barWidth {
            if column < full {
                buffer[x + column, y] = Cell(glyphs.gaugeFilled, style: style)
            } else if usePartials, column == full, eighths % 8 > 0 {
                buffer[x + column, y] = Cell(glyphs.barPartials[eighths % 8 - 1], style: style)
            } else {
                buffer[x + column, y] = Cell(glyphs.gaugeEmpty, style: .muted)
            }
        }
        if showText {
            buffer[x + barWidth, y] = Cell(" ")
            buffer.write(text, x: x + barWidth + 1, y: y, style: .text, maxWidth: textWidth, glyphs: glyphs)
        }
    }
}
