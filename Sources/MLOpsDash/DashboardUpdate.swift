import MLOpsCore
import TerminalUI

/// The dashboard's pure state machine: a message in, a new state and effects out.
public enum DashboardUpdate {
    public static let windowChoices: [WindowSpec] = [.lastDays(7), .lastDays(30), .lastDays(90), .quarterToDate, .previousQuarter]

    public static func update(_ state: inout DashboardState, _ message: DashboardMessage) -> [DashboardEffect] {
        switch message {
        case .loaded(let data):
            state.data = data
            state.loadError = nil
            clampCursors(&state)
            return []
        case .loadFailed(let error):
            state.loadError = error
            return []
        case .pageLoaded(let page):
            guard state.pendingPage == page.request else { return [] }
            state.pendingPage = nil
            state.status = nil
            state.drill.append(DrillLevel(table: RecordFields.table(for: page)))
            return []
        case .pageFailed(let request, let error):
            guard state.pendingPage == request else { return [] }
            state.pendingPage = nil
            state.status = "could not read the records: \(error)"
            return []
        case .status(let text):
            state.status = text
            return []
        case .key(let key):
            return handle(key, &state)
        }
    }

    /// The table the keys act on: the deepest drill level, else the screen's focused panel.
    public static func activeTable(_ state: DashboardState) -> (table: DataTable, cursor: TableCursor)? {
        if let top = state.drill.last { return (top.table, top.cursor) }
        guard let data = state.data else { return nil }
        let panel = state.focusedPanel(on: state.screen)
        return (ScreenTables.table(panel, on: state.screen, data: data, ascii: state.ascii), state.cursor(for: state.screen, panel: panel))
    }

    static func setCursor(_ state: inout DashboardState, _ cursor: TableCursor) {
        if state.drill.isEmpty {
            state.cursors[PanelID(state.screen, state.focusedPanel(on: state.screen))] = cursor
        } else {
            state.drill[state.drill.count - 1].cursor = cursor
        }
    }

    static func clampCursors(_ state: inout DashboardState) {
        guard let data = state.data else { return }
        for (id, cursor) in state.cursors {
            var c = cursor
            let count = ScreenTables.table(id.panel, on: id.screen, data: data, ascii: state.ascii)
                .arranged(filter: c.filter, sortColumn: c.sortColumn, ascending: c.ascending).count
            c.selected = max(0, min(c.selected, count - 1))
            state.cursors[id] = c
        }
    }

    static func handle(_ key: Key, _ state: inout DashboardState) -> [DashboardEffect] {
        state.status = nil
        if let overlay = state.overlay { return handleOverlay(key, overlay, &state) }
        switch key {
        case .character(let c) where c.isNumber:
            if let n = c.wholeNumberValue, let screen = Screen(rawValue: n) { switchTo(screen, &state) }
        case .character("o"): switchTo(.triage, &state)
        case .character("d"): switchTo(.dataHealth, &state)
        case .character("q"), .control("c"):
            state.wantsQuit = true
            return [.quit]
        case .character("?"): state.overlay = .help
        case .escape:
            if state.pendingPage != nil { state.pendingPage = nil; state.status = "cancelled" }
            else if !state.drill.isEmpty { state.drill.removeLast() }
            else if var c = activeTable(state)?.cursor, !c.filter.isEmpty { c.filter = ""; setCursor(&state, c) }
        case .tab: moveFocus(1, &state)
        case .backTab: moveFocus(-1, &state)
        case .down, .character("j"): move(1, &state)
        case .up, .character("k"): move(-1, &state)
        case .pageDown: move(10, &state)
        case .pageUp: move(-10, &state)
        case .home, .character("g"): move(-1_000_000, &state)
        case .end, .character("G"): move(1_000_000, &state)
        case .enter: return drillDown(&state)
        case .character("/"): state.overlay = .filterInput(activeTable(state)?.cursor.filter ?? "")
        case .character("S"):
            guard let table = activeTable(state)?.table, !table.columns.isEmpty else { state.status = "nothing to sort here"; break }
            state.overlay = .sortPrompt
        case .character(">"): cycleSort(1, &state)
        case .character("<"): cycleSort(-1, &state)
        case .character("t"):
            let teams = ["(all teams)"] + (state.data?.teams ?? [])
            state.overlay = .picker(kind: .team, options: teams, selected: teams.firstIndex(of: state.filter.team ?? "(all teams)") ?? 0)
        case .character("m"):
            let models = ["(all models)"] + (state.data?.models ?? [])
            state.overlay = .picker(kind: .model, options: models, selected: models.firstIndex(of: state.filter.model ?? "(all models)") ?? 0)
        case .character("w"):
            let options = windowChoices.map(\.description)
            state.overlay = .picker(kind: .window, options: options, selected: windowChoices.firstIndex(of: state.window) ?? 1)
        case .character("T"):
            state.overlay = .picker(kind: .theme, options: state.availableThemes, selected: state.availableThemes.firstIndex(of: state.themeName) ?? 0)
        case .character(":"): state.overlay = .commandLine("")
        case .character("r"):
            state.status = "refreshing…"
            return [.reload]
        case .control("s"): return [.saveScreen]
        case .character("e"): return [.exportReport]
        default: break
        }
        return []
    }

