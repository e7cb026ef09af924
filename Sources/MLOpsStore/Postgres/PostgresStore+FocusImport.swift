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
        try writeExternalImport(dryRun: options.dryRun, reading: { try FocusCharges(path: path, options: options) }) { charges, session in
            try session.lockForWriting(.costs)
            var currency: String?
            for query in FocusCharges.storeCurrencyQueries where currency == nil { currency = try session.rows(query).first?[0] }
            // Memory for adding up a large file's pieces, for this transaction only.
            try session.execute("SET LOCAL work_mem = '256MB'")
            // Our formats' staging table for costs (a line, then the fields), and each piece's cents.
            try session.execute("CREATE TEMP TABLE focus_pieces (\(PostgresImport.stagingColumns(CostEntry.schema)), cents BIGINT NOT NULL) ON COMMIT DROP")
            let read = FocusPieceCopy(charges, storeCurrency: currency)
            try session.copy(into: "focus_pieces", columns: ["line"] + FocusCharges.pieceColumns) { send in try read.stream(send) }
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
                WITH lines AS (\(Self.focusLines)),
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

    /// The cost lines the staged pieces add up to, one per id (the other columns are alike
    /// within an id: they make it), in id order so concurrent importers lock rows in one order.
    private static let focusLines: String = {
        let columns = CostEntry.schema.fields.map(\.name).map { name -> String in
            switch name {
            case "id": return "id"
            case "amount": return "sum(cents) / 100.0"
            default: return "min(\"\(name)\")"
            }
        }
        return "SELECT \(columns.joined(separator: ", ")) FROM focus_pieces GROUP BY id ORDER BY id"
    }()
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
        while let charge = try charges.next() {
            // SQLite keeps a NUL from a Tags value; PostgreSQL's text cannot. (The file's own
            // text holds none: the CSV reader refuses NUL bytes.)
            for case let text? in [charge.pieces.first?.cost.team, charge.pieces.first?.cost.model] {
                if let problem = CopyText.problem(text) { throw charge.row.error("Tags", charge.row.text("Tags"), problem) }
            }
            for piece in charge.pieces {
                CopyText.appendRow([.integer(Int64(charge.row.record.line))] + FocusCharges.values(piece).map(SQLValue.init), to: &chunk)
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
