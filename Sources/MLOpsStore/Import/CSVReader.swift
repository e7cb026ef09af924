/// One record of a CSV file: its fields and where it started.
struct CSVRecord {
    var line: Int
    var fields: [String]
}

/// An RFC 4180 CSV reader: quoted fields may hold commas, quotes (`""`) and newlines;
/// CRLF and LF line ends; a UTF-8 byte-order mark is skipped.
struct CSVReader {
    private var bytes: ByteReader
    private let file: String
    private var line = 1
    private var started = false

    init(path: String) throws {
        self.file = path
        self.bytes = try ByteReader(path: path)
    }

    /// The next record, or nil at the end of the file. Blank lines are skipped.
    mutating func next() throws -> CSVRecord? {
        if !started {
            started = true
            if try bytes.peek() == 0xEF {
                _ = try bytes.next()
                guard try bytes.next() == 0xBB, try bytes.next() == 0xBF else {
                    throw ImportError(file: file, line: 1, column: 1, problem: "is not valid UTF-8 text")
                }
            }
        }
        while true {
            guard try bytes.peek() != nil else { return nil }
            let startLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            field.reserveCapacity(32)
            var inQuotes = false
            var fieldStartedQuoted = false
            var atFieldStart = true
            func finishField() throws {
                switch UTF8Text.decode(field[...]) {
                case .text(let s): fields.append(s)
                case .badByte:
                    throw ImportError(file: file, line: startLine, column: fields.count + 1,
                                      problem: "holds bytes that are not valid UTF-8")
                }
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                fieldStartedQuoted = false
            }
            recordLoop: while true {
                guard let c = try bytes.next() else {
                    if inQuotes {
                        throw ImportError(file: file, line: startLine, column: fields.count + 1,
                                          problem: "has a quoted field that is never closed")
                    }
                    try finishField()
                    break recordLoop
                }
                if inQuotes {
                    if c == UInt8(ascii: "\"") {
                        if try bytes.peek() == UInt8(ascii: "\"") {
                            _ = try bytes.next()
                            field.append(c)
                        } else {
                            inQuotes = false
                        }
                    } else {
                        if c == UInt8(ascii: "\n") { line += 1 }
                        field.append(c)
                    }
                    continue
                }
                switch c {
                case UInt8(ascii: ","):
                    try finishField()
                case UInt8(ascii: "\n"):
                    line += 1
                    try finishField()
                    break recordLoop
                case UInt8(ascii: "\r"):
                    if try bytes.peek() == UInt8(ascii: "\n") { continue }
                    line += 1
                    try finishField()
                    break recordLoop
                case UInt8(ascii: "\"") where atFieldStart:
                    inQuotes = true
                    fieldStartedQuoted = true
                    atFieldStart = false
                default:
                    if fieldStartedQuoted {
                        throw ImportError(file: file, line: startLine, column: fields.count + 1,
                                          problem: "has text after a closing quote; quote the whole field and double inner quotes")
                    }
                    atFieldStart = false
                    field.append(c)
                }
            }
            if fields.count == 1 && fields[0].isEmpty { continue }  // blank line
            return CSVRecord(line: startLine, fields: fields)
        }
    }
}
