import GRDB
import MLOpsCore

extension Store {
    /// What the store holds of each kind: counts, date range, gaps, sparse fields, last import.
    public func dataHealth() throws -> DataHealth {
        try read { db in
            var kinds: [DataHealth.KindHealth] = []
            for kind in RecordKind.importOrder {
                let schema = RecordSchema.of(kind)
                let table = schema.table
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                var first: Day?, last: Day?, empty: Int?
                if let dayExpression = Self.dayExpression(kind) {
                    let row = try Row.fetchOne(db, sql: """
                        SELECT min(\(dayExpression)) AS first, max(\(dayExpression)) AS last, count(DISTINCT \(dayExpression)) AS days FROM \(table)
                        """)
                    first = (row?["first"] as String?).flatMap(Day.init(iso8601:))
                    last = (row?["last"] as String?).flatMap(Day.init(iso8601:))
                    if let f = first, let l = last, let days: Int = row?["days"] { empty = f.distance(to: l) + 1 - days }
                }
                var sparse: [String] = []
                if count > 0 {
                    for field in schema.fields where !field.required {
                        let filled = try Int.fetchOne(db, sql: "SELECT count(\"\(field.name)\") FROM \(table)") ?? 0
                        if Double(filled) < 0.2 * Double(count) { sparse.append(field.name) }
                    }
                }
                let lastImport = try Int64.fetchOne(db, sql: "SELECT max(imported_at) FROM imports WHERE kind = ?", arguments: [kind.rawValue])
                kinds.append(DataHealth.KindHealth(kind: kind, count: count, first: first, last: last,
                                                   lastImport: lastImport.map(Instant.init(seconds:)), emptyDays: empty, mostlyEmptyFields: sparse))
            }
            let version = try Schema.migrator.appliedIdentifiers(db).count
            return DataHealth(kinds: kinds, schemaVersion: version, storePath: path)
        }
    }

    static func dayExpression(_ kind: RecordKind) -> String? {
        switch kind {
        case .runs: return "date(placed_at, 'unixepoch')"
        case .deployments: return "date(deployed_at, 'unixepoch')"
        case .incidents: return "date(opened_at, 'unixepoch')"
        case .maintenance, .costs, .serving: return "date"
        case .teams, .models, .budgets: return nil
        }
    }

    /// Everything the dashboard draws for one window and subject.
    public func dashboardSnapshot(window spec: WindowSpec, now: Instant, filter: SubjectFilter,
                                  configuration: MetricsConfiguration = MetricsConfiguration()) throws -> (PlatformSnapshot, RecordSet) {
        let window = spec.resolve(now: now)
        let previous = spec.comparisonWindow(now: now)
        let range = PlatformSnapshot.requiredRange(window: window, previous: previous, now: now, configuration: configuration)
        let records = try records(in: range)
        let snapshot = PlatformSnapshot.compute(records: records, history: try modelHistory(), window: window, previous: previous,
                                                windowLabel: spec.description, now: now, filter: filter, configuration: configuration)
        return (snapshot, records.filtered(filter))
    }
}

extension Store {
    /// Every team and model name, for the dashboard's pickers.
    public func subjectNames() throws -> (teams: [String], models: [String]) {
        try read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM teams UNION SELECT team FROM models ORDER BY 1"),
             try String.fetchAll(db, sql: "SELECT name FROM models UNION SELECT DISTINCT model FROM runs ORDER BY 1"))
        }
    }
}
