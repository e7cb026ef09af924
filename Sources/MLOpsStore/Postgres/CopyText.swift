import MLOpsCore
import NIOCore

/// PostgreSQL's `COPY` text format: tab-separated, `\N` for null, backslash escapes for
/// backslash, tab, newline and carriage return. Imports write it from a file's checked
/// bytes; moves from values read out of a store.
enum CopyText {
    /// One checked import row: the file's line, then its fields. Text PostgreSQL cannot
    /// hold is reported at its line and column.
    static func append(_ values: FieldValues, _ record: RawRecord, schema: RecordSchema, file: String, to out: inout ByteBuffer) throws {
        appendInteger(Int64(record.line), to: &out)
        for i in 0..<schema.fields.count {
            out.writeInteger(UInt8(ascii: "\t"))
            guard values.present[i] else { appendNull(to: &out); continue }
            switch values.storage[i] {
            case .integer: appendInteger(values.integer[i], to: &out)
            case .real: out.writeString(values.real[i].description)
            case .text:
                let start = values.start[i], end = values.end[i]
                try record.bytes.withUnsafeBufferPointer { bytes in
                    let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    if let problem = problem(field) {
                        throw ImportError(file: file, line: record.line, column: record.column(of: values.source[i]),
                                          field: schema.fields[i].name, problem: problem)
                    }
                    appendText(field, to: &out)
                }
            }
        }
        out.writeInteger(UInt8(ascii: "\n"))
    }

    /// One row of stored values.
    static func appendRow(_ row: [SQLValue], to out: inout ByteBuffer) {
        for (i, value) in row.enumerated() {
            if i > 0 { out.writeInteger(UInt8(ascii: "\t")) }
            switch value {
            case .null: appendNull(to: &out)
            case .integer(let v): appendInteger(v, to: &out)
            case .real(let v): out.writeString(v.description)
            case .text(var v): v.withUTF8 { appendText($0, to: &out) }
            }
        }
        out.writeInteger(UInt8(ascii: "\n"))
    }

    /// What PostgreSQL's text type cannot hold: a NUL byte, or bytes that are not UTF-8.
    static func problem(_ field: UnsafeBufferPointer<UInt8>) -> String? {
        var ascii = true
        for byte in field {
            if byte == 0 { return "holds a NUL byte, which PostgreSQL cannot store" }
            if byte >= 0x80 { ascii = false }
        }
        if ascii { return nil }
        return String(validating: field, as: UTF8.self) == nil ? "is not valid UTF-8" : nil
    }

    /// The same for decoded text, before it is written anywhere.
    static func problem(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { problem($0) }
    }

    /// Text with its special bytes escaped; runs without them are copied whole.
    private static func appendText(_ field: UnsafeBufferPointer<UInt8>, to out: inout ByteBuffer) {
        let raw = UnsafeRawBufferPointer(field)
        var clean = 0
        for (j, byte) in field.enumerated() {
            let escape: UInt8? = switch byte {
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case UInt8(ascii: "\t"): UInt8(ascii: "t")
            case UInt8(ascii: "\n"): UInt8(ascii: "n")
            case UInt8(ascii: "\r"): UInt8(ascii: "r")
            default: nil
            }
            guard let escape else { continue }
            out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[clean..<j]))
            out.writeInteger(UInt8(ascii: "\\"))
            out.writeInteger(escape)
            clean = j + 1
        }
        out.writeBytes(UnsafeRawBufferPointer(rebasing: raw[clean...]))
    }

    private static func appendNull(to out: inout ByteBuffer) {
        out.writeInteger(UInt8(ascii: "\\"))
        out.writeInteger(UInt8(ascii: "N"))
    }

    private static func appendInteger(_ value: Int64, to out: inout ByteBuffer) {
        if value >= 0 && value < 10 { out.writeInteger(UInt8(ascii: "0") + UInt8(value)); return }
        out.writeString(String(value))
    }
}
