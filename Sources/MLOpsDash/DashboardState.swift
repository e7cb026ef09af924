import MLOpsCore

/// Where the user is in one table: selection, scroll, sort and filter survive going back.
public struct TableCursor: Sendable, Equatable {
    public var selected = 0
    public var sortColumn: Int?
    public var ascending = true
    public var filter = ""

    public init() {}
}

/// A table opened by drilling down, with its own cursor.
public struct DrillLevel: Sendable, Equatable {
    public var arranged: ArrangedTable
    public var cursor = TableCursor()
    public var table: DataTable { arranged.table }

    public init(table: DataTable, cursor: TableCursor = TableCursor()) {
        arranged = ArrangedTable(table, cursor: cursor)
        self.cursor = cursor
    }
}

/// A modal layer over the screen.
public enum Overlay: Sendable, Equatable {
    case help
    case picker(kind: PickerKind, options: [String], selected: Int)
    case fields(title: String, lines: [String], scroll: Int)
    case commandLine(String)
    case filterInput(String)
    /// `S` was pressed: the next key is the letter of the column to sort by.
    case sortPrompt
}

public enum PickerKind: String, Sendable, Equatable {
    case team, model, window, theme
}

/// Everything the dashboard shows, as a value: `update` changes it, `view` draws it.
public struct DashboardState: Sendable, Equatable {
    public var screen: Screen = .overview
    public var window: WindowSpec
    public var filter: SubjectFilter
    public var themeName: String
    public var availableThemes: [String]
    public var ascii: Bool
    public var data: DashboardData?
    public var loadError: String?
    /// Each table's cursor, kept per screen and panel so it survives switching away and back.
    public var cursors: [PanelID: TableCursor] = [:]
    /// The panel with the keyboard focus on each screen; the table unless `Tab` moved it.
    public var focus: [Screen: ScreenPanel] = [:]
    public var drill: [DrillLevel] = []
    /// The drill-down page asked for and not yet arrived; a page for anything else is stale.
    public var pendingPage: RecordPageRequest?
    public var overlay: Overlay?
    public var status: String?
    public var wantsQuit = false
    /// Each panel's table, built once per data load and arranged for its cursor.
    public var tables: [PanelID: ArrangedTable] = [:]
    /// The request the data on screen answers (nil for data installed directly).
    public var shown: LoadRequest?
    /// The load being waited for; answers to any other request are stale.
    public var loading: LoadInProgress?
    /// The report export running in the background.
    public var exporting: ExportInProgress?
    /// The id the next request gets.
    public var nextRequestID = 1

    public init(window: WindowSpec = .lastDays(30), filter: SubjectFilter = .organisation, themeName: String = "default",
                availableThemes: [String] = ["default"], ascii: Bool = false) {
        self.window = window
        self.filter = filter
        self.themeName = themeName
        self.availableThemes = availableThemes
        self.ascii = ascii
    }

    public func cursor(for screen: Screen, panel: ScreenPanel = .table) -> TableCursor { cursors[PanelID(screen, panel)] ?? TableCursor() }

    public func focusedPanel(on screen: Screen) -> ScreenPanel { focus[screen] ?? .table }

    /// The table behind a panel, arranged for its cursor: from the tables built at load
    /// time, or (for data installed without them) built now.
    public func arrangedTable(_ panel: ScreenPanel, on screen: Screen) -> ArrangedTable? {
        let cursor = cursor(for: screen, panel: panel)
        if let cached = tables[PanelID(screen, panel)] { return cached.arranged(for: cursor) }
        // Tables on their way from the background are waited for, never built on the loop;
        // nor are those of a screen whose parts have not been read.
        guard let data, data.isReady(for: PanelID(screen, panel)), !tablesPending else { return nil }
        return ArrangedTable(ScreenTables.table(panel, on: screen, data: data, ascii: ascii), cursor: cursor)
    }

    /// The data on screen is complete, and the other screens' tables are being built.
    /// (While the other screens' parts are read, a screen whose parts are here builds its
    /// tables when switched to.)
    public var tablesPending: Bool {
        guard let loading, loading.phase == .buildingTables else { return false }
        return loading.request == shown
    }

    /// True while something runs that the status line animates.
    public var isBusy: Bool { loading != nil || exporting != nil }
}
