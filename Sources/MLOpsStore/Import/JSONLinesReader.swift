/// One JSON Lines record: its flat fields in file order, with the column each value starts at.
struct JSONLinesRecord {
    var line: Int
    var fields: [(key: String, value: String?, column: Int)]
}

/// Reads JSON Lines whose lines are flat objects (`{"id": "r1", "gpu_hours": 2.5, "x": null}`).
///
/// Numbers keep their literal text and booleans become `true`/`false`, so both formats
/// share one decoder. Nested objects and arrays are rejected: every field is a column.
struct JSONLinesReader {
    private var bytes: ByteReader
    private let file: String
    private var line = 0

    init(path: String) throws {
        self.file = path
        self.bytes = try ByteReader(path: path)
    }

    mutating func next() throws -> JSONLinesRecord? {
        var lineBytes: [UInt8] = []
        while true {
            lineBytes.removeAll(keepingCapacity: true)
            var sawAny = false
            while let c = try bytes.next() {
                sawAny = true
                if c == UInt8(ascii: "\n") { break }
                lineBytes.append(c)
            }
            if !sawAny { return nil }
            line += 1
            if lineBytes.last == UInt8(ascii: "\r") { lineBytes.removeLast() }
            if line == 1, lineBytes.starts(with: [0xEF, 0xBB, 0xBF]) { lineBytes.removeFirst(3) }
            if lineBytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            if case .badByte(let column) = UTF8Text.decode(lineBytes[...]) {
                throw ImportError(file: file, line: line, column: column, problem: "holds bytes that are not valid UTF-8")
            }
            var parser = FlatJSONObjectParser(bytes: lineBytes, file: file, line: line)
            return JSONLinesRecord(line: line, fields: try parser.parse())
        }
    }
}

/// Parses one line holding a flat JSON object, with column-accurate errors.
struct FlatJSONObjectParser {
    let bytes: [UInt8]
    let file: String
    let line: Int
    var i = 0

    init(bytes: [UInt8], file: String, line: Int) {
        self.bytes = bytes
        self.file = file
        self.line = line
    }

    /// The 1-based character column of byte offset `offset` (counting UTF-8 scalars).
    func column(at offset: Int) -> Int {
        var col = 1
        for b in bytes[0..<min(offset, bytes.count)] where b & 0xC0 != 0x80 { col += 1 }
        return col
    }

    func fail(_ problem: String, at offset: Int? = nil, field: String? = nil) -> ImportError {
        ImportError(file: file, line: line, column: column(at: offset ?? i), field: field, problem: problem)
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 || bytes[i] == 13 || bytes[i] == 10 { i += 1 }
    }

    mutating func parse() throws -> [(key: String, value: String?, column: Int)] {
        skipSpace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { throw fail("is not a JSON object; expected '{' to start the line") }
        i += 1
        var fields: [(key: String, value: String?, column: Int)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
            i += 1
        } else {
            while true {
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted field name") }
                let key = try parseString()
                skipSpace()
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the field name", field: key) }
                i += 1
                skipSpace()
                let valueColumn = column(at: i)
                let value = try parseValue(field: key)
                fields.append((key, value, valueColumn))
                skipSpace()
                guard i < bytes.count else { throw fail("the object is not closed; expected ',' or '}'") }
                if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                if bytes[i] == UInt8(ascii: "}") { i += 1; break }
                throw fail("expected ',' or '}'")
            }
        }
        skipSpace()
        guard i == bytes.count else { throw fail("has text after the object ends; one object per line") }
        return fields
    }

    mutating func parseValue(field: String) throws -> String? {
        guard i < bytes.count else { throw fail("expected a value", field: field) }
        switch bytes[i] {
        case UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "t"): return try literal("true", field: field)
        case UInt8(ascii: "f"): return try literal("false", field: field)
        case UInt8(ascii: "n"): _ = try literal("null", field: field); return nil
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw fail("is a nested object or array; expected a string, number, boolean or null", field: field)
        default:
            let start = i
            while i < bytes.count, let c = Optional(bytes[i]),
                  (c >= 48 && c <= 57) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
                i += 1
            }
            guard i > start, let text = String(bytes: bytes[start..<i], encoding: .utf8), Double(text) != nil else {
                throw fail("is not a JSON value; expected a string, number, boolean or null", at: start, field: field)
            }
            return text
        }
    }

    mutating func literal(_ word: String, field: String) throws -> String {
        let w = Array(word.utf8)
        guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else {
            throw fail("is not a JSON value; expected a string, number, boolean or null", field: field)
        }
        i += w.count
        return word
    }

    mutating func parseString() throws -> String {
        let start = i
        i += 1  // opening quote
        var out: [UInt8] = []
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c == UInt8(ascii: "\\") {
                i += 1
                guard i < bytes.count else { break }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar), i + 1 < bytes.count,
                       bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("has an invalid surrogate pair") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let u = Unicode.Scalar(scalar) else { throw fail("has an invalid \\u escape") }
                    out.append(contentsOf: Array(String(Character(u)).utf8))
                default:
                    throw fail("has an unknown escape '\\\(Character(Unicode.Scalar(e)))'", at: i - 2)
                }
                continue
            }
            out.append(c)
            i += 1
        }
        throw fail("has a string that is never closed", at: start)
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16) else {
            throw fail("has an invalid \\u escape")
        }
        i += 4
        return v
    }
}
