/// A page of one kind's records that a user asked to see by drilling into an aggregate:
/// the newest first, `limit` at a time. A store answers it with one bounded query, so a
/// drill-down never needs the window's records in memory.
public struct RecordPageRequest: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case runs, costs, maintenance
    }

    public var kind: Kind
    public var window: TimeWindow
    /// Team and model; for costs the team is the line's own, else its model's.
    public var filter: SubjectFilter
    /// Runs of this kind only.
    public var runKind: RunKind?
    /// Maintenance on this system only.
    public var system: String?
    /// Maintenance of this category only.
    public var category: MaintenanceCategory?
    public var limit: Int
    public var offset: Int

    public init(kind: Kind, window: TimeWindow, filter: SubjectFilter = .organisation, runKind: RunKind? = nil, system: String? = nil,
                category: MaintenanceCategory? = nil, limit: Int = 500, offset: Int = 0) {
        self.kind = kind
        self.window = window
        self.filter = filter
        self.runKind = runKind
        self.system = system
        self.category = category
        self.limit = limit
        self.offset = offset
    }
}

/// The records of one page and how many match in all.
public struct RecordPage: Sendable, Equatable {
    public var request: RecordPageRequest
    public var total: Int
    /// Only the requested kind is filled, newest first.
    public var records: RecordSet

    public init(request: RecordPageRequest, total: Int, records: RecordSet) {
        self.request = request
        self.total = total
        self.records = records
    }

    public var count: Int { records.runs.count + records.costs.count + records.maintenance.count }
}

extension RecordSet {
    /// The page a store would return, from records in memory (tests, small data sets).
    public func page(_ r: RecordPageRequest) -> RecordPage {
        var out = RecordSet(), total = 0
        func slice<T>(_ items: [T]) -> [T] {
            total = items.count
            return Array(items.dropFirst(r.offset).prefix(r.limit))
        }
        switch r.kind {
        case .runs:
            out.runs = slice(runs.filter { run in
                (run.timestamp.map(r.window.contains) ?? false) && r.filter.matches(team: run.team, model: run.model)
                    && (r.runKind == nil || run.kind == r.runKind)
            }.sorted { ($0.timestamp!, $0.id) > ($1.timestamp!, $1.id) })
        case .costs:
            let modelTeam = Dictionary(models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })
            out.costs = slice(costs.filter { c in
                r.window.contains(c.date) && r.filter.matches(team: c.team ?? c.model.flatMap { modelTeam[$0] }, model: c.model)
            }.sorted { ($0.date, $0.id) > ($1.date, $1.id) })
        case .maintenance:
            out.maintenance = slice(maintenance.filter { e in
                r.window.contains(e.date) && r.filter.model == nil && r.filter.matches(team: e.team, model: nil)
                    && (r.system == nil || e.system == r.system) && (r.category == nil || e.category == r.category)
            }.sorted { ($0.date, $0.id) > ($1.date, $1.id) })
        }
        return RecordPage(request: r, total: total, records: out)
    }
}
