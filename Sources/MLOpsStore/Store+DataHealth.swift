import GRDB
import MLOpsCore

extension Store {
    /// What the store holds of each kind: counts, date range, gaps, sparse fields, last import.
    ///
    /// Dated kinds are read from their per-day counts (`RecordDays`), so this costs the
    /// same whatever the store's size; teams, models and budgets are few and read directly.
    public func dataHealth() throws -> DataHealth {
        try read { db in
            var kinds: [DataHealth.KindHealth] = []
            for kind in RecordKind.importOrder {
                let schema = RecordSchema.of(kind)
                let optional = schema.fields.filter { !$0.required }.map(\.name)
                var count = 0, first: Day?, last: Day?, empty: Int?
                var sample = 0, filled: [String: Int] = [:]
                if let place = RecordDays.placement(kind) {
                    let days = try Row.fetchOne(db, sql: """
                        SELECT COALESCE(SUM(records), 0), MIN(day), MAX(day), count(*) FROM record_days WHERE kind = ?
                        """, arguments: [kind.rawValue])!
                    count = days[0]
                    if place.isEpochSeconds {
                        count += try Int.fetchOne(db, sql: "SELECT count(*) FROM \(place.table) WHERE \(place.column) IS NULL") ?? 0
                    }
                    first = (days[1] as Int?).map(Day.init(daysSinceEpoch:))
                    last = (days[2] as Int?).map(Day.init(daysSinceEpoch:))
                    if let f = first, let l = last { empty = f.distance(to: l) + 1 - (days[3] as Int) }
                    // Sparse fields are judged on the newest days that hold `healthSampleRows` records.
                    var since: Int?
                    let newest = try Row.fetchCursor(db, sql: "SELECT day, records FROM record_days WHERE kind = ? ORDER BY day DESC",
                                                     arguments: [kind.rawValue])
                    while sample < Self.healthSampleRows, let row = try newest.next() {
                        since = row[0]
                        sample += row[1] as Int
                    }
                    if let since {
                        for row in try Row.fetchAll(db, sql: """
                            SELECT field, SUM(filled) FROM record_day_fields WHERE kind = ? AND day >= ? GROUP BY field
                            """, arguments: [kind.rawValue, since]) {
                            filled[row[0]] = row[1]
                        }
                    }
                } else {
                    count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(schema.table)") ?? 0
                    if !optional.isEmpty, count > 0 {
                        let row = try Row.fetchOne(db, sql: "SELECT \(optional.map { "count(\"\($0)\")" }.joined(separator: ", ")) FROM \(schema.table)")!
                        for (i, field) in optional.enumerated() { filled[field] = row[i] }
                        sample = count
                    }
                }
                let sparse = sample > 0 ? optional.filter { Double(filled[$0] ?? 0) < 0.2 * Double(sample) } : []
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
}

extension Store {
    /// Every team and model name, for the dashboard's pickers.
    public func subjectNames() throws -> (teams: [String], models: [String]) {
        try read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM teams UNION SELECT team FROM models ORDER BY 1"),
             try String.fetchAll(db, sql: """
                \(RunAggregatesQuery.runModelNames)
                SELECT name FROM models UNION SELECT name FROM names WHERE name IS NOT NULL ORDER BY 1
                """))
        }
    }
}
