import Foundation
import GRDB
import MLOpsCore

extension Store {
    /// Imports a FinOps FOCUS 1.x export (CSV) as daily costs, in one transaction.
    ///
    /// ```swift
    /// let summary = try store.importFocus(path: "focus-2026-10.csv", now: clock)
    /// ```
    /// The file is streamed (`FocusCharges`): each row's day pieces are added to their
    /// lines in a temporary table as the row is read, so memory stays flat for files of
    /// millions of rows; then the lines are upserted into the costs. Credits and refunds
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
                // One line per id, its pieces' cents added up as they come: a temporary table
                // keeps memory flat, and its key keeps the lines in id order for the upsert.
                let columns = FocusCharges.pieceColumns.map { "\"\($0)\"" }
                try db.execute(sql: "CREATE TEMP TABLE focus_lines (\(columns.map { $0 == "\"id\"" ? "id TEXT PRIMARY KEY" : $0 }.joined(separator: ", "))) WITHOUT ROWID")
                let stage = try db.makeStatement(sql: """
                    INSERT INTO focus_lines (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))
                    ON CONFLICT(id) DO UPDATE SET cents = cents + excluded.cents
                    """)
                while let charge = try charges.next() {
                    for piece in charge.pieces {
                        stage.setUncheckedArguments(StatementArguments(FocusCharges.values(piece)))
                        try stage.execute()
                    }
                }
                let costs = CostEntry.schema.fields.map { "\"\($0.name)\"" }
                let nonKey = costs.filter { $0 != "\"id\"" }
                let lineValues = costs.map { $0 == "\"amount\"" ? "cents / 100.0" : $0 }
                let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM costs") ?? 0
                let written = try Int.fetchOne(db, sql: "SELECT count(*) FROM focus_lines") ?? 0
                // `WHERE true`: SQLite's parser needs it to read the ON CONFLICT of an INSERT … SELECT.
                try db.execute(sql: """
                    INSERT INTO costs (\(costs.joined(separator: ", ")))
                    SELECT \(lineValues.joined(separator: ", ")) FROM focus_lines WHERE true
                    ON CONFLICT(id) DO UPDATE SET \(nonKey.map { "\($0) = excluded.\($0)" }.joined(separator: ", "))
                    WHERE \(nonKey.map { "costs.\($0) IS NOT excluded.\($0)" }.joined(separator: " OR "))
                    """)
                let changed = db.changesCount
                try db.execute(sql: "DROP TABLE temp.focus_lines")
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
