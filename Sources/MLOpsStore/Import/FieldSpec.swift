/// What a field of an import file may hold.
public enum FieldType: Sendable, Equatable {
    case text
    case integer(minimum: Int?, maximum: Int?)
    case decimal(minimum: Double?)
    /// Money: a decimal rounded half away from zero to whole cents on its digits as written.
    case money(minimum: Double?)
    case boolean
    case timestamp
    case date
    case choice([String])
    case period

    /// The "expected …" half of an error message, and the type column of the format docs.
    public var expectation: String {
        switch self {
        case .text: return "text"
        case .integer(let lo, let hi):
            switch (lo, hi) {
            case let (lo?, hi?): return "a whole number from \(lo) to \(hi)"
            case let (lo?, nil): return "a whole number ≥ \(lo)"
            default: return "a whole number"
            }
        case .decimal(let lo): return lo.map { "a number ≥ \(Self.format($0))" } ?? "a number"
        case .money(let lo): return lo.map { "an amount ≥ \(Self.format($0))" } ?? "an amount"
        case .boolean: return "true or false (also 1/0, yes/no)"
        case .timestamp: return "an ISO 8601 timestamp with a zone, like 2026-10-01T09:30:00Z or 2026-10-01T11:30:00+02:00"
        case .date: return "a date like 2026-10-01"
        case .choice(let options): return "one of " + options.joined(separator: ", ")
        case .period: return "a month like 2026-10 or a quarter like 2026-Q4"
        }
    }

    static func format(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }
}

/// One field of a record kind: its name in files and in the store, and what it holds.
public struct FieldSpec: Sendable, Equatable {
    public var name: String
    public var type: FieldType
    public var required: Bool
    public var summary: String

    public init(_ name: String, _ type: FieldType, required: Bool = false, _ summary: String = "") {
        self.name = name
        self.type = type
        self.required = required
        self.summary = summary
    }
}

extension FieldType {
    static func choice<E: CaseIterable & RawRepresentable>(of _: E.Type) -> FieldType where E.RawValue == String {
        .choice(E.allCases.map(\.rawValue))
    }
    static let nonNegative = FieldType.decimal(minimum: 0)
    static let count = FieldType.integer(minimum: 0, maximum: nil)
}
