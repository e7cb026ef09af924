import MLOpsCore

/// The `imports` table: one row per kind an import wrote, the store's history of imports
/// (and the dashboard's cue to reload). The same statement on both engines.
enum ImportLog {
    static let insert = "INSERT INTO imports (kind, source, imported_at, inserted, updated, unchanged) VALUES (?, ?, ?, ?, ?, ?)"

    static func arguments(_ counts: ImportSummary, source: String, now: Instant) -> [SQLValue] {
        [.text(counts.kind.rawValue), .text(source), .integer(now.seconds),
         .integer(Int64(counts.inserted)), .integer(Int64(counts.updated)), .integer(Int64(counts.unchanged))]
    }
}
