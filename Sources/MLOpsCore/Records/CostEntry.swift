public enum CostCategory: String, CaseIterable, Hashable, Sendable, Codable {
    case gpu, cpu, storage, serving, warehouse, saas, network, other
}

/// One day's charge for something the platform uses.
public struct CostEntry: Hashable, Sendable, Codable {
    public var id: String
    public var date: Day
    public var amount: Double
    public var currency: String
    public var category: CostCategory
    public var service: String?
    public var team: String?
    public var model: String?
    public var runId: String?
    public var resourceId: String?

    public init(id: String, date: Day, amount: Double, currency: String, category: CostCategory,
                service: String? = nil, team: String? = nil, model: String? = nil,
                runId: String? = nil, resourceId: String? = nil) {
        self.id = id
        self.date = date
        self.amount = amount
        self.currency = currency
        self.category = category
        self.service = service
        self.team = team
        self.model = model
        self.runId = runId
        self.resourceId = resourceId
    }
}
