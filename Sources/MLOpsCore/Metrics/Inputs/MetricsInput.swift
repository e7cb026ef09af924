/// Everything the metrics read for one query, as aggregates where the volume is
/// (runs, costs, maintenance) and as records where there are few (teams, models,
/// budgets, deployments, incidents and serving days).
///
/// A store computes it in SQL (`SQLiteMetricsSource`); `init(records:history:query:)`
/// builds the same value from records, for tests and small data sets. The two must be
/// equal for any store and query: that is what lets hand-worked tests speak for the SQL.
public struct MetricsInput: Equatable, Sendable {
    /// The subject's teams, models and budgets; its deployments placed in the range; its
    /// incidents opened in the range or still unresolved; its serving days in the detail
    /// days. Deployments, incidents and serving days only when `.records` was read. No
    /// runs, costs or maintenance: those are in the aggregates.
    public var records: RecordSet
    public var runs: RunAggregates
    public var costs: CostAggregates
    public var maintenance: MaintenanceAggregates
    /// The subject's models' first experiment and first production deployment, ever.
    public var history: ModelHistory
    /// The days the subject's models were served over the whole range (`.servingHistory`).
    public var served: ServedDays

    public init(records: RecordSet, runs: RunAggregates, costs: CostAggregates, maintenance: MaintenanceAggregates, history: ModelHistory,
                served: ServedDays) {
        self.records = records
        self.runs = runs
        self.costs = costs
        self.maintenance = maintenance
        self.history = history
        self.served = served
    }
}

extension MetricsInput {
    /// The input as a store would compute it, from records in memory.
    ///
    /// - Parameters:
    ///   - records: any records; those outside the query's range or subject are ignored
    ///     by the same rules the store's SQL applies.
    ///   - history: model milestones over all time.
    public init(records all: RecordSet, history: ModelHistory, query q: MetricsQuery) {
        let range = q.range, filter = q.filter
        let modelTeam = Dictionary(all.models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })

        var small = RecordSet()
        small.teams = all.teams.filter { filter.team == nil || $0.name == filter.team }.sorted { $0.name < $1.name }
        small.models = all.models.filter { filter.matches(team: $0.team, model: $0.name) }.sorted { $0.name < $1.name }
        small.budgets = (filter.isOrganisation ? all.budgets : all.budgets.filter { filter.team == nil ? $0.isOrganisation : $0.scope == filter.team })
            .sorted(by: Budget.storeOrder)
        small.deployments = all.deployments.filter { range.contains($0.deployedAt) && filter.matches(team: $0.team, model: $0.model) }
            .map { $0.asOf(q.now) }
            .sorted { ($0.deployedAt, $0.id) < ($1.deployedAt, $1.id) }
        // Opened in the range, or opened before it and still open at `now` (never after `now`).
        small.incidents = all.incidents.map { $0.asOf(q.now) }
            .filter { (range.contains($0.openedAt) || ($0.resolvedAt == nil && $0.openedAt < range.start)) && filter.matches(team: $0.team, model: $0.model) }
            .sorted { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        let subjectServing = all.serving.filter { filter.matches(team: modelTeam[$0.model], model: $0.model) }
        small.serving = subjectServing.filter { q.detailDays.contains($0.date) }.sorted { ($0.date, $0.model) < ($1.date, $1.model) }
        let served = ServedDays(subjectServing.filter { q.rangeDays.contains($0.date) })

        let subjectRuns = all.runs.filter { filter.matches(team: $0.team, model: $0.model) }.map { $0.asOf(q.now) }
        let runsByID = Dictionary(subjectRuns.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var runs = RunAggregates()
        let months = q.countedMonths
        let since = q.now.adding(hours: -q.configuration.triageHours)
        for run in subjectRuns {
            guard let t = run.timestamp, range.contains(t) else { continue }
            let key = SubjectKey(team: run.team, model: run.model)
            runs.models.insert(run.model)
            if q.window.contains(t) {
                runs.current.add(run)
                runs.window[key, default: RunCounts()].add(run)
            }
            if q.previous.contains(t) { runs.previous.add(run) }
            if let m = months.first(where: { $0.window.contains(t) }) { runs.monthly[m, default: [:]][key, default: RunCounts()].add(run) }
            if run.status == .running && t <= q.now { runs.running += 1 }
            if run.status == .failed, let end = run.endedAt ?? run.timestamp, end >= since && end < q.now { runs.recentFailures.append(run) }
        }
        runs.current.normalise()
        runs.previous.normalise()
        runs.previous.weekly = [:]
        runs.recentFailures.sort(by: RunAggregates.newestFirst)
        for d in small.deployments where d.isProduction {
            if let id = d.runId, let run = runsByID[id] { runs.producingRuns[d.id] = ProducingRun(endedAt: run.endedAt, registered: run.registered) }
        }

        let failedRuns = Set(subjectRuns.lazy.filter { $0.status == .failed }.map(\.id))
        var costs = CostAggregates()
        for c in all.costs.sorted(by: { ($0.date, $0.id) < ($1.date, $1.id) }) {
            let attributed = c.team ?? c.model.flatMap { modelTeam[$0] }
            guard filter.matches(team: attributed, model: c.model) else { continue }
            costs.add(c, attributedTeam: attributed, failedRun: c.runId.map(failedRuns.contains) ?? false, query: q)
        }

        var maintenance = MaintenanceAggregates()
        if filter.model == nil {
            for e in all.maintenance where filter.matches(team: e.team, model: nil) { maintenance.add(e, query: q) }
        }

        let lived = history.asOf(q.now)
        let subjectHistory = filter.isOrganisation ? lived : lived.filtered(Set(small.models.map(\.name)).union(runs.models))
        self.init(records: small, runs: runs, costs: costs, maintenance: maintenance, history: subjectHistory, served: served)
    }
}

extension MetricsInput {
    /// No records and no aggregates: a subject with nothing in the store.
    public static let empty = MetricsInput(records: RecordSet(), runs: RunAggregates(), costs: CostAggregates(),
                                           maintenance: MaintenanceAggregates(), history: ModelHistory(), served: ServedDays())

