public enum IncidentKind: String, CaseIterable, Hashable, Sendable, Codable {
    case outage, degradation, drift
    case dataQuality = "data_quality"
    case latency, cost

    /// Incidents raised by model monitoring rather than by users noticing.
    public var isMonitoringSignal: Bool { self == .drift || self == .dataQuality }
}

/// Something that went wrong in production; open while `resolvedAt` is nil.
public struct Incident: Hashable, Sendable, Codable {
    public var id: String
    public var team: String
    public var model: String?
    /// 1 is the worst, 4 the mildest.
    public var severity: Int
    public var kind: IncidentKind
    public var openedAt: Instant
    public var acknowledgedAt: Instant?
    public var resolvedAt: Instant?
    /// The deployment that caused it, when known.
    public var deploymentId: String?
    public var downtimeMinutes: Double?
    public var title: String

    public init(id: String, team: String, model: String? = nil, severity: Int, kind: IncidentKind,
                openedAt: Instant, acknowledgedAt: Instant? = nil, resolvedAt: Instant? = nil,
                deploymentId: String? = nil, downtimeMinutes: Double? = nil, title: String) {
        self.id = id
        self.team = team
        self.model = model
        self.severity = severity
        self.kind = kind
        self.openedAt = openedAt
        self.acknowledgedAt = acknowledgedAt
        self.resolvedAt = resolvedAt
        self.deploymentId = deploymentId
        self.downtimeMinutes = downtimeMinutes
        self.title = title
    }

    public var isOpen: Bool { resolvedAt == nil }

    /// Open at `instant`: opened before it and not yet resolved by then.
    public func isOpen(at instant: Instant) -> Bool {
        openedAt <= instant && (resolvedAt.map { $0 > instant } ?? true)
    }

    public var secondsToRestore: Int64? { resolvedAt.map { openedAt.seconds(until: $0) } }
}
