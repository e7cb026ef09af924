import MLOpsCore

/// Metric inputs computed in a PostgreSQL store: the same `MetricsInput` the SQLite
/// source gives for the same records and query (`PostgresEquivalenceTests` holds them
/// equal), from the same rules: aggregates over the records and the rollups, the few
/// records read as records. All parts read in one `REPEATABLE READ` snapshot.
public struct PostgresMetricsSource: MetricsSource {
    let store: PostgresStore

    public func input(for q: MetricsQuery, parts: MetricsParts) throws -> MetricsInput {
        // The parts are independent reads, run side by side on one snapshot.
        // The window's records are the longest read, so they go first, in two pieces (the
        // second, incidents and serving days, only with `.records`).
        var reads: [@Sendable (PostgresSession) throws -> Part] = []
        if parts.contains(.records) { reads.append { .records(try PostgresMetricsReader(session: $0, q: q).records(pieces: .serving, parts: parts)) } }
        reads.append { .records(try PostgresMetricsReader(session: $0, q: q).records(pieces: .deployments, parts: parts)) }
        if parts.contains(.costs) {
            reads.append { .costs(try PostgresMetricsReader(session: $0, q: q).costs(pieces: .current)) }
            reads.append { .costs(try PostgresMetricsReader(session: $0, q: q).costs(pieces: [.previous, .days])) }
        } else if parts.contains(.dailyCosts) {
            reads.append { .costs(try PostgresMetricsReader(session: $0, q: q).costs(pieces: .days)) }
        }
        if parts.contains(.research) {
            reads.append { .research(try PostgresMetricsReader(session: $0, q: q).research(previous: false), previous: false) }
            reads.append { .research(try PostgresMetricsReader(session: $0, q: q).research(previous: true), previous: true) }
        }
        if parts.contains(.runCounts) {
            reads.append { session in
                var runs = RunAggregates()
                try PostgresMetricsReader(session: session, q: q).counts(into: &runs)
                return .counts(runs)
            }
        }
        if parts.contains(.runLists) {
            reads.append { session in
                let reader = PostgresMetricsReader(session: session, q: q)
                return .lists(failures: try reader.recentFailures(), producing: try reader.producingRuns())
            }
        }
        if parts.contains(.running) { reads.append { .running(try PostgresMetricsReader(session: $0, q: q).runningCount()) } }
        if parts.contains(.maintenance) { reads.append { .maintenance(try PostgresMetricsReader(session: $0, q: q).maintenance()) } }
        if parts.contains(.servingHistory) { reads.append { .served(try PostgresMetricsReader(session: $0, q: q).servedDays()) } }
        if parts.contains(.history) {
            reads.append { session in
                let reader = PostgresMetricsReader(session: session, q: q)
                let needsModels = !q.filter.isOrganisation && !parts.contains(.runCounts)
                return .history(try reader.modelHistory().asOf(q.now), modelsWithRuns: needsModels ? try reader.modelsWithRuns() : [])
            }
        }
        var input = MetricsInput.empty
        var history: (lived: ModelHistory, models: Set<String>)?
        for part in try store.readSideBySide(reads) {
            switch part {
            case .records(let records): input.records.take(records)
            case .research(let stats, let previous): if previous { input.runs.previous = stats } else { input.runs.current = stats }
            case .counts(let runs): (input.runs.window, input.runs.monthly, input.runs.models) = (runs.window, runs.monthly, runs.models)
            case .lists(let failures, let producing): (input.runs.recentFailures, input.runs.producingRuns) = (failures, producing)
            case .running(let running): input.runs.running = running
            case .costs(let costs): input.costs.take(costs)
            case .maintenance(let maintenance): input.maintenance = maintenance
            case .served(let served): input.served = served
            case .history(let lived, let models): history = (lived, models)
            }
        }
        if let history {
            input.history = q.filter.isOrganisation ? history.lived
                : history.lived.filtered(Set(input.records.models.map(\.name)).union(parts.contains(.runCounts) ? input.runs.models : history.models))
        }
        return input
    }

    /// The organisation's input, then every team's, the teams side by side: a report's
    /// twenty teams cost about what their reads cost spread over the connections.
    public func inputsByTeam(for query: MetricsQuery) throws -> InputsByTeam {
        let organisation = try input(for: query.with(filter: .organisation))
        let teams = organisation.records.teamNames
        let reads: [@Sendable (PostgresSession) throws -> MetricsInput] = teams.map { team in
            { session in try PostgresMetricsReader(session: session, q: query.with(filter: SubjectFilter(team: team))).input() }
        }
        let inputs = try store.readSideBySide(reads)
        return InputsByTeam(organisation: organisation, teams: Dictionary(uniqueKeysWithValues: zip(teams, inputs)))
    }

    /// One read's share of an input.
    enum Part: Sendable {
        case records(RecordSet)
        case research(RunWindowStats, previous: Bool)
        case counts(RunAggregates)
        case lists(failures: [Run], producing: [String: ProducingRun])
        case running(Int)
        case costs(CostAggregates)
        case maintenance(MaintenanceAggregates)
        case served(ServedDays)
        case history(ModelHistory, modelsWithRuns: Set<String>)
    }
}

extension PostgresStore {
    /// Metric inputs from this store, computed in SQL on the server.
    public var metricsSource: PostgresMetricsSource { PostgresMetricsSource(store: self) }
}

