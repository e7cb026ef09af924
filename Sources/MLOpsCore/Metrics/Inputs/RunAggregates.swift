/// A team and model pair: the finest subject runs are counted by. A run belongs to its
/// team's subject and to its model's.
public struct SubjectKey: Hashable, Sendable, Comparable {
    public var team: String
    public var model: String

    public init(team: String, model: String) {
        self.team = team
        self.model = model
    }

    public static func < (a: SubjectKey, b: SubjectKey) -> Bool { (a.team, a.model) < (b.team, b.model) }
}

/// Runs of one subject in one period, counted the way maturity and research read them.
public struct RunCounts: Hashable, Sendable {
    public var runs = 0
    /// Training and pipeline runs (`Run.isTraining`), and of those: run by an
    /// orchestrator, not started by hand, started by monitoring, and succeeded.
    public var training = 0
    public var orchestrated = 0
    public var automated = 0
    public var monitoringTriggered = 0
    public var succeededTraining = 0

    public init(runs: Int = 0, training: Int = 0, orchestrated: Int = 0, automated: Int = 0, monitoringTriggered: Int = 0,
                succeededTraining: Int = 0) {
        self.runs = runs
        self.training = training
        self.orchestrated = orchestrated
        self.automated = automated
        self.monitoringTriggered = monitoringTriggered
        self.succeededTraining = succeededTraining
    }

    public mutating func add(_ run: Run) {
        runs += 1
        guard run.isTraining else { return }
        training += 1
        if run.orchestrated { orchestrated += 1 }
        if run.trigger != .manual { automated += 1 }
        if run.trigger.isMonitoringTriggered { monitoringTriggered += 1 }
        if run.status == .succeeded { succeededTraining += 1 }
    }

    public static func + (a: RunCounts, b: RunCounts) -> RunCounts {
        RunCounts(runs: a.runs + b.runs, training: a.training + b.training, orchestrated: a.orchestrated + b.orchestrated,
                  automated: a.automated + b.automated, monitoringTriggered: a.monitoringTriggered + b.monitoringTriggered,
                  succeededTraining: a.succeededTraining + b.succeededTraining)
    }
}

/// A kind and status pair, the key research counts runs by.
public struct RunKindStatus: Hashable, Sendable {
    public var kind: RunKind
    public var status: RunStatus

    public init(_ kind: RunKind, _ status: RunStatus) {
        self.kind = kind
        self.status = status
    }
}

/// The runs placed in one window, as research reads them: counts, the exact
/// distributions its percentiles need, and GPU hours summed in millionths so the total
/// does not depend on the order rows arrive in.
public struct RunWindowStats: Hashable, Sendable {
    public var byKindStatus: [RunKindStatus: Int] = [:]
    /// Runs per Monday week, keyed by the week's first day (the window's only: trends are
    /// drawn for the window, not for the one it is compared with).
    public var weekly: [Day: Int] = [:]
    public var durationSeconds: [Int64] = []
    public var queueWaitSeconds: [Int64] = []
    public var gpuMicroHours: Int64 = 0
    /// Runs that reported GPU hours; none means "no data", not zero.
    public var gpuRuns = 0

    public init() {}

    public var count: Int { byKindStatus.values.reduce(0, +) }

    public mutating func add(_ run: Run) {
        byKindStatus[RunKindStatus(run.kind, run.status), default: 0] += 1
        if let t = run.timestamp { weekly[t.day.startOfWeek, default: 0] += 1 }
        if let d = run.durationSeconds { durationSeconds.append(d) }
        if let w = run.queueWaitSeconds { queueWaitSeconds.append(w) }
        if let g = run.gpuHours {
            gpuMicroHours += ExactHours.millionths(g)
            gpuRuns += 1
        }
    }

    /// Distributions in ascending order, so two sources of the same runs compare equal.
    /// Both windows' statistics as one, for runs counted in parts (by team, say).
    public static func + (a: RunWindowStats, b: RunWindowStats) -> RunWindowStats {
        var sum = a
        sum.byKindStatus.merge(b.byKindStatus, uniquingKeysWith: +)
        sum.weekly.merge(b.weekly, uniquingKeysWith: +)
        sum.durationSeconds += b.durationSeconds
        sum.queueWaitSeconds += b.queueWaitSeconds
        sum.gpuMicroHours += b.gpuMicroHours
        sum.gpuRuns += b.gpuRuns
        sum.normalise()
        return sum
    }

    public mutating func normalise() {
        durationSeconds.sort()
        queueWaitSeconds.sort()
    }

}

/// The producing run of a deployment, joined where the data lives.
public struct ProducingRun: Hashable, Sendable {
    public var endedAt: Instant?
    public var registered: Bool

    public init(endedAt: Instant?, registered: Bool) {
        self.endedAt = endedAt
        self.registered = registered
    }
}

/// What every metric reads of runs: per-subject counts for the window and each counted
/// month, the window's and previous window's research statistics, and the few runs
/// triage lists one by one.
public struct RunAggregates: Hashable, Sendable {
    public var current = RunWindowStats()
    public var previous = RunWindowStats()
    /// Runs placed in the window, by team and model.
    public var window: [SubjectKey: RunCounts] = [:]
    /// Runs placed in each of `MetricsQuery.countedMonths`, by team and model.
    public var monthly: [Month: [SubjectKey: RunCounts]] = [:]
    /// Runs still running, placed in the range up to now.
    public var running = 0
    /// Failed runs that ended (or were placed) in the triage window, newest first.
    public var recentFailures: [Run] = []
    /// Models with a run placed anywhere in the range.
    public var models: Set<String> = []
    /// Each production deployment's producing run, where it belongs to the subject: lead
    /// times and registration are measured on production deployments only.
    public var producingRuns: [String: ProducingRun] = [:]

    public init() {}
}
