/// A one-row miniature chart of recent values.
///
/// Values are scaled to the maximum (or `maximum` when given), with zero at the
/// lowest level. The newest value is always at the right edge: with more
/// values than columns the oldest are dropped, with fewer the line starts
/// part-way across. Only the first row of the area is used.
public struct Sparkline: Widget, Sendable {
    /// Oldest first; `nil` marks a gap in the data.
    public var values: [Double?]
    public var style: Style
    /// Scale top; defaults to the largest visible value.
    public var maximum: Double?
    /// Spread the values over the whole width, each as wide as the width allows (a few weekly
    /// values on a wide panel), starting at the left edge.
    public var stretches: Bool
    /// Indexes into `values` drawn muted: periods not yet complete, which would otherwise
    /// read as a collapse.
    public var partial: Set<Int>

    public init(values: [Double?], style: Style = .accent, maximum: Double? = nil, stretches: Bool = false, partial: Set<Int> = []) {
        self.values = values
        self.style = style
        self.maximum = maximum
        self.stretches = stretches
        self.partial = partial
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard !area.isEmpty, !values.isEmpty else { return }
        if stretches && values.count <= area.width {
            let step = area.width / values.count
            let top = maximum ?? values.compactMap { $0 }.filter { $0.isFinite }.max() ?? 0
            let levels = glyphs.sparkline
            for (index, value) in values.enumerated() {
                let cell: Cell
                if let value, value.isFinite {
                    cell = Cell(levels[Sparkline.level(value, maximum: top, levels: levels.count)], style: partial.contains(index) ? .muted : style)
                } else {
                    cell = Cell(glyphs.noData, style: .muted)
                }
                // A blank column between wide values, so each period reads as one bar.
                let drawn = step >= 3 ? step - 1 : step
                for x in (area.x + index * step)..<(area.x + index * step + drawn) { buffer[x, area.y] = cell }
            }
            return
        }
        let visible = Array(values.suffix(area.width))
        let top = maximum ?? visible.compactMap { $0 }.filter { $0.isFinite }.max() ?? 0
        let startX = area.maxX - visible.count
        let levels = glyphs.sparkline
        for (offset, value) in visible.enumerated() {
            let x = startX + offset
            guard let value, value.isFinite else {
                buffer[x, area.y] = Cell(glyphs.noData, style: .muted)
                continue
            }
            let index = values.count - visible.count + offset
            buffer[x, area.y] = Cell(levels[Sparkline.level(value, maximum: top, levels: levels.count)], style: partial.contains(index) ? .muted : style)
        }
    }

    /// The glyph index for `value` on a scale of `levels` steps from 0 to `maximum`.
    public static func level(_ value: Double, maximum: Double, levels: Int) -> Int {
        guard maximum > 0, levels > 0 else { return 0 }
        let scaled = (max(0, value) / maximum) * Double(levels - 1)
        return min(levels - 1, max(0, Int(scaled.rounded())))
    }
}
