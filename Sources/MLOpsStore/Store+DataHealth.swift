import GRDB
import MLOpsCore

extension Store {
    /// What the store holds of each kind: counts, date range, gaps, sparse fields, last import.
    ///
    /// Dated kinds are read from their per-day counts (`RecordDays`), so this costs the
    /// same whatever the store's size; teams, models and budgets are few and read directly.
    public func dataHealth() throws -> DataHealth {
        try read { db in
            try DataHealthQuery.read(db, schemaVersion: try Schema.migrator.appliedIdentifiers(db).count, storePath: path)
        }
    }

    /// Every team and model name, for the dashboard's pickers.
    public func subjectNames() throws -> (teams: [String], models: [String]) {
        try read { db in try DataHealthQuery.subjectNames(db) }
    }
}