    /// The input for `query` with the parts not in `parts` left empty, as a source that
    /// skipped them returns it.
    public func keeping(_ parts: MetricsParts) -> MetricsInput {
        var kept = records
        if !parts.contains(.records) { (kept.deployments, kept.incidents, kept.serving) = ([], [], []) }
        var out = MetricsInput.empty
        out.take(parts, from: self)
        out.records = kept
        return out
    }
}

extension RunAggregates {
    /// Triage's order for failed runs: latest end (or placement) first, then id.
    public static func newestFirst(_ a: Run, _ b: Run) -> Bool {
        ((a.endedAt ?? a.timestamp)!, a.id) > ((b.endedAt ?? b.timestamp)!, b.id)
    }
}

/// The parts of a `MetricsInput` a source can compute on their own, so a screen reads
/// only what its metrics need. Parts not asked for are left empty.
public struct MetricsParts: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Research's per-window statistics (counts by kind and status, durations, GPU hours).
    public static let research = MetricsParts(rawValue: 1 << 0)
    /// Runs counted per subject for the window and each month, and the models with runs.
    public static let runCounts = MetricsParts(rawValue: 1 << 1)
    /// Recently failed runs, and each deployment's producing run.
    public static let runLists = MetricsParts(rawValue: 1 << 2)
    public static let costs = MetricsParts(rawValue: 1 << 3)
    public static let maintenance = MetricsParts(rawValue: 1 << 4)
    public static let history = MetricsParts(rawValue: 1 << 5)
    /// The currency and the spend per day and team over the detail days, without the
    /// windows' sums: what triage's cost anomalies read. `.costs` includes it.
    public static let dailyCosts = MetricsParts(rawValue: 1 << 6)
    /// The days each model was served over the whole range (`ServedDays`): the maturity
    /// history's evidence of monitoring, the only reader of serving days before the detail days.
    public static let servingHistory = MetricsParts(rawValue: 1 << 7)
    /// The subject's deployments and incidents in the range, and its serving records over
    /// the detail days: every family reads them. (Teams, models and budgets, a few hundred rows,
    /// come with every read.) A second read that completes a first leaves them out.
    public static let records = MetricsParts(rawValue: 1 << 8)
    /// How many runs are still running at `now`: two counts over indexes of the few
    /// running runs, apart from the run lists so that research does not wait for those.
    public static let running = MetricsParts(rawValue: 1 << 9)
    public static let all: MetricsParts = [.records, .research, .runCounts, .runLists, .running, .costs, .dailyCosts, .maintenance, .history,
                                           .servingHistory]
}

/// Where metric inputs come from: a store (in SQL) or records in memory.
public protocol MetricsSource: Sendable {
    func input(for query: MetricsQuery, parts: MetricsParts) throws -> MetricsInput
    /// The organisation's whole input and that of each team it names (`RecordSet.teamNames`),
    /// equal to what `input(for:)` gives for the organisation and for
    /// `query.with(filter: SubjectFilter(team:))`: a source can read every team at the cost
    /// of about one read.
    func inputsByTeam(for query: MetricsQuery) throws -> InputsByTeam
}

extension MetricsSource {
    public func input(for query: MetricsQuery) throws -> MetricsInput { try input(for: query, parts: .all) }

    public func inputsByTeam(for query: MetricsQuery) throws -> InputsByTeam {
        let organisation = try input(for: query.with(filter: .organisation))
        var inputs: [String: MetricsInput] = [:]
        for team in organisation.records.teamNames { inputs[team] = try input(for: query.with(filter: SubjectFilter(team: team))) }
        return InputsByTeam(organisation: organisation, teams: inputs)
    }
}

/// A source over records held in memory: the twin the SQL source is tested against.
public struct InMemoryMetricsSource: MetricsSource {
    public var records: RecordSet
    public var history: ModelHistory

    public init(records: RecordSet, history: ModelHistory? = nil) {
        self.records = records
        self.history = history ?? ModelHistory(records: records)
    }

    public func input(for query: MetricsQuery, parts: MetricsParts) throws -> MetricsInput {
        MetricsInput(records: records, history: history, query: query).keeping(parts)
    }
}
