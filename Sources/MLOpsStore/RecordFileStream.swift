import Foundation
import GRDB
import MLOpsCore

/// Writes one kind's records to `<kind>.csv` or `<kind>.jsonl` as they come, in flat
/// memory, for files too large to build as one string.
///
/// Rows go to a hidden temporary file that `finish()` renames into place, so a failed or
/// interrupted write never leaves a partial file under the real name.
public final class RecordFileStream {
    public let path: String
    private let temporaryPath: String
    private let format: ImportFormat
    private let fieldNames: [String]
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var finished = false
    public private(set) var rows = 0

    public init(kind: RecordKind, format: ImportFormat, directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = (directory as NSString).appendingPathComponent("\(kind.rawValue).\(format.rawValue)")
        temporaryPath = (directory as NSString).appendingPathComponent(".\(kind.rawValue).\(format.rawValue).tmp-\(getpid())")
        self.format = format
        fieldNames = RecordSchema.of(kind).fields.map(\.name)
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporaryPath) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporaryPath])
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
        if format == .csv { buffer.append(contentsOf: (fieldNames.joined(separator: ",") + "\n").utf8) }
    }

    deinit {
        if !finished {
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    public func append(_ record: Team) throws { try append(record.databaseValues) }
    public func append(_ record: Model) throws { try append(record.databaseValues) }
    public func append(_ record: Run) throws { try append(record.databaseValues) }
    public func append(_ record: Deployment) throws { try append(record.databaseValues) }
    public func append(_ record: Incident) throws { try append(record.databaseValues) }
    public func append(_ record: MaintenanceEntry) throws { try append(record.databaseValues) }
    public func append(_ record: CostEntry) throws { try append(record.databaseValues) }
    public func append(_ record: Budget) throws { try append(record.databaseValues) }
    public func append(_ record: ServingDay) throws { try append(record.databaseValues) }

    private func append(_ values: [(any DatabaseValueConvertible)?]) throws {
        switch format {
        case .csv:
            for (i, value) in values.enumerated() {
                if i > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: RecordFileWriter.field(value).utf8)
            }
        case .jsonl:
            buffer.append(UInt8(ascii: "{"))
            var first = true
            for (name, value) in zip(fieldNames, values) {
                guard let value else { continue }
                if !first { buffer.append(UInt8(ascii: ",")) }
                first = false
                buffer.append(contentsOf: "\"\(name)\":".utf8)
                buffer.append(contentsOf: Self.json(value).utf8)
            }
            buffer.append(UInt8(ascii: "}"))
        }
        buffer.append(UInt8(ascii: "\n"))
        rows += 1
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes what is left and moves the file to its real name.
    public func finish() throws {
        try flush()
        // A full disk can surface only at sync; a file that did not reach the disk is an error.
        try handle.synchronize()
        try handle.close()
        guard rename(temporaryPath, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path,
                                                          NSLocalizedDescriptionKey: String(cString: strerror(errno))])
        }
        finished = true
    }

    private func flush() throws {
        try handle.write(contentsOf: buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    static func json(_ value: any DatabaseValueConvertible) -> String {
        switch value {
        case let b as Bool: return b ? "true" : "false"
        case let i as Int: return String(i)
        case let i as Int64: return String(i)
        case let d as Double: return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
        case let i as Instant: return quoted(i.iso8601)
        case let d as Day: return quoted(d.iso8601)
        case let s as String: return quoted(s)
        default: return quoted("\(value)")
        }
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
