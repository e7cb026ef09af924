import Foundation
import GRDB
import MLOpsCore

extension Store {
    /// Imports a FinOps FOCUS 1.x export (CSV) as daily costs, in one transaction.
    ///
    /// ```swift
    /// let summary = try store.importFocus(path: "focus-2026-10.csv", now: clock)
    /// ```
    /// The file is streamed (`FocusCharges`): each row's day pieces go to a temporary
    /// table as it is read, so memory stays flat for files of millions of rows; then the
    /// pieces of one id are added up and upserted as one cost line. Credits and refunds
    /// (negative amounts) are negative cost lines, so the store's spend nets to the invoice
    /// to the cent. Any bad row, or a row in a currency other than the store's, rolls the
    /// whole import back.
    public func importFocus(path: String, options: FocusImportOptions = FocusImportOptions(),
                            now: Instant) throws -> ExternalImportSummary {
        guard !isReadOnly else { throw StoreError.unreadable(path: self.path, detail: "opened read-only") }
        var charges = try FocusCharges(path: path, options: options)
        var summary: ExternalImportSummary?
        do {
            try queue.inTransaction(.immediate) { db in
                var currency: String?
                for query in FocusCharges.storeCurrencyQueries where currency == nil { currency = try String.fetchOne(db, sql: query) }
                charges.expect(storeCurrency: currency)
                let columns = FocusCharges.pieceColumns.map { "\"\($0)\"" }.joined(separator: ", ")
                try db.execute(sql: "CREATE TEMP TABLE focus_pieces (\(columns))")
                let stage = try db.makeStatement(sql: """
                    INSERT INTO focus_pieces (\(columns)) VALUES (\(FocusCharges.pieceColumns.map { _ in "?" }.joined(separator: ", ")))
                    """)
                while let row = try charges.next() {
                    for piece in row.pieces {
                        stage.setUncheckedArguments(StatementArguments(FocusCharges.values(piece).map(\.databaseValue)))
                        try stage.execute()
                    }
                }
                let costs = CostEntry.schema.fields.map { "\"\($0.name)\"" }
                let nonKey = costs.filter { $0 != "\"id\"" }
                let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM costs") ?? 0
                let written = try Int.fetchOne(db, sql: "SELECT count(DISTINCT id) FROM focus_pieces") ?? 0
                // `WHERE true`: SQLite's parser needs it to read the ON CONFLICT of an INSERT … SELECT.
                try db.execute(sql: """
                    INSERT INTO costs (\(costs.joined(separator: ", ")))
                    SELECT * FROM (\(FocusCharges.linesSelect(from: "focus_pieces"))) WHERE true
                    ON CONFLICT(id) DO UPDATE SET \(nonKey.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                    WHERE \(nonKey.map { "costs.\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "))
                    """)
                let changed = db.changesCount
                try db.execute(sql: "DROP TABLE temp.focus_pieces")
                try Rollups.refresh(db, kind: .costs)
                let inserted = (try Int.fetchOne(db, sql: "SELECT count(*) FROM costs") ?? 0) - before
                let done = try charges.summary(inserted: inserted, updated: max(0, changed - inserted), lines: written)
                summary = done
                if options.dryRun { return .rollback }
                try db.execute(sql: ImportLog.insert, arguments: StatementArguments(
                    ImportLog.arguments(done.kinds[0], source: charges.logSource, now: now).map(\.databaseValue)))
                return .commit
            }
        } catch {
            throw StoreError.from(error, path: self.path)
        }
        return summary!
    }
}
