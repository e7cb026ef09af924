import Foundation
import GRDB
import MLOpsCore

/// The charges of a FOCUS export as daily cost pieces, read and checked a row at a time
/// so memory stays flat for files of millions of rows: each row is spread over the UTC
/// days of its charge period (pro rata by time, in whole cents that add up to the row's
/// amount). Both engines' imports consume it; they add up pieces that share an id (rows
/// of one identity in one file) and upsert the sums.
///
/// ```swift
/// var charges = try FocusCharges(path: "focus.csv", options: options)
/// charges.expect(storeCurrency: "USD")
/// while let charge = try charges.next() { for piece in charge.pieces { … } }
/// ```
struct FocusCharges {
    /// One day's share of one charge: the cost line it adds to, with its amount in cents.
    struct Piece {
        var cost: CostEntry
        var cents: Int64
    }

    /// One row's pieces, and the row, for errors at its line and column.
    struct Charge {
        let row: FocusRow
        let pieces: [Piece]
    }

    let path: String
    let options: FocusImportOptions
    private let header: FocusHeader
    private let rule: FocusCostCategoryRule
    private var csv: CSVReader
    private var currency: String?
    private var currencySource = "the file's first row"
    /// Rows read, credit rows among them and their total, and pieces made.
    private(set) var lines = 0, credits = 0, pieces = 0
    private(set) var creditCents: Int64 = 0

    /// The store's currency: its costs', else its budgets'. Each engine runs these in order
    /// and passes the first answer to `expect(storeCurrency:)`.
    static let storeCurrencyQueries = ["SELECT currency FROM costs LIMIT 1", "SELECT currency FROM budgets LIMIT 1"]

    /// Opens the export and checks its header.
    init(path: String, options: FocusImportOptions) throws {
        var csv = try CSVReader(path: path)
        guard let headerRecord = try csv.next() else {
            throw ImportError(file: path, problem: "is empty; expected a FOCUS header line, then one row per charge")
        }
        header = try FocusHeader(headerRecord, file: path)
        rule = FocusCostCategoryRule(gpuPatterns: options.gpuPatterns)
        self.csv = csv
        self.path = path
        self.options = options
    }

    /// Every row must be in the store's currency, when it has one; else in the first row's.
    mutating func expect(storeCurrency: String?) {
        currency = storeCurrency
        if storeCurrency != nil { currencySource = "the store's costs and budgets" }
    }

    /// The next row's pieces, nil at the end of the file; a bad row throws its located error.
    mutating func next() throws -> Charge? {
        guard let record = try csv.next() else { return nil }
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
        let made = zip(shares, Money.allocate(amount, shares: shares.map(\.share))).map { share, cents in
            Piece(cost: CostEntry(id: identity.id(day: share.day.iso8601), date: share.day, amount: Money.amount(cents),
                                  currency: code.uppercased(), category: category, service: row.text("ServiceName"),
                                  team: tags[options.teamTag], model: tags[options.modelTag], resourceId: row.text("ResourceId")),
                  cents: cents)
        }
        pieces += made.count
        return Charge(row: row, pieces: made)
    }

    /// The import's counts and notes, once every row is read and the pieces are written
    /// as `lines` distinct cost lines; throws when the file held no charges.
    func summary(inserted: Int, updated: Int, lines written: Int) throws -> ExternalImportSummary {
        guard lines > 0 else { throw ImportError(file: path, problem: "holds no charges; expected at least one row") }
        var summary = ExternalImportSummary(source: path, kinds: [
            ImportSummary(kind: .costs, file: path, rows: written, inserted: inserted, updated: updated,
                          unchanged: written - inserted - updated, dryRun: options.dryRun),
        ], notes: [], dryRun: options.dryRun)
        summary.notes.append("\(lines) FOCUS rows in \(currency ?? "?"), \(options.cost.focusColumn) spread over their days")
        let merged = pieces - written
        if merged > 0 { summary.notes.append("\(merged) day shares added to lines with the same identity") }
        if credits > 0 {
            summary.notes.append("\(credits) credit \(credits == 1 ? "row" : "rows") (negative \(options.cost.focusColumn), total \(Format.fixed(Money.amount(creditCents), 2))) imported as negative cost lines")
        }
        return summary
    }

    /// The `imports` row's source.
    var logSource: String { "focus:\(path)" }

    /// The columns a piece is staged in: a cost's, then `cents`, which the lines add up
    /// (a piece's own `amount` is that piece's share alone).
    static let pieceColumns = CostEntry.schema.fields.map(\.name) + ["cents"]

    /// A piece's values in `pieceColumns` order.
    static func values(_ piece: Piece) -> [(any DatabaseValueConvertible)?] { piece.cost.databaseValues + [piece.cents] }
}
