/// A bordered box with a title; the frame around every dashboard section.
public struct Panel: Widget, Sendable {
    public var title: String
    public var focused: Bool

    public init(title: String, focused: Bool = false) {
        self.title = title
        self.focused = focused
    }

    /// Columns of the top border that are not title: two corners, one rule glyph, the space before it
    /// (the space after it goes when the title is as wide as it can be).
    public static let titleChrome = 5

    /// The area left for content once the border is drawn.
    public func inner(_ area: Rect) -> Rect {
        area.inset(by: 1)
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard area.width >= 2, area.height >= 2 else {
            // No room for a border; the title alone still says what this is.
            if !area.isEmpty {
                buffer.write(title, x: area.x, y: area.y, style: titleStyle, maxWidth: area.width, glyphs: glyphs)
            }
            return
        }
        // Focus is shown by colour (accent) and, for monochrome, by bold.
        let borderStyle = focused ? Style(role: .accent, bold: true) : Style.border
        let left = area.x, right = area.maxX - 1, top = area.y, bottom = area.maxY - 1
        for x in (left + 1)..<right {
            buffer[x, top] = Cell(glyphs.horizontal, style: borderStyle)
            buffer[x, bottom] = Cell(glyphs.horizontal, style: borderStyle)
        }
        for y in (top + 1)..<bottom {
            buffer[left, y] = Cell(glyphs.vertical, style: borderStyle)
            buffer[right, y] = Cell(glyphs.vertical, style: borderStyle)
        }
        buffer[left, top] = Cell(glyphs.topLeft, style: borderStyle)
        buffer[right, top] = Cell(glyphs.topRight, style: borderStyle)
        buffer[left, bottom] = Cell(glyphs.bottomLeft, style: borderStyle)
        buffer[right, bottom] = Cell(glyphs.bottomRight, style: borderStyle)

        // " Title " sits after the corner and one rule glyph; it needs at least 5 columns.
        // A title too long is cut at a word, so it never ends in half a word.
        let room = area.width - 4
        if !title.isEmpty, room >= 1 {
            let text = TextTruncation.truncateAtWord(title, toWidth: area.width - Panel.titleChrome, ellipsis: glyphs.ellipsis)
            buffer.write(" " + text + " ", x: left + 2, y: top, style: titleStyle, maxWidth: room, glyphs: glyphs)
        }
    }

    private var titleStyle: Style { .title }
}
