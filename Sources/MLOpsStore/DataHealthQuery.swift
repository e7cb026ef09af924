import MLOpsCore

/// What a store holds of each kind, by one set of rules for both engines: dated kinds
/// are read from their per-day counts (`RecordDays`), so this costs the same whatever
/// the store's size; teams, models and budgets are few and read directly.
enum DataHealthQuery {
    /// How many of a kind's newest rows decide whether a field is mostly empty.
    static let sampleRows = 100_000

    static func read(_ reader: some SQLReader, schemaVersion: Int, storePath: String) throws -> DataHealth {
        var kinds: [DataHealth.KindHealth] = []
        for kind in RecordKind.importOrder {
            let schema = RecordSchema.of(kind)
            let optional = schema.fields.filter { !$0.required }.map(\.name)
            var count = 0, first: Day?, last: Day?, empty: Int?
            var sample = 0, filled: [String: Int] = [:]
            let name = SQLValue.text(kind.rawValue)
            if let place = RecordDays.placement(kind) {
                let days = try reader.rows("SELECT COALESCE(SUM(records), 0), MIN(day), MAX(day), count(*) FROM record_days WHERE kind = ?", [name])[0]
                count = days[0]
                if place.isEpochSeconds {
                    count += try reader.rows("SELECT count(*) FROM \(place.table) WHERE \(place.column) IS NULL", [])[0][0] as Int
                }
                first = (days[1] as Int?).map(Day.init(daysSinceEpoch:))
                last = (days[2] as Int?).map(Day.init(daysSinceEpoch:))
                if let f = first, let l = last { empty = f.distance(to: l) + 1 - (days[3] as Int) }
                // Sparse fields are judged on the newest days that hold `sampleRows` records.
                let since = try reader.rows("""
                    SELECT min(day) FROM (
                        SELECT day, SUM(records) OVER (ORDER BY day DESC) - records AS before FROM record_days WHERE kind = ?
                    ) newest WHERE before < ?
                    """, [name, .integer(Int64(sampleRows))])[0][0] as Int?
                if let since {
                    sample = try reader.rows("SELECT COALESCE(SUM(records), 0) FROM record_days WHERE kind = ? AND day >= ?",
                                             [name, .integer(Int64(since))])[0][0]
                    for row in try reader.rows("SELECT field, SUM(filled) FROM record_day_fields WHERE kind = ? AND day >= ? GROUP BY field",
                                               [name, .integer(Int64(since))]) {
                        filled[row[0]] = row[1]
                    }
                }
            } else {
                count = try reader.rows("SELECT count(*) FROM \(schema.table)", [])[0][0]
                if !optional.isEmpty, count > 0 {
                    let row = try reader.rows("SELECT \(optional.map { "count(\"\($0)\")" }.joined(separator: ", ")) FROM \(schema.table)", [])[0]
                    for (i, field) in optional.enumerated() { filled[field] = row[i] }
                    sample = count
                }
            }
            let sparse = sample > 0 ? optional.filter { Double(filled[$0] ?? 0) < 0.2 * Double(sample) } : []
            let lastImport = try reader.rows("SELECT max(imported_at) FROM imports WHERE kind = ?", [name])[0][0] as Int64?
            kinds.append(DataHealth.KindHealth(kind: kind, count: count, first: first, last: last,
                                               lastImport: lastImport.map(Instant.init(seconds:)), emptyDays: empty, mostlyEmptyFields: sparse))
        }
        return DataHealth(kinds: kinds, schemaVersion: schemaVersion, storePath: storePath)
    }

    /// Every team and model name, for the dashboard's pickers and `check`.
    static func subjectNames(_ reader: some SQLReader) throws -> (teams: [String], models: [String]) {
        (try reader.rows("SELECT name FROM teams UNION SELECT team FROM models ORDER BY 1", []).map { $0[0] as String },
         try reader.rows("""
            \(RunAggregatesQuery.runModelNames)
            SELECT name FROM models UNION SELECT name FROM names WHERE name IS NOT NULL ORDER BY 1
            """, []).map { $0[0] as String })
    }
}
