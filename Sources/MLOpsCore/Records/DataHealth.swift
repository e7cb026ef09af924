/// Can the numbers be trusted: what the store holds of each record kind.
public struct DataHealth: Sendable, Codable, Hashable {
    public struct KindHealth: Sendable, Codable, Hashable {
        public var kind: RecordKind
        public var count: Int
        public var first: Day?
        public var last: Day?
        public var lastImport: Instant?
        /// Days between first and last with no record of this kind.
        public var emptyDays: Int?
        /// Optional fields empty in more than 80 % of records.
        public var mostlyEmptyFields: [String]

        public init(kind: RecordKind, count: Int, first: Day?, last: Day?, lastImport: Instant?, emptyDays: Int?, mostlyEmptyFields: [String]) {
            self.kind = kind
            self.count = count
            self.first = first
            self.last = last
            self.lastImport = lastImport
            self.emptyDays = emptyDays
            self.mostlyEmptyFields = mostlyEmptyFields
        }
    }

    public var kinds: [KindHealth]
    public var schemaVersion: Int
    public var storePath: String

    public init(kinds: [KindHealth], schemaVersion: Int, storePath: String) {
        self.kinds = kinds
        self.schemaVersion = schemaVersion
        self.storePath = storePath
    }

    /// The panels that need each kind, so a missing kind says what it blanks out.
    public static func panels(needing kind: RecordKind) -> [String] {
        switch kind {
        case .teams: return ["maintenance share", "staffing ratio"]
        case .models: return ["SLO checks", "availability"]
        case .runs: return ["lead time", "research", "maturity"]
        case .deployments: return ["deploy frequency", "lead time", "change failure", "maturity"]
        case .incidents: return ["time to restore", "change failure", "triage"]
        case .maintenance: return ["maintenance load"]
        case .costs: return ["finance", "cost per 1k predictions"]
        case .budgets: return ["budget forecast"]
        case .serving: return ["availability", "latency", "error rate"]
        }
    }
}
