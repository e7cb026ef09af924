import MLOpsCore

/// Data health, subject names and drill-down pages from a PostgreSQL store, by the
/// same rules as the SQLite store's (`Store+DataHealth`, `Store+RecordPages`).
extension PostgresStore {
    public func dataHealth() throws -> DataHealth {
        try read { session in
            var kinds: [DataHealth.KindHealth] = []
            for kind in RecordKind.importOrder {
                let schema = RecordSchema.of(kind)
                let optional = schema.fields.filter { !$0.required }.map(\.name)
                var count = 0, first: Day?, last: Day?, empty: Int?
                var sample = 0, filled: [String: Int] = [:]
                if let place = RecordDays.placement(kind) {
                    let days = try session.rows("SELECT COALESCE(SUM(records), 0)::bigint, MIN(day), MAX(day), count(*) FROM record_days WHERE kind = ?",
                                                [.text(kind.rawValue)])[0]
                    count = days[0]
                    if place.isEpochSeconds {
                        count += try session.rows("SELECT count(*) FROM \(place.table) WHERE \(place.column) IS NULL")[0][0] as Int
                    }
                    first = (days[1] as Int?).map(Day.init(daysSinceEpoch:))
                    last = (days[2] as Int?).map(Day.init(daysSinceEpoch:))
                    if let f = first, let l = last { empty = f.distance(to: l) + 1 - (days[3] as Int) }
                    // Sparse fields are judged on the newest days that hold `healthSampleRows` records.
                    let since = try session.rows("""
                        SELECT min(day) FROM (
                            SELECT day, SUM(records) OVER (ORDER BY day DESC) - records AS before FROM record_days WHERE kind = ?
                        ) newest WHERE before < ?
                        """, [.text(kind.rawValue), .integer(Int64(Store.healthSampleRows))])[0][0] as Int?
                    if let since {
                        sample = try session.rows("SELECT COALESCE(SUM(records), 0)::bigint FROM record_days WHERE kind = ? AND day >= ?",
                                                  [.text(kind.rawValue), .integer(Int64(since))])[0][0]
                        for row in try session.rows("SELECT field, SUM(filled)::bigint FROM record_day_fields WHERE kind = ? AND day >= ? GROUP BY field",
                                                    [.text(kind.rawValue), .integer(Int64(since))]) {
                            filled[row[0]] = row[1]
                        }
                    }
                } else {
                    count = try session.rows("SELECT count(*) FROM \(schema.table)")[0][0]
                    if !optional.isEmpty, count > 0 {
                        let row = try session.rows("SELECT \(optional.map { "count(\"\($0)\")" }.joined(separator: ", ")) FROM \(schema.table)")[0]
                        for (i, field) in optional.enumerated() { filled[field] = row[i] }
                        sample = count
                    }
                }
                let sparse = sample > 0 ? optional.filter { Double(filled[$0] ?? 0) < 0.2 * Double(sample) } : []
                let lastImport = try session.rows("SELECT max(imported_at) FROM imports WHERE kind = ?", [.text(kind.rawValue)])[0][0] as Int64?
                kinds.append(DataHealth.KindHealth(kind: kind, count: count, first: first, last: last,
                                                   lastImport: lastImport.map(Instant.init(seconds:)), emptyDays: empty, mostlyEmptyFields: sparse))
            }
            let version: Int = try session.rows("SELECT count(*) FROM \(PostgresSchema.migrationsTable)")[0][0]
            return DataHealth(kinds: kinds, schemaVersion: version, storePath: location.description)
        }
    }

    /// Every team and model name, for the pickers and `check`.
    public func subjectNames() throws -> (teams: [String], models: [String]) {
        try read { session in
            (try session.rows("SELECT name FROM teams UNION SELECT team FROM models ORDER BY 1").map { $0[0] as String },
             try session.rows("""
                \(PostgresMetricsReader.runModelNames)
                SELECT name FROM models UNION SELECT name FROM names WHERE name IS NOT NULL ORDER BY 1
                """).map { $0[0] as String })
        }
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
