/// Every kind of record, as generated or loaded: the unit the sample writers emit.
public struct RecordSet: Sendable, Equatable {
    public var teams: [Team] = []
    public var models: [Model] = []
    public var runs: [Run] = []
    public var deployments: [Deployment] = []
    public var incidents: [Incident] = []
    public var maintenance: [MaintenanceEntry] = []
    public var costs: [CostEntry] = []
    public var budgets: [Budget] = []
    public var serving: [ServingDay] = []

    public init() {}

    public func count(of kind: RecordKind) -> Int {
        switch kind {
        case .teams: return teams.count
        case .models: return models.count
        case .runs: return runs.count
        case .deployments: return deployments.count
        case .incidents: return incidents.count
        case .maintenance: return maintenance.count
        case .costs: return costs.count
        case .budgets: return budgets.count
        case .serving: return serving.count
        }
    }
}
