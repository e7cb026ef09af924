import Foundation
import GRDB
import MLOpsCore

/// Reads a directory of import files (`teams.csv`, `runs.jsonl`, …) into records,
/// with the same validation as `import`.
public enum RecordFileReader {
    ///
    /// The files go through the import itself, into a store in memory, so what this
    /// accepts and how it reads it cannot drift from `mlops-dash import`.
    public static func read(directory: String) throws -> RecordSet {
        let queue = try DatabaseQueue()
        try Schema.migrator.migrate(queue)
        var set = RecordSet()
        try queue.inTransaction { db in
            for type in StoredRecords.all { try read(type, directory, db, into: &set) }
            return .rollback
        }
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

    private static func read<R: StoredRecord>(_: R.Type, _ directory: String, _ db: Database, into set: inout RecordSet) throws {
        guard let file = files(in: directory).first(where: { $0.kind == R.schema.kind }) else { return }
        let source = try RecordSource(path: file.path, format: file.format, schema: R.schema)
        _ = try FileImport.run(db, source: source)
        set[keyPath: R.inRecordSet] = try Store.fetch(R.self, db, "ORDER BY rowid")
    }
}
