import GRDB
import MLOpsCore

/// What writing one file's rows did, and what they change in the rollups.
struct FileImportResult {
    var rows = 0
    var inserted = 0
    var updated = 0
    var unchanged = 0
    /// The inserted rows' counts and the updated rows' days, for `RollupDeltas.apply`.
    var rollups: RollupDeltas
}

/// The bulk path: reads a file's records, checks each from its bytes and writes it with
/// reused prepared statements, inside the caller's transaction.
enum FileImport {
    /// Rows read before deciding whether the load outgrows the table.
    static let sampleRows = 1_000

    /// Writes every record of `source` into its table. Throws at the first bad row; the
    /// caller's transaction then leaves the store as it was.
    static func run(_ db: Database, source: RecordSource, rollupGroupLimit: Int? = nil) throws -> FileImportResult {
        let schema = source.schema
        let parser = RowParser(file: source.file, schema: schema, columnFields: source.columnFields)
        let writer = try BulkWriter(db: db, schema: schema)
        var result = FileImportResult(rollups: rollupGroupLimit.map { RollupDeltas(schema: schema, groupLimit: $0) } ?? RollupDeltas(schema: schema))
        var deferred: DeferredIndexes?
        let batches = ParsedBatches(source: source, parser: parser, sampleRow: sampleRows)
        defer { batches.stop() }
        // Each row is swapped out of its batch and back, not copied: a copy would retain its
        // buffers, whose counts the reading thread touches too.
        var record = source.makeRecord(), values = FieldValues(schema: schema)
        while true {
            let batch = batches.next()
            for i in 0..<batch.count {
                swap(&record, &batch.records[i])
                swap(&values, &batch.values[i])
                defer {
                    swap(&record, &batch.records[i])
                    swap(&values, &batch.values[i])
                }
                switch try writer.write(values, record) {
                case .inserted:
                    result.inserted += 1
                    result.rollups.addInserted(values, record)
                case .updated(let previousDays):
                    result.updated += 1
                    result.rollups.addUpdated(values, previousDays: previousDays)
                case .unchanged: result.unchanged += 1
                case .repeated(let firstLine):
                    let line = try firstLine ?? firstLineWithKey(of: values, record, in: source)
                    let key = schema.keyIndices.map { parser.text($0, record, values) }.joined(separator: "|")
                    throw ImportError(file: source.file, line: record.line, column: record.column(of: values.source[schema.keyIndices[0]]),
                                      field: schema.key.joined(separator: "+"), value: key,
                                      problem: "repeats the record on line \(line); each record may appear once per file")
                }
                result.rows += 1
                if result.rows == sampleRows, deferred == nil, let progress = batch.progressAtSample,
                   outgrowsTable(progress, rows: result.rows, tableRows: writer.firstNewRowid - 1) {
                    deferred = try DeferredIndexes.drop(on: schema.table, db)
                }
            }
            if let error = batch.error { throw error }
            if batch.isLast { break }
            batches.recycle(batch)
        }
        if result.rows == 0 {
            throw ImportError(file: source.file, problem: "holds no records; expected at least one row")
        }
        try deferred?.rebuild(db)
        try writer.finish()
        return result
    }

    /// Whether the file, judged by the bytes its first rows took, holds more rows than the
    /// table: then building its indexes once at the end beats updating them row by row.
    private static func outgrowsTable(_ progress: (consumed: Int, total: Int?), rows: Int, tableRows: Int64) -> Bool {
        let (consumed, total) = progress
        guard let total, consumed > 0 else { return false }
        let expected = Double(total) / Double(consumed) * Double(rows)
        return expected - Double(rows) > Double(tableRows)
    }

    /// The error for the record on `line` repeating the key of the one on `firstLine`, as
    /// `run` reports it, for an engine that finds repeats after reading the whole file.
    static func repeatedKeyError(in source: RecordSource, line: Int, firstLine: Int) throws -> ImportError {
        let schema = source.schema
        var again = try RecordSource(path: source.file, format: source.columnFields == nil ? .jsonl : .csv, schema: schema)
        let parser = RowParser(file: source.file, schema: schema, columnFields: again.columnFields)
        var record = again.makeRecord(), values = FieldValues(schema: schema)
        while try again.next(into: &record) {
            guard record.line == line else { continue }
            try parser.parse(&record, into: &values)
            let key = schema.keyIndices.map { parser.text($0, record, values) }.joined(separator: "|")
            return ImportError(file: source.file, line: line, column: record.column(of: values.source[schema.keyIndices[0]]),
                               field: schema.key.joined(separator: "+"), value: key,
                               problem: "repeats the record on line \(firstLine); each record may appear once per file")
        }
        return ImportError(file: source.file, line: line, problem: "repeats the record on line \(firstLine); each record may appear once per file")
    }

    /// The line of the first record with the same key as `values`, found by reading the
    /// file again: only ever done on the way to an error.
    private static func firstLineWithKey(of values: FieldValues, _ record: RawRecord, in source: RecordSource) throws -> Int {
        let schema = source.schema
        let wanted = schema.keyIndices.map { Array(record.bytes[values.start[$0]..<values.end[$0]]) }
        var again = try RecordSource(path: source.file, format: source.columnFields == nil ? .jsonl : .csv, schema: schema)
        let parser = RowParser(file: source.file, schema: schema, columnFields: again.columnFields)
        var other = again.makeRecord()
        var otherValues = FieldValues(schema: schema)
        while try again.next(into: &other), other.line < record.line {
            try parser.parse(&other, into: &otherValues)
            let key = schema.keyIndices.map { Array(other.bytes[otherValues.start[$0]..<otherValues.end[$0]]) }
            if key == wanted { return other.line }
        }
        return record.line
    }
}

/// A table's secondary indexes, dropped for a large load and built again, once, before
/// the transaction commits: sorting once is much cheaper than millions of B-tree updates.
struct DeferredIndexes {
    private var definitions: [String]

    static func drop(on table: String, _ db: Database) throws -> DeferredIndexes {
        // Indexes SQLite makes for keys have no SQL and stay: they find conflicting keys.
        let rows = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                    arguments: [table])
        for row in rows {
            let name: String = row["name"]
            try db.execute(sql: "DROP INDEX \"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"")
        }
        return DeferredIndexes(definitions: rows.map { $0["sql"] })
    }

    func rebuild(_ db: Database) throws {
        for sql in definitions { try db.execute(sql: sql) }
    }
}
