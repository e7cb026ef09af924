/// One record as read from a CSV or JSON Lines file: its fields' bytes, unquoted and
/// unescaped, in one buffer that is reused from record to record, so reading a file
/// makes no `String` per field.
struct RawRecord {
    enum Layout { case csv, jsonl }

    let layout: Layout
    /// The 1-based line the record starts on.
    var line = 0
    /// Every field's bytes, one after the other.
    var bytes: [UInt8] = []
    /// Field `k` is `bytes[start[k]..<end[k]]`.
    var start: [Int] = []
    var end: [Int] = []
    /// JSON Lines: field `k`'s name is `lineBytes[keyStart[k]..<keyEnd[k]]` (read in
    /// place; a name with escapes is unescaped after the line's end), its value starts at
    /// byte `valueOffset[k]` of `lineBytes`, and `null` is flagged.
    var keyStart: [Int] = []
    var keyEnd: [Int] = []
    var valueOffset: [Int] = []
    var isNull: [Bool] = []
    /// JSON Lines: the line as read, to turn byte offsets into character columns for errors.
    var lineBytes: [UInt8] = []

    init(_ layout: Layout) {
        self.layout = layout
        bytes.reserveCapacity(4096)
    }

    var count: Int { start.count }

    mutating func reset(line: Int) {
        self.line = line
        bytes.removeAll(keepingCapacity: true)
        start.removeAll(keepingCapacity: true)
        end.removeAll(keepingCapacity: true)
        guard layout == .jsonl else { return }  // CSV leaves the rest empty
        keyStart.removeAll(keepingCapacity: true)
        keyEnd.removeAll(keepingCapacity: true)
        valueOffset.removeAll(keepingCapacity: true)
        isNull.removeAll(keepingCapacity: true)
    }

    /// Where field `k` is, for errors: its position in a CSV row, or the character
    /// column its value starts at in a JSON line.
    func column(of k: Int) -> Int {
        switch layout {
        case .csv: return k + 1
        case .jsonl: return RawRecord.characterColumn(lineBytes, at: valueOffset[k])
        }
    }

    /// The 1-based character column of byte `offset` (counting UTF-8 scalars).
    static func characterColumn(_ bytes: [UInt8], at offset: Int) -> Int {
        var column = 1
        for b in bytes[0..<min(offset, bytes.count)] where b & 0xC0 != 0x80 { column += 1 }
        return column
    }

    /// Field `k` as text; only for error messages and the rare slow path.
    func text(_ k: Int) -> String { String(decoding: bytes[start[k]..<end[k]], as: UTF8.self) }

    func key(_ k: Int) -> String { String(decoding: lineBytes[keyStart[k]..<keyEnd[k]], as: UTF8.self) }
}

/// The longest record (a CSV record, a JSON line) an import reads: longer ones are an
/// error rather than a reason to grow memory without bound.
enum RecordLimit {
    static let bytes = 1 << 20
    static let description = "1 MiB (1048576 bytes)"
}
