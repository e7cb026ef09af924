import MLOpsCore

/// A record kind's fields, in the order of its table's columns and its files' headers.
public struct RecordSchema: Sendable {
    public let kind: RecordKind
    public let table: String
    public let fields: [FieldSpec]
    /// The fields that identify a record: re-importing a row with the same key updates it.
    public let key: [String]
    let fieldIndex: [String: Int]

    init(kind: RecordKind, table: String, key: [String], fields: [FieldSpec]) {
        self.kind = kind
        self.table = table
        self.key = key
        self.fields = fields
        self.fieldIndex = Dictionary(uniqueKeysWithValues: fields.enumerated().map { ($1.name, $0) })
    }

    public var requiredFields: [FieldSpec] { fields.filter(\.required) }

    /// The table's record columns in field order, for `SELECT`s that `init(row:)` decodes by position.
    var columnList: String { fields.map { "\(table).\"\($0.name)\"" }.joined(separator: ", ") }

    public static func of(_ kind: RecordKind) -> RecordSchema { StoredRecords.type(of: kind).schema }
}
