import SafeText
/// Several lines of styled text, clipped to the area (never wrapped).
///
/// Use `TextBlock.wrapWords` first when the text should wrap.
public struct TextBlock: Widget, Sendable {
    public var lines: [(String, Style)]
    /// Index of the first line shown.
    public var scrollOffset: Int

    public init(lines: [(String, Style)], scrollOffset: Int = 0) {
        self.lines = lines
        self.scrollOffset = scrollOffset
    }

    /// Lines all in one style.
    public init(lines: [String], style: Style = .text, scrollOffset: Int = 0) {
        self.init(lines: lines.map { ($0, style) }, scrollOffset: scrollOffset)
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard !area.isEmpty else { return }
        for row in 0..<area.height {
            let index = scrollOffset + row
            guard index >= 0, index < lines.count else { break }
            let (text, style) = lines[index]
            buffer.write(text, x: area.x, y: area.y + row, style: style, maxWidth: area.width, glyphs: glyphs)
        }
    }

    /// Greedy word wrap by display width.
    ///
    /// Newlines start new paragraphs (blank lines are kept); runs of spaces
    /// collapse; a word longer than `width` is split across lines.
    public static func wrapWords(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        let normalized = text.replacingAll("\r\n", with: "\n")
        for paragraph in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let clean = TextSanitizer.clean(String(paragraph))
            var line = ""
            var lineWidth = 0
            for word in clean.split(separator: " ") {
                var word = String(word)
                var wordWidth = DisplayWidth.of(word)
                if lineWidth > 0, lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    let (head, tail) = splitWord(word, width: width)
                    result.append(head)
                    word = tail
                    wordWidth = DisplayWidth.of(word)
                }
                line = word
                lineWidth = wordWidth
            }
            result.append(line)
        }
        return result
    }

    /// Splits off the longest prefix that fits in `width` columns (at least one character).
    private static func splitWord(_ word: String, width: Int) -> (String, String) {
        var head = ""
        var used = 0
        var index = word.startIndex
        while index < word.endIndex {
            let w = DisplayWidth.of(word[index])
            if used + w > width, !head.isEmpty { break }
            head.append(word[index])
            used += w
            index = word.index(after: index)
        }
        return (head, String(word[index...]))
    }
}
