/// One record of a CSV file as text: its fields and where it started.
struct CSVRecord {
    var line: Int
    var fields: [String]
}

/// An RFC 4180 CSV reader: quoted fields may hold commas, quotes (`""`) and newlines;
/// CRLF and LF line ends; a UTF-8 byte-order mark is skipped.
///
/// Strict about bytes: a NUL, invalid UTF-8, or a record longer than `RecordLimit`
/// is an error naming its line and field, so memory stays flat whatever the input
/// (even `/dev/zero`).
struct CSVReader {
    private var bytes: ByteReader
    let file: String
    private var line = 1
    private var started = false
    private var scratch = RawRecord(.csv)

    init(path: String) throws {
        self.file = path
        self.bytes = try ByteReader(path: path)
    }

    var consumedBytes: Int { bytes.consumed }
    var fileSize: Int? { bytes.fileSize }

    /// The next record as text, or nil at the end of the file. Blank lines are skipped.
    mutating func next() throws -> CSVRecord? {
        var record = scratch
        defer { scratch = record }
        guard try next(into: &record) else { return nil }
        return CSVRecord(line: record.line, fields: (0..<record.count).map(record.text))
    }

    /// Reads the next record into `record`; false at the end of the file. Blank lines are skipped.
    mutating func next(into record: inout RawRecord) throws -> Bool {
        if !started {
            started = true
            if try bytes.peek() == 0xEF {
                _ = try bytes.next()
                guard try bytes.next() == 0xBB, try bytes.next() == 0xBF else {
                    throw ImportError(file: file, line: 1, column: 1, problem: "is not valid UTF-8 text")
                }
            }
        }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n"), ret = UInt8(ascii: "\r")
        while true {
            guard try bytes.peek() != nil else { return false }
            record.reset(line: line)
            let startLine = line
            let recordStart = bytes.consumed
            var inQuotes = false
            var fieldStartedQuoted = false
            var atFieldStart = true
            var fieldStart = 0
            var highBit: UInt8 = 0
            recordLoop: while true {
                // Copy the plain stretch up to the next byte that means something in one go.
                if inQuotes {
                    _ = bytes.appendRun(to: &record.bytes, seen: &highBit) { $0 == quote || $0 == newline || $0 == 0 }
                } else if !fieldStartedQuoted {
                    if bytes.appendRun(to: &record.bytes, seen: &highBit, stop: { $0 == comma || $0 == quote || $0 == newline || $0 == ret || $0 == 0 }) > 0 {
                        atFieldStart = false
                    }
                }
                if bytes.consumed - recordStart > RecordLimit.bytes {
                    throw ImportError(file: file, line: startLine, column: record.count + 1,
                                      problem: "is a record longer than \(RecordLimit.description), the longest one import reads")
                }
                guard let c = try bytes.next() else {
                    if inQuotes {
                        throw ImportError(file: file, line: startLine, column: record.count + 1,
                                          problem: "has a quoted field that is never closed")
                    }
                    record.start.append(fieldStart)
                    record.end.append(record.bytes.count)
                    break recordLoop
                }
                if c == 0 {
                    throw ImportError(file: file, line: line, column: record.count + 1,
                                      problem: "holds a NUL byte; text may not contain NUL")
                }
                if bytes.consumed - recordStart > RecordLimit.bytes {
                    throw ImportError(file: file, line: startLine, column: record.count + 1,
                                      problem: "is a record longer than \(RecordLimit.description), the longest one import reads")
                }
                highBit |= c
                if inQuotes {
                    if c == quote {
                        if try bytes.peek() == quote {
                            _ = try bytes.next()
                            record.bytes.append(c)
                        } else {
                            inQuotes = false
                        }
                    } else {
                        if c == newline { line += 1 }
                        record.bytes.append(c)
                    }
                    continue
                }
                switch c {
                case comma:
                    record.start.append(fieldStart)
                    record.end.append(record.bytes.count)
                    fieldStart = record.bytes.count
                    atFieldStart = true
                    fieldStartedQuoted = false
                case newline:
                    line += 1
                    record.start.append(fieldStart)
                    record.end.append(record.bytes.count)
                    break recordLoop
                case ret:
                    if try bytes.peek() == newline { continue }
                    line += 1
                    record.start.append(fieldStart)
                    record.end.append(record.bytes.count)
                    break recordLoop
                case quote where atFieldStart:
                    inQuotes = true
                    fieldStartedQuoted = true
                    atFieldStart = false
                default:
                    if fieldStartedQuoted {
                        throw ImportError(file: file, line: startLine, column: record.count + 1,
                                          problem: "has text after a closing quote; quote the whole field and double inner quotes")
                    }
                    atFieldStart = false
                    record.bytes.append(c)
                }
            }
            if highBit & 0x80 != 0 {
                for k in 0..<record.count {
                    if case .badByte = UTF8Text.decode(record.bytes[record.start[k]..<record.end[k]]) {
                        throw ImportError(file: file, line: startLine, column: k + 1, problem: "holds bytes that are not valid UTF-8")
                    }
                }
            }
            if record.count == 1 && record.end[0] == record.start[0] { continue }  // blank line
            return true
        }
    }
}
