import MLOpsCore

/// What the dashboard draws from: computed metrics, the subject's few records behind
/// them, and the store's health. Loaded at the edge and handed in as a value. Runs,
/// costs and maintenance are never held as records: a drill-down asks for a page of them.
public struct DashboardData: Sendable, Equatable {
    public var snapshot: PlatformSnapshot
    /// What the metrics were computed from: the subject's teams, models, budgets,
    /// deployments and incidents in the metrics' range, its serving records over the detail
    /// days, and the aggregates of `parts`. Kept so that a second read of the other parts
    /// can complete it.
    public var input: MetricsInput
    /// The parts read so far: only the screens whose parts are all here have their data
    /// (`isReady(for:)`); the others wait for the rest of the load.
    public var parts: MetricsParts
    public var health: DataHealth
    public var teams: [String]
    public var models: [String]

    public init(snapshot: PlatformSnapshot, input: MetricsInput, parts: MetricsParts = .all, health: DataHealth,
                teams: [String], models: [String]) {
        self.snapshot = snapshot
        self.input = input
        self.parts = parts
        self.health = health
        self.teams = teams
        self.models = models
    }

    /// Data computed elsewhere from every part: only its records and producing runs are kept.
    public init(snapshot: PlatformSnapshot, records: RecordSet, producingRuns: [String: ProducingRun] = [:], health: DataHealth,
                teams: [String], models: [String]) {
        var runs = RunAggregates()
        runs.producingRuns = producingRuns
        self.init(snapshot: snapshot, input: MetricsInput(records: records, runs: runs, costs: CostAggregates(),
                                                          maintenance: MaintenanceAggregates(), history: ModelHistory(), served: ServedDays()),
                  health: health, teams: teams, models: models)
    }

    /// The subject's records in the metrics' range (no runs, costs or maintenance).
    public var records: RecordSet { input.records }
    /// Each production deployment's producing run, for lead times in deployment tables.
    public var producingRuns: [String: ProducingRun] { input.runs.producingRuns }
    /// Every part has been read: every screen has its data.
    public var isComplete: Bool { parts.isSuperset(of: .all) }

    /// The screen can be shown: its `metricParts` are here (the Overview then fills in
    /// as the rest arrives, `isReady(for: PanelID)` and `has(_:)`).
    public func isReady(for screen: Screen) -> Bool { has(screen.metricParts) }

    /// Everything the screen draws is here (`Screen.completeParts`).
    public func isWhole(for screen: Screen) -> Bool { has(screen.completeParts) }

    /// The panel's table can be built.
    public func isReady(for panel: PanelID) -> Bool { has(panel.metricParts) }

    /// The parts a family needs are here: what a tile drawn from it shows until they are.
    public func has(_ needed: MetricsParts) -> Bool { parts.isSuperset(of: needed) }
}

extension DashboardData {
    /// What the store tells every load besides the metrics: its health and the names the
    /// team and model pickers offer.
    public struct StoreFacts: Sendable {
        public var health: DataHealth
        public var teams: [String]
        public var models: [String]

        public init(health: DataHealth, teams: [String], models: [String]) {
            self.health = health
            self.teams = teams
            self.models = models
        }
    }

    /// One stage of a load: the parts the shown screen needs, at `now`; or the rest, at
    /// the first stage's `now`, completing its input so that every screen's metrics come
    /// from one query.
    public static func load(_ request: LoadRequest, _ stage: LoadStage, from source: any MetricsSource, now: () -> Instant,
                            configuration: MetricsConfiguration, facts: () throws -> StoreFacts) throws -> DashboardData {
        switch stage {
        case .shown(let parts):
            let query = MetricsQuery(spec: request.window, now: now(), filter: request.filter, configuration: configuration)
            let input = try source.input(for: query, parts: parts)
            let facts = try facts()
            return DashboardData(snapshot: PlatformSnapshot.compute(input, query, parts: parts), input: input, parts: parts,
                                 health: facts.health, teams: facts.teams, models: facts.models)
        case .rest(let first):
            let query = MetricsQuery(spec: request.window, now: first.snapshot.now, filter: request.filter, configuration: configuration)
            let rest = MetricsParts.all.subtracting(first.parts)
            var complete = first
            complete.input.take(rest, from: try source.input(for: query, parts: rest))
            complete.parts = .all
            complete.snapshot = PlatformSnapshot.compute(complete.input, query, parts: .all, earlier: (first.snapshot, first.parts))
            return complete
        }
    }
}
