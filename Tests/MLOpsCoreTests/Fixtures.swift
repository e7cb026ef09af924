@testable import MLOpsCore

/// Shorthand for hand-written test records.
func t(_ text: String) -> Instant { Instant(iso8601: text)! }
func d(_ text: String) -> Day { Day(iso8601: text)! }

/// Compares doubles to the precision a hand calculation carries.
func close(_ a: Double?, _ b: Double?, _ tolerance: Double = 1e-6) -> Bool {
    switch (a, b) {
    case (nil, nil): return true
    case let (x?, y?): return abs(x - y) <= tolerance
    default: return false
    }
}

/// Two weeks, Monday 2026-10-05 to Sunday 2026-10-18, and the two weeks before.
let window = TimeWindow(start: t("2026-10-05T00:00:00Z"), end: t("2026-10-19T00:00:00Z"))
let previous = window.previous
let now = t("2026-10-19T01:00:00Z")

func run(_ id: String, _ model: String, _ kind: RunKind = .training, _ status: RunStatus = .succeeded,
         trigger: RunTrigger = .manual, orchestrated: Bool = false, registered: Bool = false,
         queued: String? = nil, start: String, end: String? = nil, gpu: Double? = nil, team: String = "t1") -> Run {
    Run(id: id, model: model, team: team, kind: kind, status: status, trigger: trigger, orchestrated: orchestrated,
        registered: registered, queuedAt: queued.map(t), startedAt: t(start), endedAt: end.map(t), gpuHours: gpu)
}

func deploy(_ id: String, _ model: String, _ at: String, run: String? = nil, env: DeploymentEnvironment = .production,
            status: DeploymentStatus = .succeeded, method: DeploymentMethod = .manual, rolledBack: String? = nil,
            team: String = "t1") -> Deployment {
    Deployment(id: id, model: model, team: team, version: id, environment: env, deployedAt: t(at), method: method,
               runId: run, status: status, rolledBackAt: rolledBack.map(t))
}

func incident(_ id: String, _ opened: String, resolved: String? = nil, deployment: String? = nil, model: String? = "m1",
              severity: Int = 3, kind: IncidentKind = .degradation, acknowledged: String? = nil, downtime: Double? = nil) -> Incident {
    Incident(id: id, team: "t1", model: model, severity: severity, kind: kind, openedAt: t(opened),
             acknowledgedAt: acknowledged.map(t), resolvedAt: resolved.map(t), deploymentId: deployment,
             downtimeMinutes: downtime, title: id)
}
