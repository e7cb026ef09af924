/// One day of a model's serving statistics.
public struct ServingDay: Hashable, Sendable, Codable {
    public var model: String
    public var date: Day
    public var requests: Int
    public var errors: Int
    public var p50Ms: Double?
    public var p95Ms: Double?
    public var downtimeMinutes: Double?

    public init(model: String, date: Day, requests: Int, errors: Int, p50Ms: Double? = nil,
                p95Ms: Double? = nil, downtimeMinutes: Double? = nil) {
        self.model = model
        self.date = date
        self.requests = requests
        self.errors = errors
        self.p50Ms = p50Ms
        self.p95Ms = p95Ms
        self.downtimeMinutes = downtimeMinutes
    }
}
