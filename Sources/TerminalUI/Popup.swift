import SafeText
/// A centred box drawn over everything else, for help, pickers and record details.
///
/// The area under the box is cleared first so the dashboard does not show through.
public struct Popup: Widget, Sendable {
    public var title: String
    public var lines: [(String, Style)]
    /// Fixed outer width; by default sized to the content.
    public var preferredWidth: Int?

    public init(title: String, lines: [(String, Style)], preferredWidth: Int? = nil) {
        self.title = title
        self.lines = lines
        self.preferredWidth = preferredWidth
    }

    /// Lines all in one style.
    public init(title: String, lines: [String], style: Style = .text, preferredWidth: Int? = nil) {
        self.init(title: title, lines: lines.map { ($0, style) }, preferredWidth: preferredWidth)
    }

    /// Where the box lands inside `area`: content-sized plus border and one column of padding, centred.
    public func frame(in area: Rect) -> Rect {
        let contentWidth = lines.map { DisplayWidth.of(TextSanitizer.clean($0.0)) }.max() ?? 0
        let titleWidth = DisplayWidth.of(TextSanitizer.clean(title)) + 2
        let wanted = preferredWidth ?? (max(contentWidth, titleWidth) + 4)
        let width = min(wanted, area.width)
        let height = min(lines.count + 2, area.height)
        return Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2,
                    width: width, height: height)
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        let box = frame(in: area)
        guard !box.isEmpty else { return }
        buffer.fill(box, character: " ", style: .text)
        let panel = Panel(title: title, focused: true)
        panel.render(into: &buffer, area: box, glyphs: glyphs)
        let content = panel.inner(box).inset(horizontal: 1, vertical: 0)
        TextBlock(lines: lines).render(into: &buffer, area: content, glyphs: glyphs)
    }
}

/// Another name for `Popup`.
public typealias Overlay = Popup
