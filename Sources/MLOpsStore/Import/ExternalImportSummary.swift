import MLOpsCore

/// What an import from another system (MLflow, a FOCUS bill) did, per kind of record, with notes
/// on what it skipped or inferred.
public struct ExternalImportSummary: Equatable, Sendable, CustomStringConvertible {
    public var source: String
    /// One entry per kind written, in import order.
    public var kinds: [ImportSummary]
    public var notes: [String]
    public var dryRun: Bool

    public func counts(_ kind: RecordKind) -> ImportSummary? { kinds.first { $0.kind == kind } }

    public var description: String {
        var lines = ["\(source): \(dryRun ? "would import" : "imported")"]
        for k in kinds {
            lines.append("  \(k.kind.rawValue): \(k.rows) rows, \(k.inserted) inserted, \(k.updated) updated, \(k.unchanged) unchanged")
        }
        lines += notes.map { "  \($0)" }
        if dryRun { lines.append("  (dry run, nothing written)") }
        return lines.joined(separator: "\n")
    }
}
