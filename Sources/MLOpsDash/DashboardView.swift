import MLOpsCore
import TerminalUI

/// Draws the dashboard state into a screen buffer; knows nothing of the terminal.
public enum DashboardView {
    public static let minimumSize = (width: 80, height: 24)

    public static func render(_ state: DashboardState, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let glyphs: GlyphSet = state.ascii ? .ascii : .unicode
        guard width >= minimumSize.width, height >= minimumSize.height else {
            let lines = ["Terminal too small: \(width)x\(height).", "mlops-dash needs at least \(minimumSize.width)x\(minimumSize.height).",
                         "Resize the window, or press q to quit."]
            for (i, line) in lines.enumerated() where i < height {
                buffer.write(line, x: 0, y: i, style: i == 0 ? .bold(.warn) : .text, maxWidth: width, glyphs: glyphs)
            }
            return buffer
        }
        header(state, &buffer, glyphs)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        if let data = state.data, data.isReady(for: state.screen) || !state.drill.isEmpty {
            if let level = state.drill.last {
                drawTable(level.arranged.arranged(for: level.cursor), cursor: level.cursor, focused: true, into: &buffer, area: body, glyphs: glyphs,
                          titleSuffixes: ["  (Esc back · Enter fields · S sort · / filter)", "  (Esc back · Enter fields)", "  (Esc back)"],
                          columnLetters: state.overlay == .sortPrompt)
            } else {
                ScreenLayouts.draw(state.screen, data: data, state: state, into: &buffer, area: body, glyphs: glyphs)
            }
        } else {
            // The frame is there from the first moment: the screen's panel, waiting for its data.
            let panel = Panel(title: state.screen.title, focused: true)
            panel.render(into: &buffer, area: body, glyphs: glyphs)
            let inner = panel.inner(body)
            let message = state.loadError.map { "Could not load the store: \($0)" }
                ?? (state.data == nil ? "Loading…"
                    // Nothing is reading this screen's parts any more (stopped, failed): say how to get them.
                    : state.loading == nil ? "\(state.screen.title) is not loaded · r loads it" : "Loading \(state.screen.title)…")
            buffer.write(message, x: inner.x + 1, y: inner.y + 1, style: state.loadError == nil ? .muted : .critical,
                         maxWidth: max(0, inner.width - 2), glyphs: glyphs)
        }
        statusLine(state, &buffer, glyphs)
        if let overlay = state.overlay { drawOverlay(overlay, state, &buffer, glyphs) }
        if state.ascii { buffer.foldToASCII() }
        return buffer
    }

