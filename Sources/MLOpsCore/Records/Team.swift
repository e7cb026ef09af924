/// A team and its capacity: the people who build on, and the people who run, the platform.
public struct Team: Hashable, Sendable, Codable {
    public var name: String
    public var mlEngineers: Int
    public var platformEngineers: Int
    /// Working hours per person per week; capacity is people × this × weeks.
    public var hoursPerWeek: Double

    public init(name: String, mlEngineers: Int, platformEngineers: Int, hoursPerWeek: Double = 40) {
        self.name = name
        self.mlEngineers = mlEngineers
        self.platformEngineers = platformEngineers
        self.hoursPerWeek = hoursPerWeek
    }

    public var people: Int { mlEngineers + platformEngineers }
}
