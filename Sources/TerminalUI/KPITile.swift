import SafeText
/// A headline number with its label, unit and change since the last period.
///
/// Layout by available height:
/// - 3+ rows: label / value + unit / arrow + delta
/// - 2 rows: label / value + unit + arrow + delta
/// - 1 row: label, value, unit, arrow and delta on one line; when space runs
///   out the delta text goes first, then the unit, then the arrow, and the
///   label is shortened, so the value itself stays visible as long as possible.
public struct KPITile: Widget, Sendable {
    public var label: String
    public var value: String
    public var unit: String?
    public var delta: String?
    public var trend: Trend?
    public var direction: TrendDirection?

    public init(label: String, value: String, unit: String? = nil, delta: String? = nil,
                trend: Trend? = nil, direction: TrendDirection? = nil) {
        self.label = label
        self.value = value
        self.unit = unit
        self.delta = delta
        self.trend = trend
        self.direction = direction
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard !area.isEmpty else { return }
        // Tiles sit side by side: a label one column short of the edge never runs into the next one.
        let labelWidth = area.width > 8 ? area.width - 1 : area.width
        switch area.height {
        case 1:
            drawSingleLine(into: &buffer, area: area, glyphs: glyphs)
        case 2:
            buffer.write(label, x: area.x, y: area.y, style: .muted, maxWidth: labelWidth, glyphs: glyphs)
            drawValueLine(into: &buffer, x: area.x, y: area.y + 1, maxX: area.maxX, glyphs: glyphs, includeDelta: true)
        default:
            buffer.write(label, x: area.x, y: area.y, style: .muted, maxWidth: labelWidth, glyphs: glyphs)
            drawValueLine(into: &buffer, x: area.x, y: area.y + 1, maxX: area.maxX, glyphs: glyphs, includeDelta: false)
            drawDelta(into: &buffer, x: area.x, y: area.y + 2, maxX: area.maxX, glyphs: glyphs)
        }
    }

    private var deltaStyle: Style { (trend ?? .neutral).style }

    /// The arrow and delta text, e.g. "▲ +3.1%"; empty when neither is set.
    private func deltaText(glyphs: GlyphSet) -> String {
        var parts: [String] = []
        if let direction { parts.append(String(direction.arrow(in: glyphs))) }
        if let delta, !delta.isEmpty { parts.append(delta) }
        return parts.joined(separator: " ")
    }

    private func drawValueLine(into buffer: inout ScreenBuffer, x startX: Int, y: Int, maxX: Int, glyphs: GlyphSet, includeDelta: Bool) {
        var x = startX
        x += buffer.write(value, x: x, y: y, style: .bold(.text), maxWidth: maxX - x, glyphs: glyphs)
        if let unit, !unit.isEmpty, x < maxX {
            x += buffer.write(" " + unit, x: x, y: y, style: .muted, maxWidth: maxX - x, glyphs: glyphs)
        }
        if includeDelta {
            let text = deltaText(glyphs: glyphs)
            if !text.isEmpty, x + 1 < maxX {
                buffer.write(" " + text, x: x, y: y, style: deltaStyle, maxWidth: maxX - x, glyphs: glyphs)
            }
        }
    }

    private func drawSingleLine(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        let valueWidth = DisplayWidth.of(TextSanitizer.clean(value))
        var unitWidth = unit.map { $0.isEmpty ? 0 : 1 + DisplayWidth.of(TextSanitizer.clean($0)) } ?? 0
        var arrowWidth = direction == nil ? 0 : 2
        var deltaWidth = delta.map { $0.isEmpty ? 0 : 1 + DisplayWidth.of(TextSanitizer.clean($0)) } ?? 0
        var needed: Int { valueWidth + unitWidth + arrowWidth + deltaWidth }
        if needed > area.width { deltaWidth = 0 }
        if needed > area.width { unitWidth = 0 }
        if needed > area.width { arrowWidth = 0 }

        var x = area.x
        let y = area.y
        // A label shorter than one character plus the ellipsis says nothing; drop it.
        let labelRoom = area.width - needed - 1
        if labelRoom >= 2 {
            x += buffer.write(label, x: x, y: y, style: .muted, maxWidth: labelRoom, glyphs: glyphs)
            buffer[x, y] = Cell(" ")
            x += 1
        }
        x += buffer.write(value, x: x, y: y, style: .bold(.text), maxWidth: area.maxX - x, glyphs: glyphs)
        if unitWidth > 0, let unit {
            x += buffer.write(" " + unit, x: x, y: y, style: .muted, maxWidth: area.maxX - x, glyphs: glyphs)
        }
        if arrowWidth > 0, let direction {
            var text = " " + String(direction.arrow(in: glyphs))
            if deltaWidth > 0, let delta { text += " " + delta }
            buffer.write(text, x: x, y: y, style: deltaStyle, maxWidth: area.maxX - x, glyphs: glyphs)
        } else if deltaWidth > 0, let delta {
            buffer.write(" " + delta, x: x, y: y, style: deltaStyle, maxWidth: area.maxX - x, glyphs: glyphs)
        }
    }

    private func drawDelta(into buffer: inout ScreenBuffer, x: Int, y: Int, maxX: Int, glyphs: GlyphSet) {
        let text = deltaText(glyphs: glyphs)
        guard !text.isEmpty else { return }
        buffer.write(text, x: x, y: y, style: deltaStyle, maxWidth: maxX - x, glyphs: glyphs)
    }
}
