/// The columns of a FOCUS export, found by name (case-insensitively) in its header line.
///
/// The import needs these of the spec's mandatory columns; the others (ChargeClass,
/// InvoiceIssuerName, PricingUnit, …) and any `x_` provider columns may be present
/// and are not read, except into a row's identity.
struct FocusHeader {
    static let required = [
        "BilledCost", "EffectiveCost", "ListCost", "ContractedCost", "BillingCurrency",
        "BillingAccountId", "BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory",
        "ChargePeriodStart", "ChargePeriodEnd", "ProviderName", "ServiceCategory", "ServiceName",
    ]
    /// Conditional and recommended columns read when present.
    static let optional = [
        "ResourceId", "ResourceName", "ResourceType", "SubAccountId", "RegionId", "Tags",
        "ServiceSubcategory", "SkuId", "ChargeDescription",
    ]

    let names: [String]
    private let index: [String: Int]
    /// Header positions of the dimension columns that make up a row's identity.
    let identityColumns: [Int]

    init(_ header: CSVRecord, file: String) throws {
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        self.names = names
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() {
            let key = name.lowercased()
            guard index[key] == nil else {
                throw ImportError(file: file, line: header.line, column: i + 1, value: name, problem: "is a duplicate column")
            }
            index[key] = i
        }
        for name in Self.required where index[name.lowercased()] == nil {
            throw ImportError(file: file, line: header.line, field: name,
                              problem: "mandatory FOCUS column is missing from the header")
        }
        self.index = index
        identityColumns = names.indices.filter { !FocusCostIdentity.metricColumns.contains(names[$0].lowercased()) }
    }

    /// The column's position, when the file has it.
    func position(_ name: String) -> Int? { index[name.lowercased()] }
}
