import Foundation
import MLOpsCore
import NIOCore

extension PostgresStore {
    /// Imports one file of records as one transaction, as `Store.importFile` does for
    /// SQLite, with the same checks, errors and counts: the file is parsed and checked
    /// here, streamed to the server with `COPY`, and merged into the kind's table with one
    /// upsert; the rollups are recounted for the days it touched, in the same transaction.
    ///
    /// Imports of one kind merge one at a time (a lock per kind, taken after the copy);
    /// imports of different kinds, and every reader, go on meanwhile.
    public func importFile(kind: RecordKind, path: String, format: ImportFormat? = nil,
                           dryRun: Bool = false, now: Instant) throws -> ImportSummary {
        guard let format = format ?? ImportFormat(path: path) else {
            throw ImportError(file: path, problem: "has no .csv or .jsonl extension; name the format with --format csv|jsonl")
        }
        let schema = RecordSchema.of(kind)
        let source = try RecordSource(path: path, format: format, schema: schema)
        do {
            return try write { session in try PostgresImport.run(session, source: source, kind: kind, path: path, dryRun: dryRun, now: now) }
        } catch let finished as DryRunFinished {
            return finished.summary
        }
    }
}

/// Thrown to roll a dry run's transaction back once its counts are known.
struct DryRunFinished: Error {
    var summary: ImportSummary
}

/// The steps of a PostgreSQL import.
enum PostgresImport {
    static func run(_ session: PostgresSession, source: RecordSource, kind: RecordKind, path: String, dryRun: Bool, now: Instant) throws -> ImportSummary {
        let schema = source.schema
        // Memory for the rollups' grouping and the index builds of a first load, for this
        // transaction only: the defaults (4 MB, 64 MB) spill a large file's work to disk.
        try session.execute("SET LOCAL work_mem = '256MB'")
        try session.execute("SET LOCAL maintenance_work_mem = '512MB'")
        try session.execute("CREATE TEMP TABLE import_rows (\(PostgresImport.stagingColumns(schema))) ON COMMIT DROP")
        let rows = try PostgresImport.copy(source, into: session)
        if rows == 0 { throw ImportError(file: path, problem: "holds no records; expected at least one row") }
        try session.execute("SELECT pg_advisory_xact_lock(\(PostgresStore.lockKey(kind.rawValue)))")
        let touched = try PostgresImport.touchedDays(session, schema: schema)
        // A key the file repeats fails a first load's insert on the table's unique key; only
        // then is the file's first repeat looked for, to report it as SQLite's import does.
        // An upsert would let two unchanged copies of a stored row pass, so it looks first.
        try session.execute("SAVEPOINT merge")
        let inserted: Int, updated: Int
        do {
            if try PostgresImport.isEmpty(session, schema.table) {
                (inserted, updated) = (try PostgresImport.bulkLoad(session, schema: schema), 0)
            } else {
                try PostgresImport.rejectRepeatedKeys(session, source: source, onlyIfAny: true)
                (inserted, updated) = try PostgresImport.merge(session, schema: schema)
            }
        } catch let error as ImportError {
            throw error
        } catch {
            try session.execute("ROLLBACK TO SAVEPOINT merge")
            try PostgresImport.rejectRepeatedKeys(session, source: source)
            throw error
        }
        let summary = ImportSummary(kind: kind, file: path, rows: rows, inserted: inserted, updated: updated,
                                    unchanged: rows - inserted - updated, dryRun: dryRun)
        if dryRun { throw DryRunFinished(summary: summary) }
        if let touched { try PostgresRollups.refresh(session, kind: kind, days: touched) }
        try session.execute("""
            INSERT INTO imports (kind, source, imported_at, inserted, updated, unchanged) VALUES (?, ?, ?, ?, ?, ?)
            """, [.text(kind.rawValue), .text(path), .integer(now.seconds), .integer(Int64(inserted)), .integer(Int64(updated)),
                  .integer(Int64(summary.unchanged))])
        return summary
    }

    /// Rows per `COPY` chunk: large enough to keep the connection busy, small enough to
    /// keep memory flat.
    static let chunkRows = 2_048

    /// The staging table's columns: the file's line, then the kind's fields as stored.
    static func stagingColumns(_ schema: RecordSchema) -> String {
        let storage = FieldValues(schema: schema).storage
        let fields = zip(schema.fields, storage).map { field, kind in
            let type = switch kind { case .integer: "BIGINT"; case .real: "DOUBLE PRECISION"; case .text: "TEXT" }
            return "\"\(field.name)\" \(type)"
        }
        return (["line BIGINT NOT NULL"] + fields).joined(separator: ", ")
    }

    /// Parses and checks every row of `source` and streams it to `import_rows`; returns the row count.
    /// The first bad row throws its `ImportError`, which fails the copy and the transaction.
    static func copy(_ source: RecordSource, into session: PostgresSession) throws -> Int {
        let schema = source.schema
        let parser = RowParser(file: source.file, schema: schema, columnFields: source.columnFields)
        let counted = RowTally()
        let input = Unchecked((source, parser))
        try session.copy(into: "import_rows", columns: ["line"] + schema.fields.map(\.name)) { send in
            let (source, parser) = input.value
            let batches = ParsedBatches(source: source, parser: parser, sampleRow: 0)
            defer { batches.stop() }
            var chunk = ByteBufferAllocator().buffer(capacity: 256 * 1024)
            var rows = 0, inChunk = 0
            while true {
                let batch = batches.next()
                for i in 0..<batch.count {
                    try CopyText.append(batch.values[i], batch.records[i], schema: schema, file: source.file, to: &chunk)
                    rows += 1
                    inChunk += 1
                    if inChunk == chunkRows {
                        try send(chunk)
                        chunk = ByteBufferAllocator().buffer(capacity: chunk.capacity)
                        inChunk = 0
                    }
                }
                if let error = batch.error { throw error }
                if batch.isLast { break }
                batches.recycle(batch)
            }
            if inChunk > 0 { try send(chunk) }
            counted.set(rows)
        }
        return counted.value
    }

