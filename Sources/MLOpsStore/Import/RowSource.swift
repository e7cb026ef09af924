import MLOpsCore

/// Turns a CSV or JSON Lines file into rows placed by a record kind's fields,
/// rejecting unknown and missing columns before any row is read.
struct RowSource {
    private enum Reader {
        case csv(CSVReader, headerToField: [Int?], headerCount: Int)
        case jsonl(JSONLinesReader)
    }

    let file: String
    let schema: RecordSchema
    private var reader: Reader

    init(path: String, format: ImportFormat, schema: RecordSchema) throws {
        self.file = path
        self.schema = schema
        switch format {
        case .csv:
            var csv = try CSVReader(path: path)
            guard let header = try csv.next() else {
                throw ImportError(file: path, problem: "is empty; expected a header line naming the columns, then one row per record")
            }
            var mapping: [Int?] = []
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
            reader = .csv(csv, headerToField: mapping, headerCount: header.fields.count)
        case .jsonl:
            reader = .jsonl(try JSONLinesReader(path: path))
        }
    }

    mutating func next() throws -> RecordRow? {
        var values = [String?](repeating: nil, count: schema.fields.count)
        var columns = [Int?](repeating: nil, count: schema.fields.count)
        switch reader {
        case .csv(var csv, let mapping, let headerCount):
            defer { reader = .csv(csv, headerToField: mapping, headerCount: headerCount) }
            guard let record = try csv.next() else { return nil }
            guard record.fields.count == headerCount else {
                throw ImportError(file: file, line: record.line, column: min(record.fields.count, headerCount + 1),
                                  problem: "has \(record.fields.count) fields; expected \(headerCount), one per header column")
            }
            for (i, raw) in record.fields.enumerated() {
                guard let field = mapping[i] else { continue }
                let trimmed = raw.trimmingSpaces()
                values[field] = trimmed.isEmpty ? nil : trimmed
                columns[field] = i + 1
            }
            return RecordRow(file: file, line: record.line, schema: schema, values: values, columns: columns)
        case .jsonl(var jsonl):
            defer { reader = .jsonl(jsonl) }
            guard let record = try jsonl.next() else { return nil }
            for (key, value, column) in record.fields {
                guard let field = schema.fieldIndex[key] else {
                    throw ImportError(file: file, line: record.line, column: column, field: key,
                                      problem: "is not a \(schema.kind.rawValue) field; expected one of \(schema.fields.map(\.name).joined(separator: ", "))")
                }
                guard columns[field] == nil else {
                    throw ImportError(file: file, line: record.line, column: column, field: key, problem: "appears twice in one object")
                }
                let trimmed = value?.trimmingSpaces()
                values[field] = (trimmed?.isEmpty ?? true) ? nil : trimmed
                columns[field] = column
            }
            for spec in schema.requiredFields where columns[schema.fieldIndex[spec.name]!] == nil {
                throw ImportError(file: file, line: record.line, field: spec.name, problem: "required field is missing")
            }
            return RecordRow(file: file, line: record.line, schema: schema, values: values, columns: columns)
        }
    }
}

extension String {
    /// Drops leading and trailing spaces and tabs (what `CharacterSet.whitespaces` holds)
    /// without Foundation's UTF-16 bridging, which cost a third of import time.
    func trimmingSpaces() -> String {
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        // Nearly every value starts and ends with a visible ASCII character: decide on bytes.
        if let a = utf8.first, let z = utf8.last, a > 0x20, a < 0x7F, z > 0x20, z < 0x7F { return self }
        let scalars = unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return self }
        if !isSpace(first) && !isSpace(last) { return self }
        guard let start = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[start...end])
    }
}
