import GRDB
import MLOpsCore

/// Metric inputs computed where the data lives: each part of `MetricsInput` is one or a
/// few grouped queries, all in one read transaction so they see one snapshot.
///
/// The SQL keeps to forms a second engine shares: buckets (weeks, months) are `CASE`
/// expressions over bound boundaries (or found in Swift from the row's time, as research's
/// weeks are), not date functions; money and hours are summed as integers (cents,
/// millionths of an hour), so totals are exact in any order.
public struct SQLiteMetricsSource: MetricsSource {
    let store: Store

    public func input(for query: MetricsQuery, parts: MetricsParts) throws -> MetricsInput {
        // The parts are independent reads, so they run side by side, longest first.
        var reads: [@Sendable (Database) throws -> Part] = []
        if parts.contains(.costs) {
            reads.append { .costs(try CostAggregatesQuery.fetch($0, query, pieces: .current)) }
            reads.append { .costs(try CostAggregatesQuery.fetch($0, query, pieces: [.previous, .days])) }
        } else if parts.contains(.dailyCosts) {
            reads.append { .costs(try CostAggregatesQuery.fetch($0, query, pieces: .days)) }
        }
        if parts.contains(.research) {
            reads.append { .research(try RunAggregatesQuery.research($0, query, previous: false), previous: false) }
            reads.append { .research(try RunAggregatesQuery.research($0, query, previous: true), previous: true) }
        }
        for runPart in [MetricsParts.runCounts, .runLists, .running] where parts.contains(runPart) {
            reads.append { .runs(try RunAggregatesQuery.fetch($0, query, parts: runPart), runPart) }
        }
        reads.append { .records(try SmallRecordsQuery.fetch($0, query, pieces: .deployments, parts: parts)) }
        if parts.contains(.records) { reads.append { .records(try SmallRecordsQuery.fetch($0, query, pieces: .serving, parts: parts)) } }
        if parts.contains(.servingHistory) { reads.append { .served(try ServedDaysQuery.fetch($0, query)) } }
        if parts.contains(.maintenance) { reads.append { .maintenance(try MaintenanceAggregatesQuery.fetch($0, query)) } }
        if parts.contains(.history) {
            reads.append { db in
                let lived = try Store.modelHistory(db).asOf(query.now)
                let models = query.filter.isOrganisation || parts.contains(.runCounts) ? [] : try RunAggregatesQuery.modelsWithRuns(db, query)
                return .history(lived, modelsWithRuns: models)
            }
        }
        var input = MetricsInput.empty
        var history: (lived: ModelHistory, models: Set<String>)?
        for part in try store.readSideBySide(reads) {
            switch part {
            case .records(let records): input.records.take(records)
            case .runs(let runs, let part): input.runs.take(part, from: runs)
            case .research(let stats, let previous): if previous { input.runs.previous = stats } else { input.runs.current = stats }
            case .costs(let costs): input.costs.take(costs)
            case .maintenance(let maintenance): input.maintenance = maintenance
            case .served(let served): input.served = served
            case .history(let lived, let models): history = (lived, models)
            }
        }
        if let history {
            input.history = query.filter.isOrganisation ? history.lived
                : history.lived.filtered(Set(input.records.models.map(\.name)).union(parts.contains(.runCounts) ? input.runs.models : history.models))
        }
        return input
    }

    /// One read's share of an input.
    enum Part: Sendable {
        case records(RecordSet)
        case runs(RunAggregates, MetricsParts)
        case research(RunWindowStats, previous: Bool)
        case costs(CostAggregates)
        case maintenance(MaintenanceAggregates)
        case served(ServedDays)
        case history(ModelHistory, modelsWithRuns: Set<String>)
    }
}

extension RecordSet {
    /// Takes the kinds `other` read: records read in pieces fill disjoint kinds.
    mutating func take(_ other: RecordSet) {
        if !other.teams.isEmpty { teams = other.teams }
        if !other.models.isEmpty { models = other.models }
        if !other.budgets.isEmpty { budgets = other.budgets }
        if !other.deployments.isEmpty { deployments = other.deployments }
        if !other.incidents.isEmpty { incidents = other.incidents }
        if !other.serving.isEmpty { serving = other.serving }
    }
}

