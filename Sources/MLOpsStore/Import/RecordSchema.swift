import MLOpsCore

/// A record kind's fields, in the order of its table's columns and its files' headers.
public struct RecordSchema: Sendable {
    public let kind: RecordKind
    public let table: String
    public let fields: [FieldSpec]
    /// The fields that identify a record: re-importing a row with the same key updates it.
    public let key: [String]
    /// Checks across fields, applied to every imported row after each field's own type.
    let rules: [RowRule]
    let fieldIndex: [String: Int]
    /// `key` as field positions.
    let keyIndices: [Int]

    init(kind: RecordKind, table: String, key: [String], fields: [FieldSpec], rules: [RowRule] = []) {
        self.kind = kind
        self.table = table
        self.key = key
        self.fields = fields
        self.rules = rules
        let index = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        self.fieldIndex = index
        self.keyIndices = key.map { index[$0]! }
        for rule in rules {
            for name in rule.fieldNames { precondition(index[name] != nil, "\(kind) has no field \(name)") }
        }
    }

    public var requiredFields: [FieldSpec] { fields.filter(\.required) }

    /// The table's record columns in field order, for `SELECT`s that `init(row:)` decodes by position.
    var columnList: String { fields.map { "\(table).\"\($0.name)\"" }.joined(separator: ", ") }

    public static func of(_ kind: RecordKind) -> RecordSchema { StoredRecords.type(of: kind).schema }
}

/// A check across the fields of one row, beyond each field's own type.
enum RowRule: Sendable {
    /// At least one of the fields is present; else `problem` is reported at the first.
    case anyOf([String], problem: String)
    /// `later` is not before the first present of `earlier` (timestamps).
    case notBefore(later: String, earlier: [String])
    /// A number is at most `bound`.
    case atMost(String, Double, problem: String)
    /// A whole number is at most another field's.
    case notMoreThan(String, other: String, problem: String)
    /// Three ASCII letters, stored in upper case.
    case currencyCode(String)
    /// An absent number takes this value.
    case defaultValue(String, Double)

    var fieldNames: [String] {
        switch self {
        case .anyOf(let names, _): return names
        case .notBefore(let later, let earlier): return [later] + earlier
        case .atMost(let name, _, _), .currencyCode(let name), .defaultValue(let name, _): return [name]
        case .notMoreThan(let a, let b, _): return [a, b]
        }
    }
}