    static func switchTo(_ screen: Screen, _ state: inout DashboardState) {
        state.screen = screen
        state.drill = []
        state.pendingPage = nil
    }

    /// `Tab` / `Shift-Tab`: the next / previous panel of this screen that takes focus, wrapping round.
    static func moveFocus(_ step: Int, _ state: inout DashboardState) {
        guard state.drill.isEmpty else {
            state.status = "no other panel · Esc goes back"
            return
        }
        let panels = state.screen.focusablePanels
        guard panels.count > 1 else {
            state.status = "no other panel to focus here"
            return
        }
        let current = panels.firstIndex(of: state.focusedPanel(on: state.screen)) ?? 0
        state.focus[state.screen] = panels[(current + step + panels.count) % panels.count]
    }

    static func move(_ delta: Int, _ state: inout DashboardState) {
        guard let (table, cursor) = activeTable(state) else { return }
        let count = table.arranged(filter: cursor.filter, sortColumn: cursor.sortColumn, ascending: cursor.ascending).count
        var c = cursor
        c.selected = max(0, min(count - 1, c.selected + delta))
        setCursor(&state, c)
    }

    static func cycleSort(_ direction: Int, _ state: inout DashboardState) {
        guard let (table, cursor) = activeTable(state), !table.columns.isEmpty else { return }
        var c = cursor
        let n = table.columns.count
        // Each column sorts ascending then descending before moving on; "no sort" sits between the ends.
        let positions = [nil] + (0..<n).flatMap { [($0, true), ($0, false)] }
        let current = positions.firstIndex { p in
            if let p { return c.sortColumn == p.0 && c.ascending == p.1 } else { return c.sortColumn == nil }
        } ?? 0
        let next = positions[(current + direction + positions.count) % positions.count]
        c.sortColumn = next?.0
        c.ascending = next?.1 ?? true
        c.selected = 0
        setCursor(&state, c)
        state.status = c.sortColumn.map { "sorted by \(table.columns[$0].title) \(c.ascending ? "ascending" : "descending")" } ?? "unsorted"
    }

    /// The key after `S`: a column letter sorts by that column, ascending; the same letter again
    /// reverses it. Esc, or anything that names no column, cancels.
    static func sortByLetter(_ key: Key, _ state: inout DashboardState) {
        guard let (table, cursor) = activeTable(state) else { return }
        guard case .character(let letter) = key else {
            state.status = "sort cancelled"
            return
        }
        guard let column = DataTable.columnIndex(letter: letter), column < table.columns.count else {
            state.status = "sort cancelled: no column \(letter.uppercased())"
            return
        }
        var c = cursor
        c.ascending = c.sortColumn == column ? !c.ascending : true
        c.sortColumn = column
        c.selected = 0
        setCursor(&state, c)
        state.status = "sorted by \(table.columns[column].title) \(c.ascending ? "ascending" : "descending")"
    }

    static func drillDown(_ state: inout DashboardState) -> [DashboardEffect] {
        guard let (table, cursor) = activeTable(state) else { return [] }
        let rows = table.arranged(filter: cursor.filter, sortColumn: cursor.sortColumn, ascending: cursor.ascending)
        guard cursor.selected < rows.count, let drill = rows[cursor.selected].drill else {
            state.status = "nothing behind this row"
            return []
        }
        switch drill {
        case .table(let t): state.drill.append(DrillLevel(table: t))
        case .fields(let title, let fields):
            let width = fields.map(\.0.count).max() ?? 0
            state.overlay = .fields(title: title, lines: fields.map { $0.0.padding(width) + "  " + $0.1 }, scroll: 0)
        case .query(let request):
            state.pendingPage = request
            state.status = "reading \(request.kind.rawValue)…"
            return [.loadPage(request)]
        }
        return []
    }

