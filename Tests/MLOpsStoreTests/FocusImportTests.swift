import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

private let now = Instant(iso8601: "2026-11-02T08:00:00Z")!

/// Sums and counts of costs, rounded to cents so spreading's float noise does not matter.
private func totals(_ store: Store, _ sql: String, _ arguments: StatementArguments = []) throws -> [String] {
    try store.read { db in
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            row.columnNames.map { name -> String in
                let v = row[name] as DatabaseValue
                if case .double(let d) = v.storage { return String(format: "%.2f", d) }
                return v.description.replacingOccurrences(of: "\"", with: "")
            }.joined(separator: " ")
        }
    }
}

@Suite struct FocusImportTests {
    let dir = TemporaryDirectory()

    /// The sample with one line changed by `edit`, to make a bad file.
    func sample(editing line: Int, _ edit: (String) -> String) throws -> String {
        var lines = try String(contentsOfFile: Fixtures.focusSample, encoding: .utf8).components(separatedBy: "\n")
        lines[line - 1] = edit(lines[line - 1])
        return dir.write("bad.csv", lines.joined(separator: "\n"))
    }

    func expectRefused(_ path: String, store: Store? = nil, _ check: (ImportError) -> Void) throws {
        let store = try store ?? Store.create(at: dir.path("s.sqlite"))
        let before = try storeContents(store)
        do {
            _ = try store.importFocus(path: path, now: now)
            Issue.record("import of \(path) should have failed")
        } catch let error as ImportError {
            check(error)
        }
        #expect(try storeContents(store) == before, "a refused file must leave the store as it was")
    }