/// The queries of one input, on one snapshot.
struct PostgresMetricsReader {
    let session: PostgresSession
    let q: MetricsQuery
    static let training = "kind IN ('training', 'pipeline')"

    /// `AND team = ? AND model = ?` for the parts of the filter that are set.
    func subject(team: String = "team", model: String = "model") -> (sql: String, arguments: [SQLValue]) {
        var sql = "", arguments: [SQLValue] = []
        if let t = q.filter.team { sql += " AND \(team) = ?"; arguments.append(.text(t)) }
        if let m = q.filter.model { sql += " AND \(model) = ?"; arguments.append(.text(m)) }
        return (sql, arguments)
    }

    /// `CASE WHEN column < b1 THEN 0 … ELSE n END` over ascending boundaries.
    static func bucket(_ column: String, _ boundaries: [SQLValue]) -> (sql: String, arguments: [SQLValue]) {
        guard !boundaries.isEmpty else { return ("0", []) }
        return ("CASE" + boundaries.indices.map { " WHEN \(column) < ? THEN \($0)" }.joined() + " ELSE \(boundaries.count) END", boundaries)
    }

    func fetch<R: StoredRecord>(_ type: R.Type, _ clauses: String, _ arguments: [SQLValue] = []) throws -> [R] {
        try session.records(type, clauses, arguments)
    }

    /// The whole input, its parts one after another on this session.
    func input() throws -> MetricsInput {
        var input = MetricsInput.empty
        input.records = try records()
        input.runs.current = try research(previous: false)
        input.runs.previous = try research(previous: true)
        try counts(into: &input.runs)
        input.runs.running = try runningCount()
        input.runs.recentFailures = try recentFailures()
        input.runs.producingRuns = try producingRuns()
        input.costs = try costs()
        input.maintenance = try maintenance()
        input.served = try servedDays()
        let lived = try modelHistory().asOf(q.now)
        input.history = q.filter.isOrganisation ? lived : lived.filtered(Set(input.records.models.map(\.name)).union(input.runs.models))
        return input
    }

    // MARK: Records

    func records(pieces: SmallRecordsQuery.Pieces = .all, parts: MetricsParts = .all) throws -> RecordSet {
        try SmallRecordsQuery.fetch(session, q, pieces: pieces, parts: parts)
    }

    /// The days each of the subject's models was served over the range: a row per model,
    /// its days as one array of days since 1970-01-01, not a row per day.
    func servedDays() throws -> ServedDays {
        let condition = SmallRecordsQuery.servingDays(q.filter, q.rangeDays)
        let rows = try session.integerArraysByName("""
            SELECT model, array_agg((date::date - DATE '1970-01-01')::bigint ORDER BY date) FROM serving \(condition.sql) GROUP BY model
            """, condition.arguments)
        return ServedDays(unordered: Dictionary(rows.map { ($0.name, $0.values.map { Day(daysSinceEpoch: Int($0)) }) }, uniquingKeysWith: +))
    }

    // MARK: History

    func modelHistory() throws -> ModelHistory { try ModelHistoryQuery.read(session) }

    /// The subject's models with a run placed in the range: one probe of the model index
    /// per model (a loose scan), not every run of the range.
    func modelsWithRuns() throws -> Set<String> {
        let s = subject(team: "r.team", model: "r.model")
        return Set(try session.rows("""
            \(RunAggregatesQuery.runModelNames)
            SELECT name FROM names WHERE name IS NOT NULL
              AND EXISTS (SELECT 1 FROM runs r WHERE r.model = names.name AND r.placed_at >= ? AND r.placed_at < ?\(s.sql))
            """, [.integer(q.range.start.seconds), .integer(q.range.end.seconds)] + s.arguments).map { $0[0] as String })
    }

    // MARK: Maintenance

    func maintenance() throws -> MaintenanceAggregates {
        var result = MaintenanceAggregates()
        guard q.filter.model == nil else { return result }
        let s = subject()
        let begun = MetricsSQL.firstDay(onOrAfter: max(q.now, q.window.start))
        for (w, isCurrent) in [(q.window, true), (q.previous, false)] {
            guard let days = MetricsSQL.detailDays(of: w, q) else { continue }
            let (first, last, weeks) = (days.lowerBound, days.upperBound, MetricsSQL.weekStarts(days))
            let bucket = Self.bucket("date", weeks.dropFirst().map { .text($0.iso8601) })
            for row in try session.rows("""
                SELECT \(bucket.sql) AS week, team, system, category, CASE WHEN date < ? THEN 1 ELSE 0 END AS begun,
                       SUM(\(PostgresSchema.roundedInteger("hours * 1000000")))::bigint
                FROM maintenance WHERE date >= ? AND date <= ?\(s.sql)
                GROUP BY 1, 2, 3, 4, 5
                """, bucket.arguments + [.text(begun.iso8601), .text(first.iso8601), .text(last.iso8601)] + s.arguments) {
                guard let category = MaintenanceCategory(rawValue: row[3]) else { continue }
                let key = MaintenanceKey(week: weeks[row[0] as Int], team: row[1], system: row[2], category: category, begun: row[4])
                if isCurrent { result.current[key, default: 0] += row[5] as Int64 } else { result.previous[key, default: 0] += row[5] as Int64 }
            }
        }
        return result
    }
}
