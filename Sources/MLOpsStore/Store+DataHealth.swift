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
                // Whether a field is mostly empty is judged on the newest rows, in one pass for
                // every field: scanning millions of rows once per field cost seconds on large stores.
                let optional = schema.fields.filter { !$0.required }
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
                let sampled = optional.map { "count(\"\($0.name)\")" }.joined(separator: ", ")
                let counts = optional.isEmpty ? nil : try Row.fetchOne(db, sql: """
                    SELECT count(*), \(sampled) FROM (SELECT * FROM \(table) ORDER BY rowid DESC LIMIT \(Self.healthSampleRows))
                    """)
                var first: Day?, last: Day?, empty: Int?
                if let day = Self.dayColumn(kind) {
                    // min, max and DISTINCT over the indexed column itself, so SQLite answers from the index.
                    let row = try Row.fetchOne(db, sql: "SELECT min(\(day.column)), max(\(day.column)) FROM \(table)")!
                    let distinct = try Int.fetchOne(db, sql: "SELECT count(DISTINCT \(day.distinctDays)) FROM \(table)") ?? 0
                    if day.isEpochSeconds {
                        first = (row[0] as Int64?).map { Instant(seconds: $0).day }
                        last = (row[1] as Int64?).map { Instant(seconds: $0).day }
                    } else {
                        first = (row[0] as String?).flatMap(Day.init(iso8601:))
                        last = (row[1] as String?).flatMap(Day.init(iso8601:))
                    }
                    if let f = first, let l = last { empty = f.distance(to: l) + 1 - distinct }
                }
                var sparse: [String] = []
                if let counts, let sample: Int = counts[0], sample > 0 {
                    for (i, field) in optional.enumerated() {
                        let filled: Int = counts[i + 1]
                        if Double(filled) < 0.2 * Double(sample) { sparse.append(field.name) }
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

    /// How many of a kind's newest rows decide whether a field is mostly empty.
    static let healthSampleRows = 100_000

    /// The indexed column that places a kind's records on days, and how to count its days.
    static func dayColumn(_ kind: RecordKind) -> (column: String, distinctDays: String, isEpochSeconds: Bool)? {
        switch kind {
        case .runs: return ("placed_at", "placed_at / 86400", true)
        case .deployments: return ("deployed_at", "deployed_at / 86400", true)
        case .incidents: return ("opened_at", "opened_at / 86400", true)
        case .maintenance, .costs, .serving: return ("date", "date", false)
        case .teams, .models, .budgets: return nil
        }
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
