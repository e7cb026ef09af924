import Foundation
import GRDB
import MLOpsCore

extension Store {
    /// Imports a FinOps FOCUS 1.x export (CSV) as daily costs, in one transaction.
    ///
    /// ```swift
    /// let summary = try store.importFocus(path: "focus-2026-10.csv", now: clock)
    /// ```
    /// The file is streamed: each row is spread over the UTC days of its charge period
    /// (pro rata by time, in whole cents that add up to the row's amount) and written as
    /// it is read. Credits and refunds (negative amounts) are negative cost lines, so the
    /// store's spend nets to the invoice to the cent, so memory stays flat for files of
    /// millions of rows. Any bad row, or a row in a currency other than the store's,
    /// rolls the whole import back.
    public func importFocus(path: String, options: FocusImportOptions = FocusImportOptions(),
                            now: Instant) throws -> ExternalImportSummary {
        guard !isReadOnly else { throw StoreError.unreadable(path: self.path, detail: "opened read-only") }
        var csv = try CSVReader(path: path)
        guard let headerRecord = try csv.next() else {
            throw ImportError(file: path, problem: "is empty; expected a FOCUS header line, then one row per charge")
        }
        let header = try FocusHeader(headerRecord, file: path)
        let rule = FocusCostCategoryRule(gpuPatterns: options.gpuPatterns)
        var summary = ExternalImportSummary(source: path, kinds: [], notes: [], dryRun: options.dryRun)
        do {
            try queue.inTransaction(.immediate) { db in
                // The store's currency: its costs', else its budgets', else the file's first row's.
                var currency = try String.fetchOne(db, sql: "SELECT currency FROM costs LIMIT 1")
                    ?? String.fetchOne(db, sql: "SELECT currency FROM budgets LIMIT 1")
                let currencySource = currency == nil ? "the file's first row" : "the store's costs and budgets"
                // Ids written by this import, to add up lines that share an identity
                // instead of one overwriting the other; a temp table keeps memory flat.
                try db.execute(sql: "CREATE TEMP TABLE focus_written (id TEXT PRIMARY KEY) WITHOUT ROWID")
                let remember = try db.makeStatement(sql: "INSERT INTO focus_written (id) VALUES (?) ON CONFLICT DO NOTHING")
                // Sums in cents so a line stays a whole number of cents however many rows add to it.
                let addTo = try db.makeStatement(sql: "UPDATE costs SET amount = (CAST(round(amount * 100) AS INTEGER) + ?) / 100.0 WHERE id = ?")
                let writer = try UpsertWriter(db: db, schema: CostEntry.schema)
                var counter = KindCounter(db: db, file: path)
                var lines = 0, merged = 0, credits = 0
                var creditCents: Int64 = 0
                try counter.count(.costs) {
                    var rows = 0, changed = 0
                    while let record = try csv.next() {
                        guard record.fields.count == header.names.count else {
                            throw ImportError(file: path, line: record.line, column: min(record.fields.count, header.names.count + 1),
                                              problem: "has \(record.fields.count) fields; expected \(header.names.count), one per header column")
                        }
                        let row = FocusRow(file: path, record: record, header: header)
                        lines += 1
                        let code = try row.required("BillingCurrency")
                        guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                            throw row.error("BillingCurrency", code, "is not valid; expected a three-letter ISO 4217 code like EUR")
                        }
                        if let expected = currency, expected != code.uppercased() {
                            throw row.error("BillingCurrency", code, "differs from \(expected), the currency of \(currencySource); costs in two currencies cannot be summed, so nothing was imported — convert the file or use a separate store")
                        }
                        currency = code.uppercased()
                        // Every cost column must be a number, even the one not used.
                        var amounts: [String: Int64] = [:]
                        for column in ["BilledCost", "EffectiveCost", "ListCost", "ContractedCost"] { amounts[column] = try row.cents(column) }
                        let amount = amounts[options.cost.focusColumn]!
                        let start = try row.instant("ChargePeriodStart")
                        let end = try row.instant("ChargePeriodEnd")
                        guard start <= end else {
                            throw row.error("ChargePeriodEnd", row.text("ChargePeriodEnd"), "is before ChargePeriodStart (\(start.iso8601)); the period is [start, end)")
                        }
                        let billingStart = try row.instant("BillingPeriodStart")
                        let billingEnd = try row.instant("BillingPeriodEnd")
                        guard billingStart <= billingEnd else {
                            throw row.error("BillingPeriodEnd", row.text("BillingPeriodEnd"), "is before BillingPeriodStart (\(billingStart.iso8601))")
                        }
                        // A charge is spread over one cost row per day: a period of centuries would
                        // write millions of rows, so it is bounded by its billing period and a year.
                        let chargeSeconds = start.seconds(until: end)
                        if chargeSeconds > billingStart.seconds(until: billingEnd) {
                            throw row.error("ChargePeriodEnd", row.text("ChargePeriodEnd"),
                                            "makes a charge period (\(FocusRow.days(chargeSeconds))) longer than its billing period (\(FocusRow.days(billingStart.seconds(until: billingEnd)))); a charge falls inside the period it is billed in")
                        }
                        if chargeSeconds > FocusRow.longestChargePeriod {
                            throw row.error("ChargePeriodEnd", row.text("ChargePeriodEnd"),
                                            "makes a charge period of \(FocusRow.days(chargeSeconds)), longer than the 366 days one row may span")
                        }
                        let chargeCategory = try row.required("ChargeCategory")
                        let tags = try row.tags()
                        if amount < 0 {
                            // Credits and refunds are negative cost lines: spend is what was invoiced.
                            credits += 1
                            creditCents += amount
                        }
                        let category = rule.category(
                            serviceCategory: try row.required("ServiceCategory"), chargeCategory: chargeCategory,
                            names: ["ResourceId", "ResourceName", "ResourceType", "ServiceName", "ServiceSubcategory", "SkuId", "ChargeDescription"].map(row.text))
                        var identity = FocusCostIdentity()
                        for i in header.identityColumns { identity.add(record.fields[i]) }
                        let shares = TimeWindow(start: start, end: end).dayShares
                        for (share, cents) in zip(shares, Money.allocate(amount, shares: shares.map(\.share))) {
                            let piece = CostEntry(id: identity.id(day: share.day.iso8601), date: share.day, amount: Money.amount(cents),
                                                  currency: code.uppercased(), category: category, service: row.text("ServiceName"),
                                                  team: tags[options.teamTag], model: tags[options.modelTag],
                                                  resourceId: row.text("ResourceId"))
                            try remember.execute(arguments: [piece.id])
                            if db.changesCount == 1 {
                                changed += try writer.upsert(piece.databaseValues, in: db)
                                rows += 1
                            } else {
                                try addTo.execute(arguments: [cents, piece.id])
                                merged += 1
                            }
                        }
                    }
                    return (rows, changed)
                }
                try db.execute(sql: "DROP TABLE temp.focus_written")
                guard lines > 0 else { throw ImportError(file: path, problem: "holds no charges; expected at least one row") }
                summary.kinds = counter.summaries
                summary.notes.append("\(lines) FOCUS rows in \(currency ?? "?"), \(options.cost.focusColumn) spread over their days")
                if merged > 0 { summary.notes.append("\(merged) day shares added to lines with the same identity") }
                if credits > 0 {
                    summary.notes.append("\(credits) credit \(credits == 1 ? "row" : "rows") (negative \(options.cost.focusColumn), total \(Format.fixed(Money.amount(creditCents), 2))) imported as negative cost lines")
                }
                if options.dryRun { return .rollback }
                let costs = summary.kinds[0]
                try db.execute(sql: """
                    INSERT INTO imports (kind, source, imported_at, inserted, updated, unchanged) VALUES ('costs', ?, ?, ?, ?, ?)
                    """, arguments: ["focus:\(path)", now, costs.inserted, costs.updated, costs.unchanged])
                return .commit
            }
        } catch {
            throw StoreError.from(error, path: self.path)
        }
        for i in summary.kinds.indices { summary.kinds[i].dryRun = options.dryRun }
        return summary
    }
}
