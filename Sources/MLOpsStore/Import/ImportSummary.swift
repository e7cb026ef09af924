import MLOpsCore

/// What an import did (or, in a dry run, would have done).
public struct ImportSummary: Equatable, Sendable, CustomStringConvertible {
    public var kind: RecordKind
    public var file: String
    public var rows: Int
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public var dryRun: Bool

    public var description: String {
        let verb = dryRun ? "would import" : "imported"
        return "\(file): \(verb) \(rows) \(kind.rawValue) rows: \(inserted) inserted, \(updated) updated, \(unchanged) unchanged"
            + (dryRun ? " (dry run, nothing written)" : "")
    }
}
