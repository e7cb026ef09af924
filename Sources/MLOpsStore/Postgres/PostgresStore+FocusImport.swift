import MLOpsCore
import NIOCore

extension PostgresStore {
    /// Imports a FinOps FOCUS 1.x export (CSV) as daily costs in one transaction, as
    /// `Store.importFocus` does for SQLite: the same rows, checks, errors, counts and notes
    /// (`FocusCharges`). The file's day pieces are streamed to the server with `COPY`, so
    /// memory stays flat for files of millions of rows, then added up per cost line and
    /// merged with one upsert; the cost rollups are recounted for the days touched.
    ///
    /// The costs lock is taken first: the store's currency, which every row must be in, is
    /// the one the last committed import left, so FOCUS imports take turns from the start.
    public func importFocus(path: String, options: FocusImportOptions = FocusImportOptions(),
                            now: Instant) throws -> ExternalImportSummary {
        guard !isReadOnly else { throw StoreError.unreadable(path: location.description, detail: "opened read-only") }
        let charges = try FocusCharges(path: path, options: options)
        return try writeExternalImport(dryRun: options.dryRun) { session in
            try session.lockForWriting(.costs)
            var currency: String?
            for query in FocusCharges.storeCurrencyQueries where currency == nil { currency = try session.rows(query).first?[0] }
            // Memory for adding up a large file's pieces, for this transaction only.
            try session.execute("SET LOCAL work_mem = '256MB'")
            let types = FocusCharges.pieceColumns.map { $0 == "cents" ? "\"cents\" BIGINT" : "\"\($0)\" TEXT" }
            try session.execute("CREATE TEMP TABLE focus_pieces (\(types.joined(separator: ", "))) ON COMMIT DROP")
            let read = FocusPieceCopy(charges, storeCurrency: currency)
            try session.copy(into: "focus_pieces", columns: FocusCharges.pieceColumns) { send in try read.stream(send) }
            let charges = read.finished
            let touched: [PostgresValues] = try session.rows("""
                SELECT min(d), max(d) FROM (
                    SELECT date AS d FROM focus_pieces
                    UNION ALL
                    SELECT c.date FROM costs c JOIN (SELECT DISTINCT id FROM focus_pieces) p ON c.id = p.id
                ) placed
                """)
            let costs = CostEntry.schema.fields.map { "\"\($0.name)\"" }
            let nonKey = costs.filter { $0 != "\"id\"" }
            let counts = try session.rows("""
                WITH lines AS (\(FocusCharges.linesSelect(from: "focus_pieces"))),
                written AS (
                    INSERT INTO costs AS t (\(costs.joined(separator: ", "))) SELECT * FROM lines
                    ON CONFLICT (id) DO UPDATE SET \(nonKey.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
                    WHERE (\(nonKey.map { "t.\($0)" }.joined(separator: ", "))) IS DISTINCT FROM (\(nonKey.map { "EXCLUDED.\($0)" }.joined(separator: ", ")))
                    RETURNING (xmax = 0) AS inserted
                )
                SELECT (SELECT count(*) FROM lines), count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written
                """)[0]
            let summary = try charges.summary(inserted: counts[1], updated: counts[2], lines: counts[0])
            if let low = (touched[0][0] as String?).flatMap(Day.init(iso8601:)), let high = (touched[0][1] as String?).flatMap(Day.init(iso8601:)) {
                try PostgresRollups.refresh(session, kind: .costs, days: low...high)
            }
            if !options.dryRun {
                try session.execute(ImportLog.insert, ImportLog.arguments(summary.kinds[0], source: charges.logSource, now: now))
            }
            return summary
        }
    }
}

/// Reads a FOCUS export on the copy's producing thread and hands its pieces over as
/// `COPY` text; the reader, with its counts, comes back when the copy is done.
private final class FocusPieceCopy: @unchecked Sendable {
    private var charges: FocusCharges

    init(_ charges: FocusCharges, storeCurrency: String?) {
        self.charges = charges
        self.charges.expect(storeCurrency: storeCurrency)
    }

    /// Only after `stream` has returned.
    var finished: FocusCharges { charges }

    func stream(_ send: (ByteBuffer) throws -> Void) throws {
        var chunk = ByteBufferAllocator().buffer(capacity: 256 * 1024)
        var inChunk = 0
        while let row = try charges.next() {
            for piece in row.pieces {
                // SQLite keeps a NUL from a Tags value; PostgreSQL's text cannot.
                for text in [piece.cost.team, piece.cost.model] {
                    if let text, let problem = CopyText.problem(text) { throw row.row.error("Tags", row.row.text("Tags"), problem) }
                }
                CopyText.appendRow(FocusCharges.values(piece), to: &chunk)
                inChunk += 1
            }
            if inChunk >= PostgresImport.chunkRows {
                try send(chunk)
                chunk = ByteBufferAllocator().buffer(capacity: chunk.capacity)
                inChunk = 0
            }
        }
        if inChunk > 0 { try send(chunk) }
    }
}
