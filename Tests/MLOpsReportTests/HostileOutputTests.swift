import Foundation
import HostileRecords
import MLOpsCore
@testable import MLOpsReport
import MLOpsStore
import SnapshotSupport
import Testing

/// The demo with hostile names (OSC 52, CSI, BEL, C1, RLO, CR/LF, ZWJ emoji, formulas) in
/// a store, through every output the report target produces.
@Suite struct HostileOutputTests {
    static let directory = TemporaryDirectory()
    static let store: Store = {
        let store = try! Store.create(at: directory.path("hostile.sqlite"))
        try! store.insert(HostileOrganisation.generate(), now: Demo.now, source: "hostile")
        return store
    }()
    static let report = try! QuarterlyReportExporter.report(store: store, quarter: Demo.q3, now: Demo.now)

    @Test func summaryTextShowsEveryControlAndKeepsOneLinePerEntry() throws {
        let snapshot = try Self.store.snapshot(window: .lastDays(30), now: Demo.now)
        let text = SummaryText.render(snapshot)
        #expect(HostileOrganisation.isInert(text))
        #expect(!text.contains("\u{1b}") && !text.contains("\r"))
        // Each hostile name, visible: ESC → ␛, BEL → ␇, C1 CSI → ␛[, RLO → ⟨RLO⟩, CR LF → ␍␊.
        #expect(text.contains("atlas␛]52;c;aGk=␇␛[2J"))
        #expect(text.contains("⟨RLO⟩tlaboc␛[31m"))
        #expect(text.contains("delta␍␊ALL CLEAR␇"))
        // The line feed inside a name did not start a line of its own.
        #expect(!text.split(separator: "\n").contains { $0.hasPrefix("ALL CLEAR") })
        // The same document from the demo's names has exactly as many lines.
        let demo = SummaryText.render(try Demo.store.snapshot(window: .lastDays(30), now: Demo.now))
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count
                == demo.split(separator: "\n", omittingEmptySubsequences: false).count)
    }

    @Test func summaryJSONIsExactJSONWithNothingRaw() throws {
        let snapshot = try Self.store.snapshot(window: .lastDays(30), now: Demo.now)
        let json = try SummaryDocument(snapshot).json()
        #expect(HostileOrganisation.isInert(json))
        #expect(json.contains("\\u009b31m") && json.contains("\\u202etlaboc"))
        // Decoding gives back the store's names, byte for byte.
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8))
        #expect(Self.strings(in: decoded).contains(HostileOrganisation.bidiTeam))
        #expect(Self.strings(in: decoded).contains(HostileOrganisation.lineBreakTeam))
    }

    @Test func markdownReportIsInertAndItsTablesStayWhole() {
        let md = MarkdownReport.render(Self.report)
        #expect(HostileOrganisation.isInert(md))
        #expect(md.contains("atlas␛]52;c;aGk=␇␛[2J"))
        #expect(md.contains("| ⟨RLO⟩tlaboc␛[31m |"))
        #expect(md.contains("| delta␍␊ALL CLEAR␇ |"))
        #expect(md.contains("| =cmd\\|' /C calc'!A0 |"))  // the pipe escaped, so the cell stays one cell
        // Every table row still starts and ends with a pipe: no name broke a row.
        for line in md.split(separator: "\n") where line.hasPrefix("|") { #expect(line.hasSuffix("|"), "\(line)") }
    }

    @Test func htmlReportIsInertAndEscaped() {
        let html = HTMLReport.render(Self.report)
        #expect(HostileOrganisation.isInert(html))
        #expect(html.contains("<td>atlas␛]52;c;aGk=␇␛[2J</td>"))
        #expect(html.contains("<td>=cmd|&#39; /C calc&#39;!A0</td>"))
        #expect(html.contains("⟨RLO⟩tlaboc␛[31m"))
        #expect(html.contains("delta␍␊ALL CLEAR␇"))
    }

    @Test func jsonReportDecodesToTheStoresNames() throws {
        let json = try JSONReport.render(Self.report)
        #expect(HostileOrganisation.isInert(json))
        let strings = Self.strings(in: try JSONSerialization.jsonObject(with: Data(json.utf8)))
        for name in HostileOrganisation.teamNames.values { #expect(strings.contains(name), "\(name.debugDescription)") }
    }

    @Test func csvTextCellsNeverStartAFormula() throws {
        let rows = CSVReport.rows(Self.report)
        let csv = CSVReport.render(Self.report)
        let records = try Self.parseCSV(csv)
        #expect(records.count == rows.count + 1)
        #expect(records[0] == CSVReport.header)
        let triggers: Set<Character> = ["=", "+", "-", "@", "\t", "\r", "\n"]
        var neutralised = 0
        for (record, row) in zip(records.dropFirst(), rows) {
            for (i, cell) in record.enumerated() where i != 4 {
                #expect(!(cell.first.map(triggers.contains) ?? false), "\(cell.debugDescription)")
            }
            // The subject is the name with one quote in front exactly when it starts like a formula.
            if let first = row.subject.first, triggers.contains(first) {
                #expect(record[2] == "'" + row.subject)
                neutralised += 1
            } else {
                #expect(record[2] == row.subject)
            }
            // Values stay plain numbers, negative ones included.
            #expect(record[4].isEmpty || Double(record[4]) != nil)
            #expect(record[4] == CSVReport.number(row.value))
        }
        // Every row for team "=cmd…" and model "@SUM…" is neutralised, and there are some of each.
        let formulaRows = rows.filter { $0.subject == HostileOrganisation.formulaTeam || $0.subject == HostileOrganisation.formulaModel }.count
        #expect(formulaRows > 0 && neutralised == formulaRows)
        #expect(csv.contains(",team,'=cmd|' /C calc'!A0,2026-Q3,"))
    }

    @Test(arguments: [
        ("=1+1", "'=1+1"), ("+49 30", "'+49 30"), ("-3", "'-3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("＝1+1", "'＝1+1"), ("a=b", "a=b"), ("atlas", "atlas"), ("", ""), ("'=already", "'=already"),
    ])
    func csvTextRule(input: String, expected: String) {
        #expect(CSVReport.text(input) == expected)
    }

    @Test func crlfInsideACellIsQuoted() {
        // "\r\n" is one Character in Swift; a check by Character missed it and split the row.
        #expect(CSVReport.field("delta\r\nALL CLEAR") == "\"delta\r\nALL CLEAR\"")
    }

    @Test func csvNumbersAreNotPrefixed() {
        #expect(CSVReport.number(-0.25) == "-0.25")
        #expect(CSVReport.number(-3) == "-3")
    }

    // MARK: - Helpers

    static func strings(in value: Any) -> Set<String> {
        switch value {
        case let s as String: return [s]
        case let a as [Any]: return a.reduce(into: Set<String>()) { $0.formUnion(strings(in: $1)) }
        case let d as [String: Any]: return d.values.reduce(into: Set<String>()) { $0.formUnion(strings(in: $1)) }
        default: return []
        }
    }

    /// RFC 4180 with CRLF records: quoted fields may hold commas, quotes and line breaks.
    static func parseCSV(_ text: String) throws -> [[String]] {
        var records: [[String]] = [], record: [String] = [], field = ""
        var quoted = false, i = text.unicodeScalars.startIndex
        let s = text.unicodeScalars
        while i < s.endIndex {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    let next = s.index(after: i)
                    if next < s.endIndex, s[next] == "\"" { field.unicodeScalars.append("\""); i = s.index(after: next); continue }
                    quoted = false
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r", s.index(after: i) < s.endIndex, s[s.index(after: i)] == "\n" {
                record.append(field); records.append(record); record = []; field = ""
                i = s.index(after: i)
            } else {
                field.unicodeScalars.append(c)
            }
            i = s.index(after: i)
        }
        if !record.isEmpty || !field.isEmpty { record.append(field); records.append(record) }
        return records
    }
}
