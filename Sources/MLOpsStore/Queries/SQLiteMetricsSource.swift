import GRDB
import MLOpsCore

/// Metric inputs computed where the data lives: each part of `MetricsInput` is one or a
/// few grouped queries, all in one read transaction so they see one snapshot.
///
/// The SQL keeps to forms a second engine shares: buckets (weeks, months) are `CASE`
/// expressions over bound boundaries, not date functions; money and hours are summed as
/// integers (cents, millionths of an hour), so totals are exact in any order.
public struct SQLiteMetricsSource: MetricsSource {
    let store: Store

    public func input(for query: MetricsQuery, parts: MetricsParts) throws -> MetricsInput {
        try store.read { db in
            let records = try SmallRecordsQuery.fetch(db, query)
            let runs = try RunAggregatesQuery.fetch(db, query, parts: parts)
            let costs = parts.contains(.costs) ? try CostAggregatesQuery.fetch(db, query) : CostAggregates()
            let maintenance = parts.contains(.maintenance) ? try MaintenanceAggregatesQuery.fetch(db, query) : MaintenanceAggregates()
            var history = ModelHistory()
            if parts.contains(.history) {
                history = try Store.modelHistory(db).asOf(query.now)
                if !query.filter.isOrganisation {
                    let models = parts.contains(.runCounts) ? runs.models : try RunAggregatesQuery.modelsWithRuns(db, query)
                    history = history.filtered(Set(records.models.map(\.name)).union(models))
                }
            }
            return MetricsInput(records: records, runs: runs, costs: costs, maintenance: maintenance, history: history)
        }
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

    /// The first day whose start is at or after `instant`: `window.contains(day)` is
    /// `day >= firstDay(window.start) AND day < firstDay(window.end)`.
    static func firstDay(onOrAfter instant: Instant) -> Day {
        instant == instant.day.start ? instant.day : instant.day.advanced(by: 1)
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
