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
}
