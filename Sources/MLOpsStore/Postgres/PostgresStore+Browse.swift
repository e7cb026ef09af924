import MLOpsCore

/// Data health, subject names and drill-down pages from a PostgreSQL store, by the
/// same rules as the SQLite store's (`Store+DataHealth`, `Store+RecordPages`).
extension PostgresStore {
    public func dataHealth() throws -> DataHealth {
        try read { session in
            try DataHealthQuery.read(session, schemaVersion: try session.rows("SELECT count(*) FROM \(PostgresSchema.migrationsTable)")[0][0],
                                     storePath: location.description)
        }
    }

    /// Every team and model name, for the pickers and `check`.
    public func subjectNames() throws -> (teams: [String], models: [String]) {
        try read { session in try DataHealthQuery.subjectNames(session) }
    }

    /// One page of records for a drill-down, newest first, with the number that match.
    public func recordPage(_ r: RecordPageRequest) throws -> RecordPage {
        try read { session in
            var conditions: [String] = [], arguments: [SQLValue] = []
            let table: String, order: String
            let firstDay = MetricsSQL.firstDay(onOrAfter: r.window.start).iso8601, endDay = MetricsSQL.firstDay(onOrAfter: r.window.end).iso8601
            switch r.kind {
            case .runs:
                (table, order) = ("runs", "placed_at DESC, id DESC")
                conditions.append("placed_at >= ? AND placed_at < ?")
                arguments += [.integer(r.window.start.seconds), .integer(r.window.end.seconds)]
                if let t = r.filter.team { conditions.append("team = ?"); arguments.append(.text(t)) }
                if let m = r.filter.model { conditions.append("model = ?"); arguments.append(.text(m)) }
                if let k = r.runKind { conditions.append("kind = ?"); arguments.append(.text(k.rawValue)) }
            case .costs:
                (table, order) = ("costs", "date DESC, id DESC")
                conditions.append("date >= ? AND date < ?")
                arguments += [.text(firstDay), .text(endDay)]
                if let t = r.filter.team {
                    conditions.append("COALESCE(team, (SELECT m.team FROM models m WHERE m.name = costs.model)) = ?")
                    arguments.append(.text(t))
                }
                if let m = r.filter.model { conditions.append("model = ?"); arguments.append(.text(m)) }
            case .maintenance:
                (table, order) = ("maintenance", "date DESC, id DESC")
                conditions.append("date >= ? AND date < ?")
                arguments += [.text(firstDay), .text(endDay)]
                if r.filter.model != nil { conditions.append("1 = 0") }
                if let t = r.filter.team { conditions.append("team = ?"); arguments.append(.text(t)) }
                if let s = r.system { conditions.append("system = ?"); arguments.append(.text(s)) }
                if let c = r.category { conditions.append("category = ?"); arguments.append(.text(c.rawValue)) }
            }
            let whereClause = "WHERE " + conditions.joined(separator: " AND ")
            let total: Int = try session.rows("SELECT count(*) FROM \(table) \(whereClause)", arguments)[0][0]
            let page = "\(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?"
            let pageArguments = arguments + [.integer(Int64(r.limit)), .integer(Int64(r.offset))]
            var out = RecordSet()
            switch r.kind {
            case .runs: out.runs = try session.records(Run.self, page, pageArguments)
            case .costs: out.costs = try session.records(CostEntry.self, page, pageArguments)
            case .maintenance: out.maintenance = try session.records(MaintenanceEntry.self, page, pageArguments)
            }
            return RecordPage(request: r, total: total, records: out)
        }
    }
}
