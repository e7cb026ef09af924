import Foundation
import GRDB
import MLOpsCore

/// Writes records in the import formats, so generated data round-trips through `import`.
public enum RecordFileWriter {
    /// Writes one CSV file per record kind into `directory` (`teams.csv`, `runs.csv`, …).
    /// Each file is written to a temporary name and renamed, so none is left half-written.
    public static func writeCSV(_ records: RecordSet, to directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for type in StoredRecords.all { try write(type, records, directory) }
    }

    /// The CSV text for records of one kind, header first.
    static func csv<R: StoredRecord>(_ records: [R]) -> String {
        var out = R.schema.fields.map(\.name).joined(separator: ",") + "\n"
        out.reserveCapacity(records.count * 120)
        for record in records {
            out += record.databaseValues.map(field).joined(separator: ",")
            out += "\n"
        }
        return out
    }

    private static func write<R: StoredRecord>(_: R.Type, _ records: RecordSet, _ directory: String) throws {
        let records = records[keyPath: R.inRecordSet]
        let path = (directory as NSString).appendingPathComponent("\(R.schema.kind.rawValue).csv")
        try AtomicFile.write(Data(csv(records).utf8), to: path)
    }

    static func field(_ value: (any DatabaseValueConvertible)?) -> String {
        guard let value else { return "" }
        let text: String
        switch value {
        case let i as Instant: text = i.iso8601
        case let d as Day: text = d.iso8601
        case let b as Bool: text = b ? "true" : "false"
        case let d as Double: text = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case let s as String: text = s
        default: text = "\(value)"
        }
        // By scalar: "\r\n" is one Character, equal to neither "\r" nor "\n".
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}
