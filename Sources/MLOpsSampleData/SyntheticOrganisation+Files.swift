import MLOpsCore
import MLOpsStore

extension SyntheticOrganisation {
    /// Writes every kind as an import file (`teams.csv`, `runs.csv`, … or `.jsonl`) into
    /// `directory`, one kind at a time in flat memory; returns the rows written per kind.
    @discardableResult
    public func writeFiles(format: ImportFormat, to directory: String, kinds: [RecordKind] = RecordKind.importOrder,
                           progress: (RecordKind, Int) -> Void = { _, _ in }) throws -> [RecordKind: Int] {
        var written: [RecordKind: Int] = [:]
        for kind in kinds {
            let stream = try RecordFileStream(kind: kind, format: format, directory: directory)
            switch kind {
            case .teams: for t in teams() { try stream.append(t) }
            case .models: for m in models() { try stream.append(m) }
            case .runs: for r in 0..<scale.runs { try stream.append(run(r)) }
            case .deployments: for d in 0..<scale.deployments { try stream.append(deployment(d)) }
            case .incidents: for i in 0..<scale.incidents { try stream.append(incident(i)) }
            case .maintenance: for e in 0..<scale.maintenance { try stream.append(maintenance(e)) }
            case .costs: for c in 0..<scale.costs { try stream.append(cost(c)) }
            case .budgets: for b in budgets() { try stream.append(b) }
            case .serving: for s in 0..<scale.servingRows() { try stream.append(serving(s)) }
            }
            try stream.finish()
            written[kind] = stream.rows
            progress(kind, stream.rows)
        }
        return written
    }
}
