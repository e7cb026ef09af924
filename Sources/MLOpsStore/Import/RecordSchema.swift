import MLOpsCore

/// A record kind's fields, in the order of its table's columns and its files' headers.
public struct RecordSchema: Sendable {
    public let kind: RecordKind
    public let table: String
    public let fields: [FieldSpec]
    /// The fields that identify a record: re-importing a row with the same key updates it.
    public let key: [String]
    /// Checks across fields, applied to every imported row after each field's own type.
    let rules: [RowRule<String>]
    let fieldIndex: [String: Int]
    /// `key` as field positions.
    let keyIndices: [Int]

    init(kind: RecordKind, table: String, key: [String], fields: [FieldSpec], rules: [RowRule<String>] = []) {
        self.kind = kind
        self.table = table
        self.key = key
        self.fields = fields
        self.rules = rules
        let index = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
        self.fieldIndex = index
        self.keyIndices = key.map { index[$0]! }
        for rule in rules {
            for name in rule.fields { precondition(index[name] != nil, "\(kind) has no field \(name)") }
        }
    }

    public var requiredFields: [FieldSpec] { fields.filter(\.required) }

    /// The table's record columns in field order, for `SELECT`s that `init(row:)` decodes by position.
    var columnList: String { fields.map { "\(table).\"\($0.name)\"" }.joined(separator: ", ") }

    public static func of(_ kind: RecordKind) -> RecordSchema { StoredRecords.type(of: kind).schema }
}

/// A check across the fields of one row, beyond each field's own type. Declared with
/// field names (`RowRule<String>`); the parser resolves them to positions (`RowRule<Int>`).
enum RowRule<Field: Sendable>: Sendable {
    /// At least one of the fields is present; else `problem` is reported at the first.
    case anyOf([Field], problem: String)
    /// `later` is not before the first present of `earlier` (timestamps).
    case notBefore(later: Field, earlier: [Field])
    /// A number is at most `bound`.
    case atMost(Field, Double, problem: String)
    /// A whole number is at most another field's.
    case notMoreThan(Field, other: Field, problem: String)
    /// Three ASCII letters, stored in upper case.
    case currencyCode(Field)
    /// An absent number takes this value.
    case defaultValue(Field, Double)

    var fields: [Field] {
        switch self {
        case .anyOf(let names, _): return names
        case .notBefore(let later, let earlier): return [later] + earlier
        case .atMost(let name, _, _), .currencyCode(let name), .defaultValue(let name, _): return [name]
        case .notMoreThan(let a, let b, _): return [a, b]
        }
    }

    /// The same rule about the fields `f` gives for these.
    func map<Other>(_ f: (Field) -> Other) -> RowRule<Other> {
        switch self {
        case .anyOf(let fields, let problem): return .anyOf(fields.map(f), problem: problem)
        case .notBefore(let later, let earlier): return .notBefore(later: f(later), earlier: earlier.map(f))
        case .atMost(let field, let bound, let problem): return .atMost(f(field), bound, problem: problem)
        case .notMoreThan(let field, let other, let problem): return .notMoreThan(f(field), other: f(other), problem: problem)
        case .currencyCode(let field): return .currencyCode(f(field))
        case .defaultValue(let field, let value): return .defaultValue(f(field), value)
        }
    }
}