    static func header(_ state: DashboardState, _ buffer: inout ScreenBuffer, _ glyphs: GlyphSet) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), character: " ", style: .role(.header))
        var x = buffer.write(" mlops-dash ", x: 0, y: 0, style: .bold(.header), glyphs: glyphs)
        // Full titles, then short ones, then digits with only the current screen named:
        // the current screen's tab is always shown, whatever the width.
        let layouts: [(Screen) -> String] = [
            { " \($0.rawValue) \($0.title) " },
            { " \($0.rawValue) \(short($0)) " },
            { $0 == state.screen ? " \($0.rawValue) \(short($0)) " : " \($0.rawValue) " },
        ]
        let labels = layouts.lazy.map { label in Screen.allCases.map(label) }
            .first { x + $0.reduce(0) { $0 + $1.count } < buffer.width } ?? Screen.allCases.map(layouts[2])
        for (screen, label) in zip(Screen.allCases, labels) {
            let style = screen == state.screen ? Style(role: .selection, bold: true) : Style.role(.header)
            guard x + label.count < buffer.width else { break }
            x += buffer.write(label, x: x, y: 0, style: style, glyphs: glyphs)
        }
    }

    static func short(_ s: Screen) -> String {
        switch s {
        case .overview: return "Overview"
        case .velocity: return "Velocity"
        case .maintenance: return "Maint"
        case .maturity: return "Maturity"
        case .finance: return "Finance"
        case .product: return "Product"
        case .research: return "Research"
        case .triage: return "On-call"
        case .dataHealth: return "Data"
        }
    }

    /// The key hints, fullest first: the status line shows the longest that fits.
    static let keyHints = ["? help · q quit · t team · w window · Enter drill · / filter", "? help · q quit · t team · w window",
                           "? help · q quit", "? help"]

    /// Subject, window and clock on the left, key hints or a message on the right. Each side
    /// abbreviates by dropping whole parts (the window's dates, then the clock, then hints),
    /// never by cutting a word; the active filter is always shown. A message that does not
    /// fit beside the subject takes the whole line.
    static func statusLine(_ state: DashboardState, _ buffer: inout ScreenBuffer, _ glyphs: GlyphSet) {
        let y = buffer.height - 1, width = buffer.width
        buffer.fill(Rect(x: 0, y: y, width: width, height: 1), character: " ", style: .role(.header))
        var filterPart = ""
        if let c = DashboardUpdate.activeTable(state)?.cursor, !c.filter.isEmpty { filterPart = " · filter \"\(c.filter)\"" }
        var lefts = [" \(state.filter) · \(state.window)\(filterPart)"]
        if let s = state.data?.snapshot {
            // The data's own subject, window and dates: while another is loading, the screen still shows this one.
            let clock = " · \(String(s.now.iso8601.prefix(16)).replacingT)Z"
            lefts = [" \(s.filter) · \(s.windowLabel) (\(s.window.start.day)..\(Instant(seconds: s.window.end.seconds - 1).day))\(clock)\(filterPart)",
                     " \(s.filter) · \(s.windowLabel)\(clock)\(filterPart)"] + lefts
        }
        let sortPrompt = state.overlay == .sortPrompt ? DashboardUpdate.activeTable(state).map { active in
            let prompt = "sort by column: \(active.table.columnLetterRange)"
            return [prompt + " · Esc cancels", prompt]
        } : nil
        let message = state.status ?? DashboardActivity.text(state)
        let rights = sortPrompt ?? message.map { [$0] } ?? keyHints
        let emphasised = sortPrompt != nil || message != nil
        // The fullest left side that leaves room for some right side, the fullest right side beside it.
        var chosen: (String, String)?
        for left in lefts {
            if let right = rights.first(where: { DisplayWidth.of(left) + 2 + DisplayWidth.of($0) + 1 <= width }) {
                chosen = (left, right)
                break
            }
        }
        guard let (left, right) = chosen else {
            // A long message: alone on the line, cut at a word if it must be.
            let text = TextTruncation.truncateAtWord(" " + (rights.first ?? ""), toWidth: width - 1, ellipsis: glyphs.ellipsis)
            buffer.write(text, x: 0, y: y, style: emphasised ? .bold(.header) : .role(.header), maxWidth: width, glyphs: glyphs)
            return
        }
        buffer.write(left, x: 0, y: y, style: .role(.header), maxWidth: width, glyphs: glyphs)
        buffer.write(right, x: width - DisplayWidth.of(right) - 1, y: y, style: emphasised ? .bold(.header) : .role(.header),
                     maxWidth: width, glyphs: glyphs)
    }

    static func drawOverlay(_ overlay: Overlay, _ state: DashboardState, _ buffer: inout ScreenBuffer, _ glyphs: GlyphSet) {
        let area = Rect(x: 0, y: 1, width: buffer.width, height: buffer.height - 2)
        switch overlay {
        case .help:
            Popup(title: "Keys", lines: HelpText.lines.map { ($0, Style.text) }, preferredWidth: HelpText.width).render(into: &buffer, area: area, glyphs: glyphs)
        case .fields(let title, let lines, let scroll):
            Popup(title: title, lines: Array(lines.dropFirst(scroll)).map { ($0, Style.text) }, preferredWidth: min(buffer.width - 4, 110))
                .render(into: &buffer, area: area, glyphs: glyphs)
        case .picker(let kind, let options, let selected):
            let visible = max(1, area.height - 6)
            let start = max(0, min(selected - visible / 2, options.count - visible))
            let lines = options.enumerated().dropFirst(start).prefix(visible).map { i, o in
                (i == selected ? "> \(o)" : "  \(o)", i == selected ? Style(role: .selection, bold: true) : Style.text)
            }
            Popup(title: "Choose \(kind.rawValue) (Enter, Esc)", lines: lines, preferredWidth: 40).render(into: &buffer, area: area, glyphs: glyphs)
        case .commandLine(let text):
            let y = buffer.height - 1
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), character: " ", style: .text)
            let x = buffer.write(":" + text + "▏", x: 0, y: y, style: .bold(.accent), maxWidth: buffer.width, glyphs: glyphs)
            // What can come next, as many as fit; Tab completes.
            let next = CommandCompletion.candidates(text, teams: state.data?.teams ?? [], models: state.data?.models ?? [], themes: state.availableThemes)
            let hint = TextTruncation.firstFitting(["  " + next.joined(separator: " · ") + "  (Tab completes)", "  " + next.joined(separator: " · ")],
                                                   width: max(0, buffer.width - x - 1), ellipsis: glyphs.ellipsis)
            if !next.isEmpty { buffer.write(hint, x: x, y: y, style: .muted, maxWidth: max(0, buffer.width - x), glyphs: glyphs) }
        case .sortPrompt:
            break  // the status line asks for the letter; the table's headers show them
        case .filterInput(let text):
            let y = buffer.height - 1
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), character: " ", style: .text)
            buffer.write("/" + text + "▏  (Enter keep · Esc clear)", x: 0, y: y, style: .bold(.accent), maxWidth: buffer.width, glyphs: glyphs)
        }
    }

    /// On a wide panel, flexible columns take the width their content needs rather than all
    /// the spare width, so a name is not 150 columns away from its numbers. When the content
    /// does not fit, a flexible column whose content is narrower than an even share keeps its
    /// content's width, and the rest share what remains (so a short "Next step" column leaves
    /// its spare width to a long "Detail" one).
    static func fittedToContent(_ columns: [TableColumn], rows: [DataTable.Row], width: Int) -> [TableColumn] {
        let sample = rows.prefix(500)
        var fitted = columns
        var needed = columns.count - 1
        var fixedWidth = columns.count - 1
        var content: [Int: Int] = [:]
        for (i, column) in columns.enumerated() {
            switch column.width {
            case .fixed(let n):
                needed += n
                fixedWidth += n
            case .flexible(let minimum):
                let n = max(minimum, sample.reduce(DisplayWidth.of(column.title) + 2) { max($0, i < $1.cells.count ? DisplayWidth.of($1.cells[i]) : 0) })
                content[i] = n
                fitted[i].width = .fixed(n)
                needed += n
            }
        }
        if needed <= width { return fitted }
        fitted = columns
        var remaining = width - fixedWidth
        var open = content.keys.sorted()
        while !open.isEmpty {
            let share = remaining / open.count
            let narrow = open.filter { content[$0]! <= share }
            if narrow.isEmpty { break }
            for i in narrow {
                fitted[i].width = .fixed(content[i]!)
                remaining -= content[i]!
            }
            open.removeAll { narrow.contains($0) }
        }
        return fitted
    }

    /// A DataTable's columns as the table widget takes them: fixed or flexible, numbers right-aligned.
    static func tableColumns(_ table: DataTable) -> [TableColumn] {
        table.columns.map {
            TableColumn(title: $0.title, width: $0.width.map { .fixed($0) } ?? .flexible(min: 8), alignment: $0.numeric ? .right : .left)
        }
    }

    /// The width a table's panel needs to show every column whole: the columns fitted to all
    /// of the table's rows (not only those a filter keeps, so typing a filter moves nothing),
    /// the gaps between them and the border.
    static func panelWidth(fitting table: DataTable) -> Int {
        let columns = fittedToContent(tableColumns(table), rows: table.rows, width: .max)
        return columns.reduce(columns.count - 1 + 2) { total, column in
            if case .fixed(let n) = column.width { return total + n }
            return total
        }
    }

    /// A DataTable in a panel, with its cursor applied.
    ///
    /// The focused panel has the accent border and the selection bar; an unfocused one keeps
    /// its scroll position but shows no selection, so only one panel ever looks active.
    /// With `columnLetters` (while `S` waits for a letter) each header starts with its column's letter.
    static func drawTable(_ arranged: ArrangedTable, cursor: TableCursor, focused: Bool, into buffer: inout ScreenBuffer, area: Rect,
                          glyphs: GlyphSet, titleSuffixes: [String] = [], columnLetters: Bool = false) {
        guard !area.isEmpty else { return }
        let table = arranged.table, rows = arranged.rows
        let title = table.isList ? table.title : "\(table.title) (\(rows.count))"
        // The title whole, with the longest hint that still fits; a title too long alone is cut at a word.
        let fullTitle = TextTruncation.firstFitting(titleSuffixes.map { title + $0 } + [title], width: area.width - Panel.titleChrome,
                                                    ellipsis: glyphs.ellipsis)
        let panel = Panel(title: fullTitle, focused: focused)
        panel.render(into: &buffer, area: area, glyphs: glyphs)
        let inner = panel.inner(area)
        let visible = Table.visibleRowCount(area: inner, showsHeader: !table.isList)
        let selected = rows.isEmpty ? nil : min(cursor.selected, rows.count - 1)
        let offset = Table.scrollOffset(keeping: selected, current: 0, visible: visible, rowCount: rows.count)
        var columns = fittedToContent(tableColumns(table), rows: rows, width: inner.width)
        if columnLetters {
            // "C Deplo" rather than "C Depl…": the letter is what matters, and every column keeps it.
            let widths = Table(columns: columns, rows: []).columnWidths(totalWidth: inner.width)
            for i in columns.indices { columns[i].title = String("\(DataTable.columnLetter(i)) \(columns[i].title)".prefix(max(1, widths[i]))) }
        }
        // Only the rows on screen go to the widget: a frame costs the same for 20 rows or 200,000.
        let shown = rows[min(offset, rows.count)..<min(offset + visible, rows.count)]
        let widget = Table(columns: columns,
                           rows: shown.map(\.cells), selectedRow: focused ? selected.map { $0 - offset } : nil, scrollOffset: 0,
                           sortColumn: cursor.sortColumn, sortAscending: cursor.ascending,
                           rowStyles: shown.map { row in
                               switch row.urgency {
                               case .critical?: return Style.bold(.critical)
                               case .warning?: return Style.role(.warn)
                               case .notice?: return Style.role(.muted)
                               case nil: return Style.text
                               }
                           }, emptyMessage: table.emptyMessage, showsHeader: !table.isList)
        widget.render(into: &buffer, area: inner, glyphs: glyphs)
        // Where you are in a table longer than its panel, on the bottom border like a pager's
        // "12/512": the selected row when focused, else the last one shown.
        if rows.count > visible, visible > 0, area.height >= 3 {
            let at = focused ? (selected ?? 0) + 1 : min(offset + visible, rows.count)
            let position = " \(at)/\(rows.count) "
            let width = DisplayWidth.of(position)
            if width + 4 <= area.width {
                buffer.write(position, x: area.maxX - 2 - width, y: area.maxY - 1, style: focused ? Style(role: .accent, bold: true) : .border,
                             maxWidth: width, glyphs: glyphs)
            }
        }
    }
}

extension String {
    var replacingT: String { map { $0 == "T" ? " " : $0 }.reduce(into: "") { $0.append($1) } }
}
