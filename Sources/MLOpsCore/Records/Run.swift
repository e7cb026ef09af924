public enum RunKind: String, CaseIterable, Hashable, Sendable, Codable {
    case experiment, training, pipeline
    case batchInference = "batch_inference"
    case evaluation
}

public enum RunStatus: String, CaseIterable, Hashable, Sendable, Codable {
    case succeeded, failed, cancelled, running
}

/// What started a run. `drift` and `data` are monitoring-triggered retrains.
public enum RunTrigger: String, CaseIterable, Hashable, Sendable, Codable {
    case manual, schedule, pipeline, ci, drift, data

    public var isMonitoringTriggered: Bool { self == .drift || self == .data }
}

/// One execution of an experiment, training job, pipeline or batch job.
public struct Run: Hashable, Sendable, Codable {
    public var id: String
    public var model: String
    public var team: String
    public var kind: RunKind
    public var status: RunStatus
    public var trigger: RunTrigger
    /// Ran inside a pipeline or orchestrator, not by hand.
    public var orchestrated: Bool
    /// Produced a registered model version.
    public var registered: Bool
    public var queuedAt: Instant?
    public var startedAt: Instant?
    public var endedAt: Instant?
    public var gpuHours: Double?
    public var user: String?
    public var error: String?

    public init(id: String, model: String, team: String, kind: RunKind, status: RunStatus,
                trigger: RunTrigger, orchestrated: Bool = false, registered: Bool = false,
                queuedAt: Instant? = nil, startedAt: Instant? = nil, endedAt: Instant? = nil,
                gpuHours: Double? = nil, user: String? = nil, error: String? = nil) {
        self.id = id
        self.model = model
        self.team = team
        self.kind = kind
        self.status = status
        self.trigger = trigger
        self.orchestrated = orchestrated
        self.registered = registered
        self.queuedAt = queuedAt
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.gpuHours = gpuHours
        self.user = user
        self.error = error
    }

    /// When the run is placed in time: its start, else its queueing, else its end.
    public var timestamp: Instant? { startedAt ?? queuedAt ?? endedAt }

    public var durationSeconds: Int64? {
        guard let s = startedAt, let e = endedAt else { return nil }
        return s.seconds(until: e)
    }

    public var queueWaitSeconds: Int64? {
        guard let q = queuedAt, let s = startedAt else { return nil }
        return q.seconds(until: s)
    }

    /// Training in the maturity sense: the runs that produce or refresh a model.
    public var isTraining: Bool { kind == .training || kind == .pipeline }
}
