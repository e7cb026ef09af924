/// Reads JSON Lines whose lines are flat objects (`{"id": "r1", "gpu_hours": 2.5, "x": null}`).
///
/// Numbers keep their literal text and booleans become `true`/`false`, so both formats
/// share one decoder. Nested objects and arrays are rejected: every field is a column.
/// A line longer than `RecordLimit`, a NUL (raw or `\u0000`) and invalid UTF-8 are errors.
struct JSONLinesReader {
    private var bytes: ByteReader
    let file: String
    private var line = 0

    init(path: String) throws {
        self.file = path
        self.bytes = try ByteReader(path: path)
    }

    var consumedBytes: Int { bytes.consumed }
    var fileSize: Int? { bytes.fileSize }

    /// Reads the next object into `record`; false at the end of the file. Blank lines are skipped.
    mutating func next(into record: inout RawRecord) throws -> Bool {
        while true {
            record.lineBytes.removeAll(keepingCapacity: true)
            var sawAny = false
            var seen: UInt8 = 0
            var nul: Int?
            while true {
                if bytes.appendLine(to: &record.lineBytes, seen: &seen) > 0 { sawAny = true }
                if record.lineBytes.count > RecordLimit.bytes {
                    throw ImportError(file: file, line: line + 1,
                                      problem: "is a line longer than \(RecordLimit.description), the longest one import reads")
                }
                guard let c = try bytes.next() else { break }
                sawAny = true
                if c == UInt8(ascii: "\n") { break }
                if record.lineBytes.count >= RecordLimit.bytes {
                    throw ImportError(file: file, line: line + 1,
                                      problem: "is a line longer than \(RecordLimit.description), the longest one import reads")
                }
                seen |= c
                if c == 0, nul == nil { nul = record.lineBytes.count }
                record.lineBytes.append(c)
            }
            if !sawAny { return false }
            line += 1
            if record.lineBytes.last == UInt8(ascii: "\r") { record.lineBytes.removeLast() }
            if line == 1, record.lineBytes.starts(with: [0xEF, 0xBB, 0xBF]) {
                record.lineBytes.removeFirst(3)
                nul = nul.map { $0 - 3 }
            }
            if record.lineBytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            if let nul {
                throw ImportError(file: file, line: line, column: RawRecord.characterColumn(record.lineBytes, at: nul),
                                  problem: "holds a NUL byte; text may not contain NUL")
            }
            if seen & 0x80 != 0,
               case .badByte(let column) = UTF8Text.decode(record.lineBytes[...]) {
                throw ImportError(file: file, line: line, column: column, problem: "holds bytes that are not valid UTF-8")
            }
            record.reset(line: line)
            var parser = FlatJSONObjectParser(file: file, line: line)
            try parser.parse(&record)
            return true
        }
    }
}

/// Parses one line holding a flat JSON object into a record's fields, with
/// column-accurate errors.
struct FlatJSONObjectParser {
    let file: String
    let line: Int
    var i = 0

    init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    func fail(_ record: RawRecord, _ problem: String, at offset: Int? = nil, field: String? = nil) -> ImportError {
        ImportError(file: file, line: line, column: RawRecord.characterColumn(record.lineBytes, at: offset ?? i), field: field, problem: problem)
    }

    mutating func skipSpace(_ b: UnsafeBufferPointer<UInt8>) {
        while i < b.count, b[i] == 32 || b[i] == 9 || b[i] == 13 || b[i] == 10 { i += 1 }
    }

