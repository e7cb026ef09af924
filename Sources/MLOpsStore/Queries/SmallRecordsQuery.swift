import MLOpsCore

/// The kinds with few records, read as records for the subject and the query's range.
enum SmallRecordsQuery {
    /// The kinds a read can fetch on its own, so that the two largest (a window's
    /// deployments and serving days, tens of thousands each on a large store) can be read
    /// side by side.
    struct Pieces: OptionSet, Sendable {
        let rawValue: Int
        /// Teams, models, budgets and deployments.
        static let deployments = Pieces(rawValue: 1)
        /// Incidents and serving days.
        static let serving = Pieces(rawValue: 2)
        static let all: Pieces = [.deployments, .serving]
    }

    /// Teams, models and budgets always; deployments, incidents and serving days over the
    /// detail days with `.records`.
    static func fetch(_ reader: some SQLReader, _ q: MetricsQuery, pieces: Pieces = .all, parts: MetricsParts = .all) throws -> RecordSet {
        let f = q.filter, range = q.range, days = q.detailDays
        var set = RecordSet()
        let subject = Self.subject(f, team: "team", model: "model")
        let (start, end): (SQLValue, SQLValue) = (.integer(range.start.seconds), .integer(range.end.seconds))
        if pieces.contains(.deployments) {
            set.teams = try f.team.map { try reader.records(Team.self, "WHERE name = ? ORDER BY name", [.text($0)]) }
                ?? reader.records(Team.self, "ORDER BY name", [])
            let models = Self.subject(f, team: "team", model: "name")
            set.models = try reader.records(Model.self, "WHERE 1 = 1\(models.sql) ORDER BY name", models.arguments)
            set.budgets = f.isOrganisation ? try reader.records(Budget.self, "ORDER BY scope, period", [])
                : try reader.records(Budget.self, "WHERE scope = ? ORDER BY scope, period", [.text(f.team ?? Budget.organisationScope)])
            set.budgets.sort(by: Budget.storeOrder)
            if parts.contains(.records) {
                // In the time index's order; equal times then by id, in Swift: SQLite sorted the
                // whole range again for that (62 → 36 ms for eight months in the shell).
                set.deployments = try reader.records(Deployment.self, "WHERE deployed_at >= ? AND deployed_at < ?\(subject.sql) ORDER BY deployed_at",
                                                     [start, end] + subject.arguments).map { $0.asOf(q.now) }
                set.deployments.sort { a, b in a.deployedAt != b.deployedAt ? a.deployedAt < b.deployedAt : a.id.utf8.lexicographicallyPrecedes(b.id.utf8) }
            }
        }
        guard pieces.contains(.serving), parts.contains(.records) else { return set }
        // The range ends at `now`: an incident opened before it and resolved at or after
        // `now` was still open then. Unresolved and resolved apart, each on the index of
        // its few (`incidents_open`, `incidents_by_resolution`): with `OR` the planner read
        // every incident opened before the range.
        set.incidents = try reader.records(Incident.self, """
            WHERE opened_at >= ? AND opened_at < ?\(subject.sql)
            UNION ALL
            SELECT \(Incident.schema.columnList) FROM incidents
            WHERE resolved_at IS NULL AND +opened_at < ?\(subject.sql)
            UNION ALL
            SELECT \(Incident.schema.columnList) FROM incidents
            WHERE resolved_at >= ? AND +opened_at < ?\(subject.sql)
            """, [start, end] + subject.arguments + [start] + subject.arguments + [.integer(q.now.seconds), start] + subject.arguments)
            .map { $0.asOf(q.now) }
        set.incidents.sort { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        let serving = servingDays(f, days)
        set.serving = try reader.records(ServingDay.self, "\(serving.sql) ORDER BY date, model", serving.arguments)
        return set
    }

    /// `WHERE …` for the subject's serving days among `days`: a team's are those of the
    /// models it owns.
    static func servingDays(_ f: SubjectFilter, _ days: ClosedRange<Day>) -> (sql: String, arguments: [SQLValue]) {
        var sql = "WHERE date >= ? AND date <= ?", arguments: [SQLValue] = [.text(days.lowerBound.iso8601), .text(days.upperBound.iso8601)]
        if let t = f.team { sql += " AND model IN (SELECT name FROM models WHERE team = ?)"; arguments.append(.text(t)) }
        if let m = f.model { sql += " AND model = ?"; arguments.append(.text(m)) }
        return (sql, arguments)
    }

    /// `AND <team> = ? AND <model> = ?` for the parts of the filter that are set.
    static func subject(_ filter: SubjectFilter, team: String, model: String) -> (sql: String, arguments: [SQLValue]) {
        var sql = "", arguments: [SQLValue] = []
        if let t = filter.team { sql += " AND \(team) = ?"; arguments.append(.text(t)) }
        if let m = filter.model { sql += " AND \(model) = ?"; arguments.append(.text(m)) }
        return (sql, arguments)
    }
}
