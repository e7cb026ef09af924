/// The file formats records can be imported from.
public enum ImportFormat: String, CaseIterable, Sendable {
    case csv
    case jsonl

    /// The format a file's extension names: `.csv`, or `.jsonl`/`.ndjson`.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { self = .csv }
        else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { self = .jsonl }
        else { return nil }
    }
}
