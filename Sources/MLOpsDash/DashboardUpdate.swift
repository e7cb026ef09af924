import MLOpsCore
import TerminalUI

/// The dashboard's pure state machine: a message in, a new state and effects out.
public enum DashboardUpdate {
    public static let windowChoices: [WindowSpec] = [.lastDays(7), .lastDays(30), .lastDays(90), .quarterToDate, .previousQuarter]

    public static func update(_ state: inout DashboardState, _ message: DashboardMessage) -> [DashboardEffect] {
        switch message {
        case .launched:
            return [requestLoad(.opening, &state)]
        case .loaded(let data):
            install(LoadedData(data: data, tables: ScreenTableSet.build(data, ascii: state.ascii)), answering: nil, &state)
            return []
        case .loadProgress(let request, let phase):
            if state.loading?.request == request { state.loading?.phase = phase }
            return []
        case .loadFinished(let request, let result):
            // An answer to anything but the request being waited for is stale: the user has
            // moved on, or a newer load superseded it. It is dropped whatever it holds.
            guard state.loading?.request == request else { return [] }
            state.loading = nil
            switch result {
            case .success(let loaded):
                install(loaded, answering: request, &state)
                if request.reason == .storeChanged { state.status = "refreshed: the store changed" }
                // Only the screen on show came with the data: wait for the rest, keys meanwhile work.
                if !loaded.data.isComplete || loaded.tables.tables.count < ScreenTableSet.allPanels.count {
                    var rest = LoadInProgress(request: request)
                    rest.phase = loaded.data.isComplete ? .buildingTables : .readingRest
                    state.loading = rest
                    return [.loadRest(request, loaded.data)]
                }
            case .failure(.cancelled):
                break
            case .failure(.failed(let error)):
                state.loadError = error
                if state.data != nil {
                    // The data on screen stays, and so do the window and subject it answers.
                    revertToShown(&state)
                    state.status = "could not load: \(error)"
                }
            }
            return []
        case .restLoaded(let request, let rest):
            // Only for the data on screen; a table built meanwhile (on a switch) is kept as it is.
            guard state.shown == request else { return [] }
            state.data = rest.data
            for (id, table) in rest.tables.tables where state.tables[id] == nil {
                state.tables[id] = ArrangedTable(table, cursor: state.cursor(for: id.screen, panel: id.panel))
            }
            if state.loading?.request == request { state.loading = nil }
            clampCursors(&state)
            return []
        case .restFailed(let request, let error):
            guard state.shown == request, state.loading?.request == request else { return [] }
            state.loading = nil
            let whole = state.data?.isWhole(for: state.screen) ?? true
            state.status = whole ? "could not load the other screens: \(error)" : "could not load the rest of this screen: \(error) · r tries again"
            return []
        case .loadFailed(let error):
            state.loadError = error
            return []
        case .storeChanged:
            return [requestLoad(.storeChanged, &state)]
        case .exportFinished(let request, let outcome):
            guard state.exporting?.request == request else { return [] }
            state.exporting = nil
            state.status = outcome
            return []
        case .screenSaved(let outcome):
            state.status = outcome
            return []
        case .tick:
            state.loading?.ticks += 1
            state.exporting?.ticks += 1
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

    /// Whether an effect put off until after drawing still applies: a newer load asked for
    /// in the same batch of messages supersedes the rest of an older one.
    public static func isStillWanted(_ effect: DashboardEffect, _ state: DashboardState) -> Bool {
        guard case .loadRest(let request, _) = effect else { return true }
        return state.loading?.request == request
    }

    /// Starts waiting for a new load of the state's window and filter; the effect supersedes
    /// any load still running.
    static func requestLoad(_ reason: LoadReason, _ state: inout DashboardState) -> DashboardEffect {
        // A refresh of what is on screen, whole: the new data replaces it only whole too.
        let reloadsWhole = (reason == .refresh || reason == .storeChanged) && state.shown?.window == state.window
            && state.shown?.filter == state.filter && state.data?.isWhole(for: state.screen) == true
        let request = LoadRequest(id: state.nextRequestID, window: state.window, filter: state.filter, ascii: state.ascii, reason: reason,
                                  screen: state.screen, keepsScreenWhole: reloadsWhole && state.screen.completeParts != state.screen.metricParts)
        state.nextRequestID += 1
        state.loading = LoadInProgress(request: request)
        return .load(request)
    }

    /// Shows newly loaded data with its prebuilt tables, each arranged for its cursor.
    static func install(_ loaded: LoadedData, answering request: LoadRequest?, _ state: inout DashboardState) {
        state.data = loaded.data
        state.shown = request
        state.loadError = nil
        var tables: [PanelID: ArrangedTable] = [:]
        for (id, table) in loaded.tables.tables {
            tables[id] = ArrangedTable(table, cursor: state.cursor(for: id.screen, panel: id.panel))
        }
        state.tables = tables
        clampCursors(&state)
    }

    /// The table the keys act on: the deepest drill level, else the screen's focused panel.
    public static func activeTable(_ state: DashboardState) -> (table: DataTable, cursor: TableCursor)? {
        activeArranged(state).map { ($0.arranged.table, $0.cursor) }
    }

    /// The active table with its rows already arranged for its cursor.
    static func activeArranged(_ state: DashboardState) -> (arranged: ArrangedTable, cursor: TableCursor)? {
        if let top = state.drill.last { return (top.arranged.arranged(for: top.cursor), top.cursor) }
        let panel = state.focusedPanel(on: state.screen)
        guard let arranged = state.arrangedTable(panel, on: state.screen) else { return nil }
        return (arranged, state.cursor(for: state.screen, panel: panel))
    }

    /// Moves the active table's cursor, arranging its cached rows again only if the
    /// filter or sort changed.
    static func setCursor(_ state: inout DashboardState, _ cursor: TableCursor) {
        if state.drill.isEmpty {
            let id = PanelID(state.screen, state.focusedPanel(on: state.screen))
            state.cursors[id] = cursor
            state.tables[id]?.arrange(for: cursor)
        } else {
            state.drill[state.drill.count - 1].cursor = cursor
            state.drill[state.drill.count - 1].arranged.arrange(for: cursor)
        }
    }

    /// Keeps each selection inside its table. Tables not built yet are left alone (building
    /// them here would stall the loop); they are clamped when they arrive.
    static func clampCursors(_ state: inout DashboardState) {
        guard state.data != nil else { return }
        for (id, cursor) in state.cursors {
            var c = cursor
            guard let count = state.tables[id]?.arranged(for: c).rows.count else { continue }
            c.selected = max(0, min(c.selected, count - 1))
            state.cursors[id] = c
        }
    }

    static func handle(_ key: Key, _ state: inout DashboardState) -> [DashboardEffect] {
        state.status = nil
        if let overlay = state.overlay { return handleOverlay(key, overlay, &state) }
        switch key {
        case .character(let c) where c.isNumber:
            if let n = c.wholeNumberValue, let screen = Screen(rawValue: n) { return switchTo(screen, &state) }
        case .character("o"): return switchTo(.triage, &state)
        case .character("d"): return switchTo(.dataHealth, &state)
        case .character("q"), .control("c"):
            state.wantsQuit = true
            return [.quit]
        case .character("?"): state.overlay = .help
        case .escape:
            if state.pendingPage != nil { state.pendingPage = nil; state.status = "cancelled" }
            else if !state.drill.isEmpty { state.drill.removeLast() }
            else if var c = activeTable(state)?.cursor, !c.filter.isEmpty { c.filter = ""; setCursor(&state, c) }
            else if state.loading != nil { return cancelLoad(&state) }
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
        case .character("r"): return [requestLoad(.refresh, &state)]
        case .control("s"): return [.saveScreen]
        case .character("e"): return startExport(&state)
        default: break
        }
        return []
    }

    static func switchTo(_ screen: Screen, _ state: inout DashboardState) -> [DashboardEffect] {
        state.screen = screen
        state.drill = []
        state.pendingPage = nil
        buildTablesIfMissing(screen, &state)
        // Data that never got the rest (it failed, or Esc stopped it): this screen asks again,
        // the Overview too when it was left with its first tiles only.
        if let data = state.data, !data.isWhole(for: screen), state.loading == nil {
            return [requestLoad(.selectionChanged, &state)]
        }
        return []
    }

    /// A screen without tables gets them now, once, unless they are on their way (then it
    /// shows "building…" until they arrive, and the keys stay quick).
    static func buildTablesIfMissing(_ screen: Screen, _ state: inout DashboardState) {
        guard let data = state.data, data.isReady(for: screen), state.tables[PanelID(screen)] == nil, !state.tablesPending else { return }
        for (id, table) in ScreenTableSet.build(data, ascii: state.ascii, screen: screen).tables {
            state.tables[id] = ArrangedTable(table, cursor: state.cursor(for: id.screen, panel: id.panel))
        }
        clampCursors(&state)
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
        guard let (arranged, cursor) = activeArranged(state) else { return }
        let count = arranged.rows.count
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
        guard let (arranged, cursor) = activeArranged(state) else {
            // A list still on its way (the Overview's, between its stages): say so.
            if state.data != nil { state.status = state.loading == nil ? "this list is not loaded · r loads it" : "this list is still loading" }
            return []
        }
        let rows = arranged.rows
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
        return [requestLoad(.selectionChanged, &state)]
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
        case "export": return startExport(&state)
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
        return [requestLoad(.selectionChanged, &state)]
    }

    /// Esc while a load runs: stop it and go back to the window and subject on screen.
    static func cancelLoad(_ state: inout DashboardState) -> [DashboardEffect] {
        state.loading = nil
        revertToShown(&state)
        if state.data == nil { state.loadError = "loading cancelled · r loads again" }
        state.status = "loading cancelled"
        return [.cancelLoad]
    }

    /// Back to the window and subject of the data on screen (when it came from a request).
    static func revertToShown(_ state: inout DashboardState) {
        guard let shown = state.shown else { return }
        state.window = shown.window
        state.filter = shown.filter
    }

    /// `e`: one export at a time, in the background; keys keep working while it runs.
    static func startExport(_ state: inout DashboardState) -> [DashboardEffect] {
        guard state.exporting == nil else {
            state.status = "the report is still being exported"
            return []
        }
        let request = ExportRequest(id: state.nextRequestID, window: state.window, filter: state.filter)
        state.nextRequestID += 1
        state.exporting = ExportInProgress(request: request)
        return [.export(request)]
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
