import GRDB
import MLOpsCore

extension Store {
    /// One page of records for a drill-down, newest first, with the number that match:
    /// a count and a `LIMIT`/`OFFSET` read over the time index, never the whole window.
    public func recordPage(_ r: RecordPageRequest) throws -> RecordPage {
        try read { db in
            var out = RecordSet()
            var conditions: [String] = [], arguments = StatementArguments()
            let table: String, order: String
            switch r.kind {
            case .runs:
                table = "runs"
                order = "placed_at DESC, id DESC"
                conditions.append("placed_at >= ? AND placed_at < ?")
                arguments += [r.window.start.seconds, r.window.end.seconds]
                if let t = r.filter.team { conditions.append("team = ?"); arguments += [t] }
                if let m = r.filter.model { conditions.append("model = ?"); arguments += [m] }
                if let k = r.runKind { conditions.append("kind = ?"); arguments += [k.rawValue] }
            case .costs:
                table = "costs"
                order = "date DESC, id DESC"
                conditions.append("date >= ? AND date < ?")
                arguments += [MetricsSQL.firstDay(onOrAfter: r.window.start).iso8601, MetricsSQL.firstDay(onOrAfter: r.window.end).iso8601]
                if let t = r.filter.team {
                    conditions.append("COALESCE(team, (SELECT m.team FROM models m WHERE m.name = costs.model)) = ?")
                    arguments += [t]
                }
                if let m = r.filter.model { conditions.append("model = ?"); arguments += [m] }
            case .maintenance:
                table = "maintenance"
                order = "date DESC, id DESC"
                conditions.append("date >= ? AND date < ?")
                arguments += [MetricsSQL.firstDay(onOrAfter: r.window.start).iso8601, MetricsSQL.firstDay(onOrAfter: r.window.end).iso8601]
                if r.filter.model != nil { conditions.append("1 = 0") }
                if let t = r.filter.team { conditions.append("team = ?"); arguments += [t] }
                if let s = r.system { conditions.append("system = ?"); arguments += [s] }
                if let c = r.category { conditions.append("category = ?"); arguments += [c.rawValue] }
            }
            let whereClause = "WHERE " + conditions.joined(separator: " AND ")
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) \(whereClause)", arguments: arguments) ?? 0
            let page = "\(whereClause) ORDER BY \(order) LIMIT ? OFFSET ?"
            let pageArguments = arguments + [r.limit, r.offset]
            switch r.kind {
            case .runs: out.runs = try Self.fetch(Run.self, db, page, pageArguments)
            case .costs: out.costs = try Self.fetch(CostEntry.self, db, page, pageArguments)
            case .maintenance: out.maintenance = try Self.fetch(MaintenanceEntry.self, db, page, pageArguments)
            }
            return RecordPage(request: r, total: total, records: out)
        }
    }
}
