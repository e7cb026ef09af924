import Foundation
import MLOpsCore

/// Reads a directory of import files (`teams.csv`, `runs.jsonl`, …) into records,
/// with the same validation as `import`.
public enum RecordFileReader {
    public static func read(directory: String) throws -> RecordSet {
        var set = RecordSet()
        for type in StoredRecords.all { try read(type, directory, into: &set) }
        return set
    }

    /// The files in `directory` that hold records, by kind; a kind may be absent.
    public static func files(in directory: String) -> [(kind: RecordKind, path: String, format: ImportFormat)] {
        RecordKind.importOrder.compactMap { kind in
            for format in ImportFormat.allCases {
                let path = (directory as NSString).appendingPathComponent("\(kind.rawValue).\(format.rawValue)")
                if FileManager.default.fileExists(atPath: path) { return (kind, path, format) }
            }
            return nil
        }
    }

    private static func read<R: StoredRecord>(_: R.Type, _ directory: String, into set: inout RecordSet) throws {
        guard let file = files(in: directory).first(where: { $0.kind == R.schema.kind }) else { return }
        var source = try RowSource(path: file.path, format: file.format, schema: R.schema)
        var out: [R] = []
        while let row = try source.next() { out.append(try R(importing: row)) }
        set[keyPath: R.inRecordSet] = out
    }
}
