/// A CSV or JSON Lines file read record by record, with a CSV header already matched to
/// a kind's fields: unknown, duplicate and missing columns are rejected before any row.
struct RecordSource {
    let file: String
    let schema: RecordSchema
    /// CSV: the field each column holds, by column position; nil for JSON Lines, whose
    /// objects name their fields.
    let columnFields: [Int]?
    // One of the two is set; optionals let `next` mutate the reader in place.
    private var csv: CSVReader?
    private var jsonl: JSONLinesReader?

    init(path: String, format: ImportFormat, schema: RecordSchema) throws {
        self.file = path
        self.schema = schema
        switch format {
        case .csv:
            var csv = try CSVReader(path: path)
            guard let header = try csv.next() else {
                throw ImportError(file: path, problem: "is empty; expected a header line naming the columns, then one row per record")
            }
            var mapping: [Int] = []
            var seen = Set<String>()
            for (i, raw) in header.fields.enumerated() {
                let name = raw.trimmingSpaces().lowercased()
                guard let index = schema.fieldIndex[name] else {
                    throw ImportError(file: path, line: header.line, column: i + 1, value: raw,
                                      problem: "is not a \(schema.kind.rawValue) column; expected one of \(schema.fields.map(\.name).joined(separator: ", "))")
                }
                guard seen.insert(name).inserted else {
                    throw ImportError(file: path, line: header.line, column: i + 1, value: raw, problem: "is a duplicate column")
                }
                mapping.append(index)
            }
            for spec in schema.requiredFields where !seen.contains(spec.name) {
                throw ImportError(file: path, line: header.line, field: spec.name,
                                  problem: "required column is missing from the header")
            }
            columnFields = mapping
            self.csv = csv
        case .jsonl:
            columnFields = nil
            jsonl = try JSONLinesReader(path: path)
        }
    }

    /// A record buffer of this source's layout, to pass to `next(into:)` again and again.
    func makeRecord() -> RawRecord { RawRecord(columnFields == nil ? .jsonl : .csv) }

    /// Reads the next record; false at the end of the file.
    mutating func next(into record: inout RawRecord) throws -> Bool {
        if csv != nil { return try csv!.next(into: &record) }
        return try jsonl!.next(into: &record)
    }

    /// How far through the file reading is, and how big it is (nil for pipes and devices).
    var progress: (consumed: Int, total: Int?) {
        if let csv { return (csv.consumedBytes, csv.fileSize) }
        return (jsonl!.consumedBytes, jsonl!.fileSize)
    }
}