    mutating func parse(_ record: inout RawRecord) throws {
        // The parser writes the record's fields, never its line: read the line through a
        // pointer to a second reference to the same storage.
        let line = record.lineBytes
        try line.withUnsafeBufferPointer { b in try parse(b, &record) }
    }

    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>, _ record: inout RawRecord) throws {
        skipSpace(b)
        guard i < b.count, b[i] == UInt8(ascii: "{") else { throw fail(record, "is not a JSON object; expected '{' to start the line") }
        i += 1
        skipSpace(b)
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace(b)
                guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail(record, "expected a quoted field name") }
                let (keyStart, keyEnd) = try parseKey(b, into: &record)
                skipSpace(b)
                guard i < b.count, b[i] == UInt8(ascii: ":") else {
                    throw fail(record, "expected ':' after the field name",
                               field: String(decoding: record.lineBytes[keyStart..<keyEnd], as: UTF8.self))
                }
                i += 1
                skipSpace(b)
                record.keyStart.append(keyStart)
                record.keyEnd.append(keyEnd)
                record.valueOffset.append(i)
                let valueStart = record.bytes.count
                let isNull = try parseValue(b, into: &record, key: keyStart..<keyEnd)
                record.start.append(valueStart)
                record.end.append(record.bytes.count)
                record.isNull.append(isNull)
                skipSpace(b)
                guard i < b.count else { throw fail(record, "the object is not closed; expected ',' or '}'") }
                if b[i] == UInt8(ascii: ",") { i += 1; continue }
                if b[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail(record, "expected ',' or '}'")
            }
        }
        skipSpace(b)
        guard i == b.count else { throw fail(record, "has text after the object ends; one object per line") }
    }

    /// A field name's place in `record.lineBytes`: the bytes between the quotes when the
    /// name has no escapes (no copy), else the unescaped name appended after the line's
    /// end (the parser reads the line through `b`, which that append does not move).
    mutating func parseKey(_ b: UnsafeBufferPointer<UInt8>, into record: inout RawRecord) throws -> (Int, Int) {
        var end = i + 1
        while end < b.count, b[end] != UInt8(ascii: "\""), b[end] != UInt8(ascii: "\\") { end += 1 }
        if end < b.count, b[end] == UInt8(ascii: "\"") {
            defer { i = end + 1 }
            return (i + 1, end)
        }
        let unescapedStart = record.bytes.count
        try parseString(b, into: &record)
        let start = record.lineBytes.count
        record.lineBytes.append(contentsOf: record.bytes[unescapedStart...])
        record.bytes.removeSubrange(unescapedStart...)
        return (start, record.lineBytes.count)
    }

    /// Appends the value's text to the record; returns true for `null`.
    mutating func parseValue(_ b: UnsafeBufferPointer<UInt8>, into record: inout RawRecord, key: Range<Int>) throws -> Bool {
        func field() -> String { String(decoding: record.lineBytes[key], as: UTF8.self) }
        guard i < b.count else { throw fail(record, "expected a value", field: field()) }
        switch b[i] {
        case UInt8(ascii: "\""): try parseString(b, into: &record); return false
        case UInt8(ascii: "t"): try literal(b, "true", into: &record, field: field()); return false
        case UInt8(ascii: "f"): try literal(b, "false", into: &record, field: field()); return false
        case UInt8(ascii: "n"): try literal(b, "null", into: &record, field: field()); record.bytes.removeLast(4); return true
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw fail(record, "is a nested object or array; expected a string, number, boolean or null", field: field())
        default:
            let start = i
            // The token runs to the next delimiter, so `0x10` or `Infinity` is judged whole.
            tokenLoop: while i < b.count {
                switch b[i] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":"), 32, 9, 13: break tokenLoop
                default: i += 1
                }
            }
            let isNumber = i > start && DecimalText.parse(UnsafeBufferPointer(rebasing: b[start..<i])) != nil
            guard isNumber else {
                throw fail(record, "is not a JSON value; expected a string, a decimal number, true, false or null", at: start, field: field())
            }
            record.bytes.append(contentsOf: b[start..<i])
            return false
        }
    }

    mutating func literal(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString, into record: inout RawRecord, field: String) throws {
        let w = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard i + w.count <= b.count, b[i..<(i + w.count)].elementsEqual(w) else {
            throw fail(record, "is not a JSON value; expected a string, a decimal number, true, false or null", field: field)
        }
        i += w.count
        record.bytes.append(contentsOf: w)
    }

    mutating func parseString(_ b: UnsafeBufferPointer<UInt8>, into record: inout RawRecord) throws {
        let start = i
        i += 1  // opening quote
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return
            }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < b.count else { break }
                let e = b[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): record.bytes.append(0x22)
                case UInt8(ascii: "\\"): record.bytes.append(0x5C)
                case UInt8(ascii: "/"): record.bytes.append(0x2F)
                case UInt8(ascii: "b"): record.bytes.append(0x08)
                case UInt8(ascii: "f"): record.bytes.append(0x0C)
                case UInt8(ascii: "n"): record.bytes.append(0x0A)
                case UInt8(ascii: "r"): record.bytes.append(0x0D)
                case UInt8(ascii: "t"): record.bytes.append(0x09)
                case UInt8(ascii: "u"):
                    let escape = i - 2
                    var scalar = try hex4(b, record)
                    if (0xD800...0xDBFF).contains(scalar), i + 1 < b.count,
                       b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4(b, record)
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail(record, "has an invalid surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail(record, "has an invalid \\u escape") }
                    if scalar == 0 { throw fail(record, "holds a NUL character (\\u0000); text may not contain NUL", at: escape) }
                    record.bytes.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail(record, "has an unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
                }
                continue
            }
            // A plain stretch: copy it up to the next quote or backslash in one go.
            var end = i + 1
            while end < b.count, b[end] != UInt8(ascii: "\""), b[end] != UInt8(ascii: "\\") { end += 1 }
            record.bytes.append(contentsOf: b[i..<end])
            i = end
        }
        throw fail(record, "has a string that is never closed", at: start)
    }

    mutating func hex4(_ b: UnsafeBufferPointer<UInt8>, _ record: RawRecord) throws -> UInt32 {
        guard i + 4 <= b.count, let v = UInt32(String(decoding: b[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw fail(record, "has an invalid \\u escape")
        }
        i += 4
        return v
    }
}