    /// The same error as the SQLite import gives for a key the file repeats, at the first
    /// line that repeats one.
    static func rejectRepeatedKeys(_ session: PostgresSession, source: RecordSource, onlyIfAny: Bool = false) throws {
        let key = source.schema.key.map { "\"\($0)\"" }.joined(separator: ", ")
        if onlyIfAny, try session.rows("SELECT 1 FROM import_rows GROUP BY \(key) HAVING count(*) > 1 LIMIT 1").isEmpty { return }
        let found = try session.rows("""
            SELECT line, first_line FROM (
                SELECT line, min(line) OVER (PARTITION BY \(key)) AS first_line, row_number() OVER (PARTITION BY \(key) ORDER BY line) AS n
                FROM import_rows) repeats
            WHERE n = 2 ORDER BY line LIMIT 1
            """)
        guard let row = found.first else { return }
        throw try FileImport.repeatedKeyError(in: source, line: row[0], firstLine: row[1])
    }

    /// The days whose rollups the import changes: the new rows' and, for keys already
    /// stored, their old rows' days. Nil for kinds without rollups.
    static func touchedDays(_ session: PostgresSession, schema: RecordSchema) throws -> ClosedRange<Day>? {
        guard let place = RecordDays.placement(schema.kind) else { return nil }
        let fields = RecordDays.placementFields(schema.kind).map { "s.\"\($0)\"" }
        let staged = fields.count == 1 ? fields[0] : "COALESCE(\(fields.joined(separator: ", ")))"
        let key = schema.key.map { "t.\"\($0)\" = s.\"\($0)\"" }.joined(separator: " AND ")
        let rows = try session.rows("""
            SELECT min(v), max(v) FROM (
                SELECT \(staged) AS v FROM import_rows s
                UNION ALL
                SELECT t.\(place.column) FROM \(place.table) t JOIN import_rows s ON \(key)
            ) placed
            """)
        guard let row = rows.first else { return nil }
        if place.isEpochSeconds {
            guard let low = row[0] as Int64?, let high = row[1] as Int64? else { return nil }
            return Instant(seconds: low).day...Instant(seconds: high).day
        }
        guard let low = (row[0] as String?).flatMap(Day.init(iso8601:)), let high = (row[1] as String?).flatMap(Day.init(iso8601:)) else { return nil }
        return low...high
    }

    static func isEmpty(_ session: PostgresSession, _ table: String) throws -> Bool {
        try session.rows("SELECT NOT EXISTS (SELECT 1 FROM \(table))")[0][0]
    }

    /// The first load of a kind: every row is new, so the rows go in with one plain
    /// insert and the table's key and secondary indexes are built once afterwards, not
    /// row by row (the insert of 200,000 runs took 0.84 s with the key kept). Dropping them
    /// locks the table until the commit; the table is empty, so a reader waits a moment
    /// for it rather than missing anything. A key the file repeats fails the key's build.
    static func bulkLoad(_ session: PostgresSession, schema: RecordSchema) throws -> Int {
        try withIndexesBuiltAfter(session, table: schema.table) {
            let columns = schema.fields.map { "\"\($0.name)\"" }.joined(separator: ", ")
            return try session.execute("INSERT INTO \(schema.table) (\(columns)) SELECT \(columns) FROM import_rows")
        }
    }

    /// Runs `load` with `table`'s primary key and secondary indexes dropped, and builds
    /// them again after, the key first.
    static func withIndexesBuiltAfter<T>(_ session: PostgresSession, table: String, _ load: () throws -> T) throws -> T {
        let keys = try session.rows("""
            SELECT c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.conrelid = to_regclass(?) AND c.contype = 'p'
            """, [.text(table)])
        let indexes = try session.rows("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = ?
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """, [.text(table)])
        for key in keys { try session.execute("ALTER TABLE \(table) DROP CONSTRAINT \"\(key[0] as String)\"") }
        for index in indexes { try session.execute("DROP INDEX \"\(index[0] as String)\"") }
        let result = try load()
        for key in keys { try session.execute("ALTER TABLE \(table) ADD CONSTRAINT \"\(key[0] as String)\" \(key[1] as String)") }
        for index in indexes { try session.execute(index[1]) }
        return result
    }

    /// Inserts new keys and updates stored ones whose values differ, in key order (so two
    /// importers of overlapping keys lock rows in one order); returns (inserted, updated).
    static func merge(_ session: PostgresSession, schema: RecordSchema) throws -> (Int, Int) {
        let columns = schema.fields.map { "\"\($0.name)\"" }
        let key = schema.key.map { "\"\($0)\"" }
        let nonKey = columns.filter { !key.contains($0) }
        let rows = try session.rows("""
            WITH written AS (
                INSERT INTO \(schema.table) AS t (\(columns.joined(separator: ", ")))
                SELECT \(columns.joined(separator: ", ")) FROM import_rows ORDER BY \(key.joined(separator: ", "))
                ON CONFLICT (\(key.joined(separator: ", "))) DO UPDATE SET
                \(nonKey.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
                WHERE (\(nonKey.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(nonKey.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
                RETURNING (xmax = 0) AS inserted
            )
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
            """)
        let row = rows[0]
        return (Int(row[0] as Int64), Int(row[1] as Int64))
    }
}

/// A value handed to the thread that produces the copy: only that thread uses it.
struct Unchecked<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A count handed out of the copy's producing thread.
final class RowTally: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func set(_ n: Int) { lock.lock(); count = n; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
