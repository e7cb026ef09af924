/// Everything the dashboard, the summary and the report show for one window and subject,
/// computed once from records.
public struct PlatformSnapshot: Sendable, Codable, Hashable {
    public var window: TimeWindow
    public var previousWindow: TimeWindow
    public var windowLabel: String
    public var now: Instant
    public var filter: SubjectFilter
    public var velocity: Velocity
    public var maintenance: MaintenanceLoad
    public var maturity: MaturityOverview
    public var finance: Finance
    public var product: ProductHealth
    public var research: ResearchThroughput
    public var triage: Triage
    public var attention: [AttentionItem]
    /// Record kinds with nothing in the window: panels that need them show "no data".
    public var missingKinds: [RecordKind]
}

/// Something that needs a person today, most urgent first.
public struct AttentionItem: Sendable, Codable, Hashable {
    public enum Urgency: Int, Sendable, Codable, Hashable, Comparable {
        case critical = 0, warning = 1, notice = 2
        public static func < (a: Urgency, b: Urgency) -> Bool { a.rawValue < b.rawValue }
    }

    public var urgency: Urgency
    public var message: String
}

extension PlatformSnapshot {
    /// Computes every view's metrics.
    ///
    /// - Parameters:
    ///   - records: all records from the earliest of `previous.start`, the budget quarter's
    ///     start, the maturity history's first month and 28 days before `now`, up to `now`;
    ///     plus open incidents and runs referenced by deployments, wherever they fall.
    ///   - history: model milestones over all time.
    public static func compute(records all: RecordSet, history: ModelHistory, window: TimeWindow, previous: TimeWindow,
                               windowLabel: String, now: Instant, filter: SubjectFilter = .organisation,
                               configuration: MetricsConfiguration = MetricsConfiguration()) -> PlatformSnapshot {
        let records = all.filtered(filter)
        let subjectHistory = filter.isOrganisation ? history : history.filtered(Set(records.models.map(\.name)).union(records.runs.map(\.model)))
        let velocity = Velocity.compute(records: records, window: window, previous: previous, now: now, history: subjectHistory,
                                        benchmark: configuration.benchmark)
        let maintenance = MaintenanceLoad.compute(records: records, window: window, previous: previous, now: now,
                                                  hourlyRate: configuration.hourlyRate)
        let lastMonth = Month(containing: Instant(seconds: min(window.end.seconds, now.seconds) - 1).day)
        var months: [Month] = [lastMonth]
        while months.count < configuration.maturityHistoryMonths { months.insert(months[0].previous, at: 0) }
        let maturity = MaturityOverview.compute(records: records, window: window, thresholds: configuration.maturityThresholds,
                                                historyMonths: months, organisationName: filter.team ?? filter.model ?? "organisation")
        let finance = Finance.compute(records: records, window: window, previous: previous, now: now,
                                      budgetScope: filter.team, anomalyK: configuration.anomalyK)
        let product = ProductHealth.compute(records: records, window: window, previous: previous, now: now, velocity: velocity)
        let research = ResearchThroughput.compute(records: records, window: window, previous: previous, now: now, velocity: velocity)
        let triage = Triage.compute(records: records, now: now, windowHours: configuration.triageHours,
                                    changeHours: configuration.changeHours, anomalyK: configuration.anomalyK)

        var attention: [AttentionItem] = []
        for open in triage.openIncidents where open.incident.severity <= 2 {
            let ack = open.acknowledged ? "acknowledged" : "NOT acknowledged"
            attention.append(AttentionItem(urgency: open.incident.severity == 1 ? .critical : .warning,
                                           message: "Open sev-\(open.incident.severity) \(open.incident.model ?? open.incident.team): \(open.incident.title) (\(Format.hours(open.ageHours)) old, \(ack))"))
        }
        for status in finance.budgets + finance.teamBudgets where status.forecastOver {
            let scope = status.scope == Budget.organisationScope ? "Org" : status.scope
            let when = status.isOver ? "passed on \(status.runsOutOn.map { $0.iso8601 } ?? "?")" : "runs out \(status.runsOutOn.map { $0.iso8601 } ?? "?")"
            attention.append(AttentionItem(urgency: status.isOver ? .critical : .warning,
                                           message: "\(scope) \(status.period) budget: forecast \(Format.money(status.forecast)) of \(Format.money(status.budget)), \(when)"))
        }
        for team in maintenance.byTeam where team.overCap {
            attention.append(AttentionItem(urgency: .warning,
                                           message: "\(team.team) spends \(Format.percent(team.share)) of capacity on maintenance (cap 50%)"))
        }
        for d in triage.recentDeployments where d.isSuspect {
            attention.append(AttentionItem(urgency: .warning,
                                           message: "Deployment \(d.deployment.model) \(d.deployment.version) preceded open incident \(d.suspectFor.joined(separator: ", "))"))
        }
        if !triage.sloBreaches.isEmpty {
            let models = Set(triage.sloBreaches.map(\.model)).sorted()
            attention.append(AttentionItem(urgency: .notice, message: "SLO breaches in the last \(Int(configuration.triageHours)) h: \(models.joined(separator: ", "))"))
        }
        attention.sort { $0.urgency < $1.urgency }

        var missing: [RecordKind] = []
        if !records.runs.contains(where: { $0.timestamp.map(window.contains) ?? false }) { missing.append(.runs) }
        if !records.deployments.contains(where: { window.contains($0.deployedAt) }) { missing.append(.deployments) }
        if !records.incidents.contains(where: { window.contains($0.openedAt) }) { missing.append(.incidents) }
        if !records.maintenance.contains(where: { window.contains($0.date) }) { missing.append(.maintenance) }
        if !records.costs.contains(where: { window.contains($0.date) }) { missing.append(.costs) }
        if records.budgets.isEmpty { missing.append(.budgets) }
        if !records.serving.contains(where: { window.contains($0.date) }) { missing.append(.serving) }
        if records.teams.isEmpty { missing.append(.teams) }

        return PlatformSnapshot(window: window, previousWindow: previous, windowLabel: windowLabel, now: now, filter: filter,
                                velocity: velocity, maintenance: maintenance, maturity: maturity, finance: finance, product: product,
                                research: research, triage: triage, attention: attention, missingKinds: missing)
    }
}

extension PlatformSnapshot {
    /// The span of records `compute` needs for a window: the previous window, the budget
    /// quarter, the maturity history and the anomaly baseline, up to `now`.
    public static func requiredRange(window: TimeWindow, previous: TimeWindow, now: Instant,
                                     configuration: MetricsConfiguration = MetricsConfiguration()) -> TimeWindow {
        let reference = min(now.day, Instant(seconds: window.end.seconds - 1).day)
        var historyStart = Month(containing: reference)
        for _ in 1..<max(1, configuration.maturityHistoryMonths) { historyStart = historyStart.previous }
        let start = min(detailStart(window: window, previous: previous, now: now), historyStart.firstDay.start)
        let end = max(window.end, now.day.advanced(by: 1).start)
        return TimeWindow(start: start, end: end)
    }

    /// Where the part of `requiredRange` that needs every record begins. Before it only the
    /// maturity history reads records, and only training and pipeline runs (`Run.isTraining`), runs still running,
    /// deployments, incidents and serving stats: a store may leave out other runs, costs
    /// and maintenance there.
    public static func detailStart(window: TimeWindow, previous: TimeWindow, now: Instant) -> Instant {
        let reference = min(now.day, Instant(seconds: window.end.seconds - 1).day)
        return [previous.start, window.start, Quarter(containing: reference).firstDay.start, now.day.advanced(by: -29).start].min()!
    }
}