    @Test func billedCostsAreSpreadOverDaysAndCategorised() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let summary = try store.importFocus(path: Fixtures.focusSample, now: now)
        // 10 lines written, the credit as a negative line: 1+2+31+1+1+1+1+1+1+1 day shares.
        #expect(summary.counts(.costs)?.inserted == 41)
        #expect(summary.notes.contains("1 credit row (negative BilledCost, total -10.00) imported as negative cost lines"))
        #expect(try totals(store, "SELECT category, sum(amount), count(*) FROM costs GROUP BY category ORDER BY category") == [
            "cpu 336.00 3",        // m5 12 + 24, Savings Plan purchase 300 (billed when bought)
            "gpu 500.00 2",        // p4d.24xlarge 400, Standard_NC24ads_A100_v4 100
            "network 5.00 1",
            "other -2.00 2",       // tax 8, promotional credit −10
            "serving 20.00 1",     // SageMaker ml.m5.large endpoint: AI/ML without a GPU name
            "storage 31.00 31",    // a month of S3, 1.00 a day
            "warehouse 50.00 1",   // BigQuery (Analytics)
        ])
        // 36 hours from 10-01T12:00: 12 on the 1st, 24 on the 2nd.
        #expect(try totals(store, "SELECT date, amount, team FROM costs WHERE resource_id LIKE '%i-0cpu01' ORDER BY date") ==
                ["2026-10-01 12.00 beacon", "2026-10-02 24.00 beacon"])
        // The month of storage ends on 10-31: ChargePeriodEnd is exclusive.
        #expect(try totals(store, "SELECT min(date), max(date), currency FROM costs WHERE category = 'storage'") == ["2026-10-01 2026-10-31 USD"])
        #expect(try totals(store, "SELECT date, amount, team, model, service FROM costs WHERE category IN ('gpu', 'serving') ORDER BY date, amount") == [
            "2026-10-01 400.00 atlas churn Amazon Elastic Compute Cloud",
            "2026-10-02 20.00 beacon search-ranking Amazon SageMaker",
            "2026-10-02 100.00 atlas churn Virtual Machines",
        ])
    }

    @Test func effectiveCostsAmortiseAndReplaceBilledOnReimport() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        _ = try store.importFocus(path: Fixtures.focusSample, now: now)
        #expect(try totals(store, "SELECT sum(amount), count(*) FROM costs") == ["940.00 41"])
        let effective = try store.importFocus(path: Fixtures.focusSample, options: FocusImportOptions(cost: .effective), now: now)
        // Same ids: the p4d line (400 → 300) and the purchase (300 → 0) change in place.
        #expect(effective.counts(.costs).map { ($0.inserted, $0.updated, $0.unchanged) } ?? (0, 0, 0) == (0, 2, 39))
        #expect(try totals(store, "SELECT sum(amount), count(*) FROM costs") == ["540.00 41"])
        #expect(try totals(store, "SELECT category, sum(amount) FROM costs WHERE category IN ('gpu', 'cpu') GROUP BY category ORDER BY category") ==
                ["cpu 36.00", "gpu 400.00"])
    }

    @Test func reimportIsIdempotent() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        _ = try store.importFocus(path: Fixtures.focusSample, now: now)
        let before = try storeContents(store).filter { !$0.hasPrefix("imports:") }
        let again = try store.importFocus(path: Fixtures.focusSample, now: now)
        #expect(again.counts(.costs).map { ($0.inserted, $0.updated, $0.unchanged) } ?? (0, 0, 0) == (0, 0, 41))
        #expect(try storeContents(store).filter { !$0.hasPrefix("imports:") } == before)
    }

    /// Two rows of one identity (every column but the costs alike) add up to one line per
    /// day; re-importing the file finds those sums stored and changes nothing.
    @Test func rowsOfOneIdentityAddUpAndReimportUnchanged() throws {
        var lines = try String(contentsOfFile: Fixtures.focusSample, encoding: .utf8).components(separatedBy: "\n")
        // Line 3: m5.xlarge, 36.00 over 36 hours from 10-01T12:00 (12.00 on the 1st, 24.00 on
        // the 2nd). Its twin bills 18.00: 6.00 and 12.00, so the lines are 18.00 and 36.00.
        #expect(lines[2].hasPrefix("36.00,"))
        lines.insert("18.00" + lines[2].dropFirst("36.00".count), at: 3)
        let path = dir.write("twins.csv", lines.joined(separator: "\n"))
        let store = try Store.create(at: dir.path("s.sqlite"))
        let first = try store.importFocus(path: path, now: now)
        #expect(first.counts(.costs).map { ($0.rows, $0.inserted, $0.updated, $0.unchanged) } ?? (0, 0, 0, 0) == (41, 41, 0, 0))
        #expect(first.notes.contains("2 day shares added to lines with the same identity"))
        #expect(try totals(store, "SELECT date, amount FROM costs WHERE resource_id LIKE '%i-0cpu01' ORDER BY date") ==
                ["2026-10-01 18.00", "2026-10-02 36.00"])
        #expect(try totals(store, "SELECT sum(amount), count(*) FROM costs") == ["958.00 41"])
        let before = try storeContents(store).filter { !$0.hasPrefix("imports:") }
        let again = try store.importFocus(path: path, now: now)
        #expect(again.counts(.costs).map { ($0.inserted, $0.updated, $0.unchanged) } ?? (0, 0, 0) == (0, 0, 41))
        #expect(try storeContents(store).filter { !$0.hasPrefix("imports:") } == before)
        // The sample without the twin: the two m5 lines go back to 12.00 and 24.00.
        let single = try store.importFocus(path: Fixtures.focusSample, now: now)
        #expect(single.counts(.costs).map { ($0.inserted, $0.updated, $0.unchanged) } ?? (0, 0, 0) == (0, 2, 39))
        #expect(try totals(store, "SELECT sum(amount), count(*) FROM costs") == ["940.00 41"])
    }

    /// Finance compares with the invoice: the store's spend must equal the export's
    /// BilledCost, each row rounded to cents as written, per team and in total.
    @Test func spendReconcilesWithTheInvoiceToTheCent() throws {
        var lines = try String(contentsOfFile: Fixtures.focusSample, encoding: .utf8).components(separatedBy: "\n")
        func setCost(_ line: Int, _ from: String, _ to: String) {
            #expect(lines[line - 1].hasPrefix(from + ","))
            lines[line - 1] = to + lines[line - 1].dropFirst(from.count)
        }
        setCost(4, "31.00", "1.00")     // storage, 31 days: 100 cents ÷ 31 is 3.2…; 7 days get 4 cents
        setCost(8, "5.00", "1.005")     // network: 1.005 rounds half away from zero to 1.01
        setCost(10, "-10.00", "-25.00") // a credit of 25.00 …
        #expect(lines[9].hasSuffix(",ml-platform,"))
        lines[9] += "\"{\"\"team\"\":\"\"atlas\"\"}\""  // … for atlas
        let path = dir.write("invoice.csv", lines.joined(separator: "\n"))
        let store = try Store.create(at: dir.path("s.sqlite"))
        _ = try store.importFocus(path: path, now: now)

        let october = TimeWindow(start: Day(iso8601: "2026-10-01")!.start, end: Day(iso8601: "2026-11-01")!.start)
        let query = MetricsQuery(window: october, previous: october.previous, windowLabel: "2026-10", now: now)
        let f = try PlatformSnapshot.compute(source: store.metricsSource, query: query).finance
        // BilledCost: atlas 400 + 100 − 25 = 475.00; beacon 36 + 20 + 50 = 106.00;
        // untagged 1.00 + 1.01 + 300 + 8 = 310.01. Total 891.01; charges 916.01, credits −25.00.
        #expect(f.byTeam.map { "\($0.name) \(Money.cents($0.amount))" } == ["atlas 47500", "unassigned 31001", "beacon 10600"])
        #expect(f.spend.current.map(Money.cents) == 89101)
        #expect(f.grossSpend.current.map(Money.cents) == 91601)
        #expect(f.credits.current.map(Money.cents) == -2500)
        // The month of storage adds up to its 1.00 exactly, no day off by a cent.
        #expect(try totals(store, "SELECT sum(amount), min(amount), max(amount), count(*) FROM costs WHERE category = 'storage'") ==
                ["1.00 0.03 0.04 31"])
    }

    @Test func tagKeysAndGPUPatternsAreConfigurable() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let options = FocusImportOptions(teamTag: "env", modelTag: "nope", gpuPatterns: GPUNamePatterns(["m5"]))
        _ = try store.importFocus(path: Fixtures.focusSample, options: options, now: now)
        // Names holding the token "m5": the m5.xlarge line (Compute; Tags env=prod) and the
        // SageMaker ml.m5.large endpoint (AI and ML; no env tag). The p4d and NC lines are cpu now.
        #expect(try totals(store, "SELECT service, sum(amount), team FROM costs WHERE category = 'gpu' GROUP BY service ORDER BY service") ==
                ["Amazon Elastic Compute Cloud 36.00 prod", "Amazon SageMaker 20.00 NULL"])
        #expect(try totals(store, "SELECT sum(amount) FROM costs WHERE category = 'cpu'") == ["800.00"])  // 400 + 100 + 300
        #expect(try totals(store, "SELECT count(*) FROM costs WHERE model IS NOT NULL") == ["0"])
    }

    @Test func gpuNamePatternsMatchWholeTokens() {
        let patterns = GPUNamePatterns.defaults
        #expect(patterns.matches(["Standard_NC24ads_A100_v4"]))
        #expect(patterns.matches(["ml.p4d.24xlarge"]))
        #expect(patterns.matches(["a2-highgpu-1g"]))
        #expect(patterns.matches([nil, "g5.12xlarge"]))
        #expect(!patterns.matches(["m5.xlarge", "Amazon Elastic Compute Cloud"]))
        #expect(!patterns.matches(["ncache-01", "db.t4g.micro"]))  // nc#* needs a digit; t4 is not t4g
    }

    // MARK: - Bad files: located errors, nothing written

    @Test func missingMandatoryColumn() throws {
        let path = try sample(editing: 1) { $0.replacingOccurrences(of: "EffectiveCost", with: "AmortisedCost") }
        try expectRefused(path) { e in
            #expect(e.description == "\(path):1: field 'EffectiveCost': mandatory FOCUS column is missing from the header")
        }
    }

    @Test func datetimeWithoutZone() throws {
        // Line 3 is the m5 line; ChargePeriodStart is column 12.
        let path = try sample(editing: 3) { $0.replacingOccurrences(of: "2026-10-01T12:00:00Z", with: "2026-10-01 12:00") }
        try expectRefused(path) { e in
            #expect((e.line, e.column, e.field, e.value) == (3, 12, "ChargePeriodStart", "2026-10-01 12:00"))
            #expect(e.problem == "is not valid; expected a FOCUS date/time in UTC like 2026-10-01T00:00:00Z")
        }
    }

    @Test func mixedCurrenciesAreRefusedNotSummed() throws {
        // Line 5 (the Azure GPU line) billed in EUR; BillingCurrency is column 4.
        let path = try sample(editing: 5) { $0.replacingOccurrences(of: ",USD,", with: ",EUR,") }
        try expectRefused(path) { e in
            #expect((e.line, e.column, e.field, e.value) == (5, 4, "BillingCurrency", "EUR"))
            #expect(e.problem.hasPrefix("differs from USD, the currency of the file's first row"))
        }
    }

    @Test func aFileInAnotherCurrencyThanTheStoreIsRefused() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let budgets = dir.write("budgets.csv", "scope,period,amount,currency\norg,2026-Q4,90000,EUR\n")
        _ = try store.importFile(kind: .budgets, path: budgets, now: now)
        try expectRefused(Fixtures.focusSample, store: store) { e in
            #expect((e.line, e.column, e.value) == (2, 4, "USD"))
            #expect(e.problem.hasPrefix("differs from EUR, the currency of the store's costs and budgets"))
        }
    }

    @Test func malformedTagsJSON() throws {
        // Line 6 (SageMaker): Tags, column 42, loses its closing brace.
        let path = try sample(editing: 6) { $0.replacingOccurrences(of: "search-ranking\"\"}\"", with: "search-ranking\"\"\"") }
        try expectRefused(path) { e in
            #expect((e.line, e.column, e.field) == (6, 42, "Tags"))
            #expect(e.value == #"{"team":"beacon","model":"search-ranking""#)
            #expect(e.problem.hasPrefix("is not valid; expected a JSON object"))
        }
    }

    @Test func aRowWithMissingFields() throws {
        let path = try sample(editing: 4) { String($0.split(separator: ",", omittingEmptySubsequences: false).prefix(10).joined(separator: ",")) }
        try expectRefused(path) { e in
            #expect(e.description == "\(path):4:10: has 10 fields; expected 42, one per header column")
        }
    }

    @Test func aChargePeriodLongerThanItsBillingPeriodIsRefused() throws {
        // Line 2 (p4d, billed for October): its charge runs 8,000 years; ChargePeriodEnd is column 11.
        let path = try sample(editing: 2) { $0.replacingOccurrences(of: "2026-10-02T00:00:00Z", with: "9999-10-02T00:00:00Z") }
        try expectRefused(path) { e in
            #expect((e.line, e.column, e.field, e.value) == (2, 11, "ChargePeriodEnd", "9999-10-02T00:00:00Z"))
            #expect(e.problem == "makes a charge period (2912079 days) longer than its billing period (31 days); a charge falls inside the period it is billed in")
        }
    }

    @Test func aChargePeriodOverAYearIsRefusedWhateverItsBillingPeriod() throws {
        // Billing period stretched to 2030 (BillingPeriodEnd, column 5); the charge to 2028-10-02: 732 days.
        let path = try sample(editing: 2) {
            $0.replacingOccurrences(of: "2026-11-01T00:00:00Z", with: "2030-11-01T00:00:00Z")
                .replacingOccurrences(of: "2026-10-02T00:00:00Z", with: "2028-10-02T00:00:00Z")
        }
        try expectRefused(path) { e in
            #expect((e.line, e.column, e.field) == (2, 11, "ChargePeriodEnd"))
            #expect(e.problem == "makes a charge period of 732 days, longer than the 366 days one row may span")
        }
    }

    @Test func aCostInAnotherNumberFormIsRefused() throws {
        let path = try sample(editing: 2) { "0x190" + $0.dropFirst("400.00".count) }
        try expectRefused(path) { e in
            #expect((e.line, e.column, e.field, e.value) == (2, 1, "BilledCost", "0x190"))
        }
    }
}
