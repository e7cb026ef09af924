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
    public var table: DataTable
    public var cursor = TableCursor()
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
}

/// What the dashboard draws from: computed metrics, the subject's few records behind
/// them, and the store's health. Loaded at the edge and handed in as a value. Runs,
/// costs and maintenance are never held: a drill-down asks for a page of them.
public struct DashboardData: Sendable, Equatable {
    public var snapshot: PlatformSnapshot
    /// The subject's teams, models, budgets, deployments, incidents and serving days in the
    /// metrics' range (`MetricsInput.records`); no runs, costs or maintenance.
    public var records: RecordSet
    /// Each deployment's producing run, for lead times in deployment tables.
    public var producingRuns: [String: ProducingRun]
    public var health: DataHealth
    public var teams: [String]
    public var models: [String]

    public init(snapshot: PlatformSnapshot, records: RecordSet, producingRuns: [String: ProducingRun] = [:], health: DataHealth,
                teams: [String], models: [String]) {
        self.snapshot = snapshot
        self.records = records
        self.producingRuns = producingRuns
        self.health = health
        self.teams = teams
        self.models = models
    }
}
