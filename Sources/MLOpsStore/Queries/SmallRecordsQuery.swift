import GRDB
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

    static func fetch(_ db: Database, _ q: MetricsQuery, pieces: Pieces = .all) throws -> RecordSet {
        let f = q.filter, range = q.range, days = q.rangeDays
        var set = RecordSet()
        if pieces.contains(.deployments) { try fetchDeployments(db, q, into: &set) }
        guard pieces.contains(.serving) else { return set }
        let subject = MetricsSQL.subject(f, team: "team", model: "model")
        // The range ends at `now`: an incident opened before it and resolved at or after
        // `now` was still open then.
        set.incidents = try Store.fetch(Incident.self, db, """
            WHERE opened_at >= ? AND opened_at < ?\(subject.sql)
            UNION ALL
            SELECT \(Incident.schema.columnList) FROM incidents
            WHERE (resolved_at IS NULL OR resolved_at >= ?) AND opened_at < ?\(subject.sql)
            """, [range.start.seconds, range.end.seconds] + subject.arguments + [q.now.seconds, range.start.seconds] + subject.arguments)
            .map { $0.asOf(q.now) }
        set.incidents.sort { ($0.openedAt, $0.id) < ($1.openedAt, $1.id) }
        var serving = "WHERE date >= ? AND date <= ?", servingArgs: StatementArguments = [days.lowerBound.iso8601, days.upperBound.iso8601]
        if let t = f.team { serving += " AND model IN (SELECT name FROM models WHERE team = ?)"; servingArgs += [t] }
        if let m = f.model { serving += " AND model = ?"; servingArgs += [m] }
        set.serving = try Store.fetch(ServingDay.self, db, "\(serving) ORDER BY date, model", servingArgs)
        return set
    }

    /// The subject's teams, models and budgets, and its deployments placed in the range.
    static func fetchDeployments(_ db: Database, _ q: MetricsQuery, into set: inout RecordSet) throws {
        let f = q.filter, range = q.range
        var teamWhere = "", teamArgs = StatementArguments()
        if let t = f.team { teamWhere = "WHERE name = ?"; teamArgs = [t] }
        set.teams = try Store.fetch(Team.self, db, "\(teamWhere) ORDER BY name", teamArgs)
        let models = MetricsSQL.subject(f, team: "team", model: "name")
        set.models = try Store.fetch(Model.self, db, "WHERE 1 = 1\(models.sql) ORDER BY name", models.arguments)
        if f.isOrganisation {
            set.budgets = try Store.fetch(Budget.self, db, "ORDER BY scope, period")
        } else {
            set.budgets = try Store.fetch(Budget.self, db, "WHERE scope = ? ORDER BY scope, period", [f.team ?? Budget.organisationScope])
        }
        let subject = MetricsSQL.subject(f, team: "team", model: "model")
        set.budgets.sort(by: Budget.storeOrder)
        set.deployments = try Store.fetch(Deployment.self, db, "WHERE deployed_at >= ? AND deployed_at < ?\(subject.sql) ORDER BY deployed_at, id",
                                          [range.start.seconds, range.end.seconds] + subject.arguments).map { $0.asOf(q.now) }
    }
}
