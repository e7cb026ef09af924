import SafeText
/// An in-memory grid of cells that widgets draw into and backends put on screen.
///
/// Drawing never fails: anything outside the buffer is silently clipped, so a
/// widget given a too-small area degrades instead of crashing.
public struct ScreenBuffer: Equatable, Sendable {
    public let width: Int
    public let height: Int
    /// Row-major cells; index `y * width + x`.
    public private(set) var cells: [Cell]

    /// A buffer of the given size where every cell is `fill`.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A buffer of the given size filled with one character (tests use `"x"` to reveal untouched cells).
    public init(width: Int, height: Int, fill character: Character, style: Style = .text) {
        self.init(width: width, height: height, fill: Cell(character, style: style))
    }

    /// The whole buffer as a rect.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (`x`, `y`); reads outside the buffer return a blank cell, writes there are ignored.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank }
            return cells[y * width + x]
        }
        set { put(newValue, x: x, y: y) }
    }

    /// Whether (`x`, `y`) is inside the buffer.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Stores one cell, repairing any wide character it partially overwrites; a control
    /// character is stored as its visible picture (`␍`, `␛`), never raw.
    ///
    /// Without the repair a half-overwritten wide character would leave an
    /// orphan continuation cell, and the terminal would shift the rest of the row.
    public mutating func put(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        var cell = cell
        if let first = cell.character.unicodeScalars.first, first.value < 0x20 || (0x7F...0x9F).contains(first.value) {
            // A raw CR or ESC in a cell would move the terminal's cursor or start a sequence.
            cell.character = TextSanitizer.clean(String(first)).first ?? " "
        }
        let index = y * width + x
        let old = cells[index]
        if old.isContinuation, !cell.isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if !old.isContinuation, x + 1 < width, cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// Writes one line of text and returns how many columns it used.
    ///
    /// The text is sanitised first (see `TextSanitizer`). It is clipped to the
    /// buffer's right edge and to `maxWidth`; when it does not fit it is cut and
    /// ends in the glyph set's ellipsis. Text never wraps.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil, glyphs: GlyphSet = .unicode) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let clean = TextSanitizer.clean(text)
        // Columns left of the buffer are skipped but still count towards the limit.
        var limit = width - x
        if let maxWidth { limit = min(limit, maxWidth) }
        guard limit > 0 else { return 0 }
        let fitted = TextTruncation.truncate(clean, toWidth: limit, ellipsis: glyphs.ellipsis)
        var column = x
        for cluster in fitted {
            for character in DisplayWidth.cells(of: cluster) {
                let w = DisplayWidth.of(character)
                if w == 0 { continue }
                if column >= 0 {
                    put(Cell(character, style: style), x: column, y: y)
                    if w == 2 { put(.continuation(style: style), x: column + 1, y: y) }
                } else if w == 2, column == -1 {
                    // Half of a wide character hangs off the left edge; show a blank instead.
                    put(Cell(" ", style: style), x: 0, y: y)
                }
                column += w
            }
        }
        return max(0, column - max(x, 0))
    }

    /// Fills every cell of `rect` (clipped to the buffer) with one character.
    public mutating func fill(_ rect: Rect, character: Character = " ", style: Style = .text) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        let w = DisplayWidth.of(character)
        if w == 2 {
            // Wide fill characters take two columns each; pad an odd remainder with a space.
            for y in clipped.y..<clipped.maxY {
                var x = clipped.x
                while x < clipped.maxX {
                    if x + 1 < clipped.maxX {
                        put(Cell(character, style: style), x: x, y: y)
                        put(.continuation(style: style), x: x + 1, y: y)
                    } else {
                        put(Cell(" ", style: style), x: x, y: y)
                    }
                    x += 2
                }
            }
            return
        }
        let cell = Cell(w == 0 ? " " : character, style: style)
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { put(cell, x: x, y: y) }
        }
    }

    /// Changes the style of every cell in `rect` while keeping its character.
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = rect.intersection(area)
        guard !clipped.isEmpty else { return }
        for y in clipped.y..<clipped.maxY {
            for x in clipped.x..<clipped.maxX { cells[y * width + x].style = style }
        }
    }

    /// The plain text of each row; continuation cells are omitted and trailing spaces kept.
    public func lines() -> [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width {
                let cell = cells[y * width + x]
                if !cell.isContinuation { line.append(cell.character) }
            }
            return line
        }
    }

    /// All rows joined with newlines (no trailing newline); handy for snapshots.
    public func text() -> String {
        lines().joined(separator: "\n")
    }

    /// The cells that differ from `previous`, in row-major order.
    ///
    /// Every cell is reported when there is no previous buffer or its size
    /// differs, because the terminal contents are then unknown.
    public func changes(from previous: ScreenBuffer?) -> [(x: Int, y: Int, cell: Cell)] {
        var result: [(x: Int, y: Int, cell: Cell)] = []
        let full = previous == nil || previous!.width != width || previous!.height != height
        for y in 0..<height {
            for x in 0..<width {
                let index = y * width + x
                let cell = cells[index]
                if full || previous!.cells[index] != cell {
                    result.append((x: x, y: y, cell: cell))
                }
            }
        }
        return result
    }
}
