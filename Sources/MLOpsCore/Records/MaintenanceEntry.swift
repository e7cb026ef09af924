public enum MaintenanceCategory: String, CaseIterable, Hashable, Sendable, Codable {
    case toil, incident, upgrade, migration
    case pipelineFix = "pipeline_fix"
    case support, other
}

/// Hours someone spent keeping things running instead of building.
public struct MaintenanceEntry: Hashable, Sendable, Codable {
    public var id: String
    public var team: String
    public var person: String?
    public var category: MaintenanceCategory
    /// The system the work was on; recurring systems are the pain points.
    public var system: String?
    public var hours: Double
    public var date: Day
    public var note: String?

    public init(id: String, team: String, person: String? = nil, category: MaintenanceCategory,
                system: String? = nil, hours: Double, date: Day, note: String? = nil) {
        self.id = id
        self.team = team
        self.person = person
        self.category = category
        self.system = system
        self.hours = hours
        self.date = date
        self.note = note
    }
}