    static func handleOverlay(_ key: Key, _ overlay: Overlay, _ state: inout DashboardState) -> [DashboardEffect] {
        switch overlay {
        case .help:
            if key == .escape || key == .character("?") || key == .character("q") || key == .enter { state.overlay = nil }
        case .fields(let title, let lines, let scroll):
            switch key {
            case .down, .character("j"): state.overlay = .fields(title: title, lines: lines, scroll: min(scroll + 1, max(0, lines.count - 1)))
            case .up, .character("k"): state.overlay = .fields(title: title, lines: lines, scroll: max(0, scroll - 1))
            case .escape, .enter, .character("q"): state.overlay = nil
            default: break
            }
        case .picker(let kind, let options, let selected):
            switch key {
            case .down, .character("j"): state.overlay = .picker(kind: kind, options: options, selected: min(selected + 1, options.count - 1))
            case .up, .character("k"): state.overlay = .picker(kind: kind, options: options, selected: max(selected - 1, 0))
            case .escape, .character("q"): state.overlay = nil
            case .enter:
                state.overlay = nil
                return choose(kind, options[selected], index: selected, &state)
            default: break
            }
        case .filterInput(let text):
            // The table filters as you type (as in k9s); Enter keeps the filter, Esc clears it.
            func apply(_ filter: String) {
                if var c = activeTable(state)?.cursor, c.filter != filter { c.filter = filter; c.selected = 0; setCursor(&state, c) }
            }
            switch key {
            case .escape:
                state.overlay = nil
                apply("")
            case .enter: state.overlay = nil
            case .backspace:
                state.overlay = .filterInput(String(text.dropLast()))
                apply(String(text.dropLast()))
            case .character(let ch):
                state.overlay = .filterInput(text + String(ch))
                apply(text + String(ch))
            default: break
            }
        case .sortPrompt:
            state.overlay = nil
            sortByLetter(key, &state)
        case .commandLine(let text):
            switch key {
            case .escape: state.overlay = nil
            case .enter:
                state.overlay = nil
                return runCommand(text, &state)
            case .backspace: state.overlay = .commandLine(String(text.dropLast()))
            case .character(let ch): state.overlay = .commandLine(text + String(ch))
            case .tab: state.overlay = .commandLine(CommandCompletion.complete(text, teams: state.data?.teams ?? [], models: state.data?.models ?? [],
                                                                                 themes: state.availableThemes))
            default: break
            }
        }
        return []
    }

    static func choose(_ kind: PickerKind, _ option: String, index: Int, _ state: inout DashboardState) -> [DashboardEffect] {
        switch kind {
        case .team:
            state.filter.team = index == 0 ? nil : option
            state.filter.model = nil
        case .model:
            state.filter.model = index == 0 ? nil : option
        case .window:
            state.window = windowChoices[index]
        case .theme:
            state.themeName = option
            return []
        }
        state.drill = []
        state.pendingPage = nil
        state.status = "loading \(state.filter) · \(state.window)…"
        return [.reload]
    }

    /// `:team atlas`, `:team` (all), `:model x`, `:window 90d`, `:theme light`, `:export`, `:q`.
    static func runCommand(_ text: String, _ state: inout DashboardState) -> [DashboardEffect] {
        let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        guard let verb = parts.first else { return [] }
        let argument = parts.count > 1 ? parts[1].trimmingSpaces : nil
        switch verb {
        case "team":
            if let t = argument, !(state.data?.teams.contains(t) ?? true) { state.status = "no team '\(t)'"; return [] }
            state.filter = SubjectFilter(team: argument, model: nil)
        case "model":
            if let m = argument, !(state.data?.models.contains(m) ?? true) { state.status = "no model '\(m)'"; return [] }
            state.filter.model = argument
        case "window":
            guard let a = argument, let w = WindowSpec(a) else { state.status = "window: expected \(WindowSpec.accepted)"; return [] }
            state.window = w
        case "theme":
            guard let a = argument, state.availableThemes.contains(a) else {
                state.status = "unknown theme '\(argument ?? "")'; available: \(state.availableThemes.joined(separator: ", "))"
                return []
            }
            state.themeName = a
            return []
        case "export": return [.exportReport]
        case "save": return [.saveScreen]
        case "q", "quit":
            state.wantsQuit = true
            return [.quit]
        default:
            state.status = "unknown command ':\(verb)' (team, model, window, theme, export, save, quit)"
            return []
        }
        state.drill = []
        state.pendingPage = nil
        return [.reload]
    }
}

extension String {
    func padding(_ width: Int) -> String { count >= width ? self : self + String(repeating: " ", count: width - count) }
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