extension CostAggregates {
    /// Takes what `other` read: cost aggregates read in pieces fill disjoint fields.
    mutating func take(_ other: CostAggregates) {
        currency = currency ?? other.currency
        current.merge(other.current) { a, _ in a }
        previous.merge(other.previous) { a, _ in a }
        daily.merge(other.daily) { a, _ in a }
    }
}

extension Store {
    /// Metric inputs from this store, computed in SQL.
    public var metricsSource: SQLiteMetricsSource { SQLiteMetricsSource(store: self) }
}

/// SQL fragments shared by the metric queries: the subject's conditions and buckets.
enum MetricsSQL {
    /// `AND <team> = ? AND <model> = ?` for the parts of the filter that are set.
    static func subject(_ filter: SubjectFilter, team: String, model: String) -> (sql: String, arguments: StatementArguments) {
        var sql = "", arguments = StatementArguments()
        if let t = filter.team { sql += " AND \(team) = ?"; arguments += [t] }
        if let m = filter.model { sql += " AND \(model) = ?"; arguments += [m] }
        return (sql, arguments)
    }

    /// `CASE WHEN column < b1 THEN 0 WHEN column < b2 THEN 1 … ELSE n END`: the index of
    /// the bucket a value falls in, for ascending boundaries.
    static func bucket(_ column: String, boundaries: [DatabaseValueConvertible]) -> (sql: String, arguments: StatementArguments) {
        guard !boundaries.isEmpty else { return ("0", []) }
        var sql = "CASE", arguments = StatementArguments()
        for (i, b) in boundaries.enumerated() {
            sql += " WHEN \(column) < ? THEN \(i)"
            arguments += [b]
        }
        return (sql + " ELSE \(boundaries.count) END", arguments)
    }

    /// `CASE column WHEN name0 THEN 0 WHEN name1 THEN 1 … ELSE -1 END`: the position of a
    /// text among `names`, compared by bytes.
    static func position(_ column: String, of names: [String]) -> (sql: String, arguments: StatementArguments) {
        var sql = "CASE \(column)", arguments = StatementArguments()
        for (i, name) in names.enumerated() {
            sql += " WHEN ? THEN \(i)"
            arguments += [name]
        }
        return (sql + " ELSE -1 END", arguments)
    }

    /// The first day whose start is at or after `instant`: `window.contains(day)` is
    /// `day >= firstDay(window.start) AND day < firstDay(window.end)`.
    static func firstDay(onOrAfter instant: Instant) -> Day {
        instant == instant.day.start ? instant.day : instant.day.advanced(by: 1)
    }

    /// The days of `w` among the query's detail days (a day counts when `w` holds its
    /// start), or nil when there are none: the days a window's costs and work log cover.
    static func detailDays(of w: TimeWindow, _ q: MetricsQuery) -> ClosedRange<Day>? {
        let first = max(firstDay(onOrAfter: w.start), q.detailDays.lowerBound)
        let last = min(firstDay(onOrAfter: w.end).advanced(by: -1), q.detailDays.upperBound)
        return first <= last ? first...last : nil
    }

    /// The starts of the weeks that `days` touch, in order.
    static func weekStarts(_ days: ClosedRange<Day>) -> [Day] {
        stride(from: 0, through: days.lowerBound.startOfWeek.distance(to: days.upperBound), by: 7).map { days.lowerBound.startOfWeek.advanced(by: $0) }
    }

    /// The whole months inside `w` and the spans before and after them.
    static func split(_ w: TimeWindow) -> (months: [Month], edges: [TimeWindow]) {
        guard w.start < w.end else { return ([], []) }
        var months: [Month] = []
        var m = Month(containing: w.start.day)
        if m.window.start < w.start { m = m.next }
        while m.window.end <= w.end { months.append(m); m = m.next }
        guard let first = months.first, let last = months.last else { return ([], [w]) }
        var edges: [TimeWindow] = []
        if w.start < first.window.start { edges.append(TimeWindow(start: w.start, end: first.window.start)) }
        if last.window.end < w.end { edges.append(TimeWindow(start: last.window.end, end: w.end)) }
        return (months, edges)
    }

    /// The same for whole days, first to last inclusive, as the day-stamped kinds count them.
    static func split(_ days: ClosedRange<Day>) -> (months: [Month], edges: [ClosedRange<Day>]) {
        let parts = split(TimeWindow(start: days.lowerBound.start, end: days.upperBound.advanced(by: 1).start))
        return (parts.months, parts.edges.map { $0.start.day...Instant(seconds: $0.end.seconds - 1).day })
    }
}
