import SafeText
/// A scrolling table with a header row, a selected row and a sort indicator.
///
/// Columns are separated by one space. Cell text that does not fit is cut with
/// an ellipsis. The header takes the first row (unless `showsHeader` is off,
/// for a plain list); data rows fill the rest, starting at `scrollOffset`.
public struct Table: Widget, Sendable {
    public var columns: [TableColumn]
    public var rows: [[String]]
    public var selectedRow: Int?
    public var scrollOffset: Int
    public var sortColumn: Int?
    public var sortAscending: Bool
    /// Per-row styles (e.g. critical for failed runs); missing entries use `.text`.
    public var rowStyles: [Style]?
    /// Shown in the first data row when there are no rows.
    public var emptyMessage: String?
    /// Off for a list: no header row, data rows start at the top.
    public var showsHeader: Bool

    public init(columns: [TableColumn], rows: [[String]], selectedRow: Int? = nil, scrollOffset: Int = 0,
                sortColumn: Int? = nil, sortAscending: Bool = true, rowStyles: [Style]? = nil, emptyMessage: String? = nil,
                showsHeader: Bool = true) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.scrollOffset = scrollOffset
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.rowStyles = rowStyles
        self.emptyMessage = emptyMessage
        self.showsHeader = showsHeader
    }

    /// How many data rows fit in `area` (one row goes to the header, if there is one).
    public static func visibleRowCount(area: Rect, showsHeader: Bool = true) -> Int {
        max(0, area.height - (showsHeader ? 1 : 0))
    }

    /// The scroll offset that keeps `selected` on screen while moving as little as possible.
    ///
    /// Pass `rowCount` to also avoid scrolling past the end (no blank rows at the bottom).
    public static func scrollOffset(keeping selected: Int?, current: Int, visible: Int, rowCount: Int? = nil) -> Int {
        var offset = max(0, current)
        if let rowCount { offset = min(offset, max(0, rowCount - visible)) }
        guard let selected, visible > 0 else { return offset }
        if selected < offset { offset = selected }
        if selected >= offset + visible { offset = selected - visible + 1 }
        return max(0, offset)
    }

    /// The resolved width of each column for a table `totalWidth` columns wide.
    ///
    /// Flexible columns split the leftover space evenly (remainder to the
    /// leftmost). Columns past the right edge get width 0.
    public func columnWidths(totalWidth: Int) -> [Int] {
        guard !columns.isEmpty else { return [] }
        let gaps = columns.count - 1
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let n): return max(0, n)
            case .flexible(let minimum): return max(0, minimum)
            }
        }
        let flexible = columns.indices.filter {
            if case .flexible = columns[$0].width { return true } else { return false }
        }
        var spare = totalWidth - gaps - widths.reduce(0, +)
        if spare > 0, !flexible.isEmpty {
            let share = spare / flexible.count
            for index in flexible { widths[index] += share }
            spare -= share * flexible.count
            for index in flexible.prefix(spare) { widths[index] += 1 }
        }
        // Clip to the table width so the last visible column ends at the edge.
        var x = 0
        for index in widths.indices {
            widths[index] = max(0, min(widths[index], totalWidth - x))
            x += widths[index] + 1
        }
        return widths
    }

    public func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(totalWidth: area.width)
        let top = area.y + (showsHeader ? 1 : 0)

        if showsHeader {
            buffer.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), style: .header)
            var x = area.x
            for (index, column) in columns.enumerated() where widths[index] > 0 {
                let title = headerTitle(index: index, column: column, width: widths[index], glyphs: glyphs)
                buffer.write(title, x: x, y: area.y, style: .header, maxWidth: widths[index], glyphs: glyphs)
                x += widths[index] + 1
            }
        }

        let visible = Table.visibleRowCount(area: area, showsHeader: showsHeader)
        if rows.isEmpty {
            if let emptyMessage, visible > 0 {
                buffer.write(emptyMessage, x: area.x, y: top, style: .muted, maxWidth: area.width, glyphs: glyphs)
            }
            return
        }
        for line in 0..<visible {
            let rowIndex = scrollOffset + line
            guard rowIndex >= 0, rowIndex < rows.count else { break }
            let y = top + line
            let isSelected = rowIndex == selectedRow
            let style = isSelected ? Style(role: .selection, bold: true) : (rowStyles?[safe: rowIndex] ?? .text)
            // Fill the whole row so column gaps are cleared and the selection is a solid bar.
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: style)
            var cellX = area.x
            for (index, column) in columns.enumerated() where widths[index] > 0 {
                let text = TextSanitizer.clean(rows[rowIndex][safe: index] ?? "")
                let fitted = TextTruncation.fit(text, toWidth: widths[index], alignment: column.alignment, ellipsis: glyphs.ellipsis)
                buffer.write(fitted, x: cellX, y: y, style: style, maxWidth: widths[index], glyphs: glyphs)
                cellX += widths[index] + 1
            }
        }
    }

    /// Header text with the sort indicator kept visible even when the title is cut.
    private func headerTitle(index: Int, column: TableColumn, width: Int, glyphs: GlyphSet) -> String {
        let title = TextSanitizer.clean(column.title)
        guard index == sortColumn else {
            return TextTruncation.fit(title, toWidth: width, alignment: column.alignment, ellipsis: glyphs.ellipsis)
        }
        let indicator = sortAscending ? glyphs.sortAscending : glyphs.sortDescending
        guard width >= 3 else { return TextTruncation.fit(String(indicator), toWidth: width) }
        let cut = TextTruncation.truncate(title, toWidth: width - 2, ellipsis: glyphs.ellipsis)
        return TextTruncation.fit(cut + " " + String(indicator), toWidth: width, alignment: column.alignment, ellipsis: glyphs.ellipsis)
    }
}
