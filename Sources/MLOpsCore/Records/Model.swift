/// How a model's predictions reach users.
public enum ServingMode: String, CaseIterable, Hashable, Sendable, Codable {
    case online, batch
}

/// A model the platform trains and serves, with its service-level objectives.
public struct Model: Hashable, Sendable, Codable {
    public var name: String
    public var team: String
    public var serving: ServingMode
    public var sloP95Ms: Double?
    /// Availability objective in percent, e.g. 99.9.
    public var sloAvailability: Double?
    public var createdAt: Instant?

    public init(name: String, team: String, serving: ServingMode, sloP95Ms: Double? = nil,
                sloAvailability: Double? = nil, createdAt: Instant? = nil) {
        self.name = name
        self.team = team
        self.serving = serving
        self.sloP95Ms = sloP95Ms
        self.sloAvailability = sloAvailability
        self.createdAt = createdAt
    }
}
