import Foundation
import MLOpsCore

/// One charge line of a FOCUS export, with typed access that reports bad values at
/// their file, line and column.
struct FocusRow {
    let file: String
    let record: CSVRecord
    let header: FocusHeader

    /// The longest charge period one row may span, in seconds: 366 days, a leap year.
    static let longestChargePeriod: Int64 = 366 * 86_400

    /// `3.5 days`, for periods in error messages.
    static func days(_ seconds: Int64) -> String {
        let d = Double(seconds) / 86_400
        return d == d.rounded() ? "\(Int64(d)) days" : String(format: "%.1f days", d)
    }

    func error(_ column: String, _ value: String?, _ problem: String) -> ImportError {
        ImportError(file: file, line: record.line, column: header.position(column).map { $0 + 1 },
                    field: column, value: value, problem: problem)
    }

    /// The trimmed value, nil when the column is absent or the cell empty.
    func text(_ column: String) -> String? {
        guard let i = header.position(column) else { return nil }
        let v = record.fields[i].trimmingCharacters(in: .whitespaces)
        return v.isEmpty ? nil : v
    }

    func required(_ column: String) throws -> String {
        guard let v = text(column) else { throw error(column, nil, "is empty; the FOCUS spec does not allow nulls here") }
        return v
    }

    func decimal(_ column: String) throws -> Double {
        let v = try required(column)
        guard let d = DecimalText.parse(v) else { throw error(column, v, "is not valid; expected a decimal number") }
        return d
    }

    /// An amount in cents, rounded on its decimal digits (see `Money.cents(decimal:)`).
    func cents(_ column: String) throws -> Int64 {
        let v = try required(column)
        guard let c = Money.cents(decimal: v) else { throw error(column, v, "is not valid; expected a decimal number") }
        return c
    }

    func instant(_ column: String) throws -> Instant {
        let v = try required(column)
        guard let t = Instant(iso8601: v) else {
            throw error(column, v, "is not valid; expected a FOCUS date/time in UTC like 2026-10-01T00:00:00Z")
        }
        return t
    }

    /// The `Tags` column: a JSON object of key → value; empty when absent or null.
    func tags() throws -> [String: String] {
        guard let text = text("Tags") else { return [:] }
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw error("Tags", text, "is not valid; expected a JSON object like {\"team\": \"atlas\"}")
        }
        var tags: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let s as String: tags[key] = s
            case let n as NSNumber: tags[key] = n.stringValue
            default: continue  // nested values name no team or model
            }
        }
        return tags
    }
}
