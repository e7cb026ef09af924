import MLOpsCore

/// One request for dashboard data: what to load, and why.
///
/// `id` grows with every request, so an answer is current only while the model still
/// waits for that very id; a newer request supersedes the older whatever they ask for.
public struct LoadRequest: Sendable, Equatable {
    public var id: Int
    public var window: WindowSpec
    public var filter: SubjectFilter
    /// Tables are built for ASCII or Unicode drawing.
    public var ascii: Bool
    public var reason: LoadReason
    /// The screen on show when it was asked for: its parts are read and its tables built
    /// first, and it is shown as soon as they are; the other screens' parts and tables
    /// follow in the background.
    public var screen: Screen
    /// The first read brings everything the screen draws (`Screen.completeParts`), not only
    /// what shows it: a reload of a screen already whole keeps it whole on screen until the
    /// new one is, instead of taking its last tiles away for a moment.
    public var keepsScreenWhole: Bool

    public init(id: Int, window: WindowSpec, filter: SubjectFilter, ascii: Bool = false, reason: LoadReason = .opening,
                screen: Screen = .overview, keepsScreenWhole: Bool = false) {
        self.id = id
        self.window = window
        self.filter = filter
        self.ascii = ascii
        self.reason = reason
        self.screen = screen
        self.keepsScreenWhole = keepsScreenWhole
    }

    /// The parts the first read brings.
    public var firstParts: MetricsParts { keepsScreenWhole ? screen.completeParts : screen.metricParts }
}

/// Why data is being loaded, which decides what the status line says when it arrives.
public enum LoadReason: Sendable, Equatable {
    /// The dashboard has just opened.
    case opening
    /// The window or subject changed.
    case selectionChanged
    /// `r`.
    case refresh
    /// Another process changed the store.
    case storeChanged
}

/// How far a load has got, for the status line.
public enum LoadPhase: Sendable, Equatable {
    /// Reading the store and computing the metrics.
    case reading
    /// The screen on show has its data; the other screens' parts are being read.
    case readingRest
    /// Building each screen's tables from the loaded data.
    case buildingTables
}

/// Which read of a load the environment is asked for.
public enum LoadStage: Sendable, Equatable {
    /// The first read: these parts (the shown screen's), at the clock's `now`.
    case shown(MetricsParts)
    /// The second read: every part `first` lacks, at its `now`, completing it.
    case rest(DashboardData)
}

/// One request to export the quarterly report.
public struct ExportRequest: Sendable, Equatable {
    public var id: Int
    public var window: WindowSpec
    public var filter: SubjectFilter

    public init(id: Int, window: WindowSpec, filter: SubjectFilter) {
        self.id = id
        self.window = window
        self.filter = filter
    }
}

/// A load's answer: the data and every screen's tables, built once for it.
public struct LoadedData: Sendable, Equatable {
    public var data: DashboardData
    public var tables: ScreenTableSet

    public init(data: DashboardData, tables: ScreenTableSet) {
        self.data = data
        self.tables = tables
    }
}
