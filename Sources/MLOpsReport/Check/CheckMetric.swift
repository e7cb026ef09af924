import MLOpsCore

/// A number a check rule can compare: every headline metric of `summary --json`, plus
/// counts of the things the dashboard's "Needs attention" list is made of.
///
/// Counts carry the items they counted, so a violation can say which incident or budget.
public struct CheckMetric: Sendable, Hashable {
    public var name: String
    public var unit: MetricUnit
    public var help: String
    let source: Source

    enum Source: Sendable, Hashable {
        case headline
        case deployments
        case daysWithoutDeployments
        case openIncidents(severity: Int, unacknowledgedOnly: Bool)
        case budgetsOver
        case budgetsForecastOver
        case teamsOverMaintenanceCap
        case suspectDeployments
        case sloBreaches
    }

    /// Every metric a rule may name, headline metrics first, in the order of `summary --json`.
    public static let all: [CheckMetric] = headline + counts

    public static func named(_ name: String) -> CheckMetric? { all.first { $0.name == name } }

    /// The headline metrics' names and units, read from `HeadlineMetric.all` so the two lists cannot drift.
    static let headline: [CheckMetric] = {
        let day = Day(iso8601: "2026-01-01")!
        let window = TimeWindow(start: day.start, end: day.advanced(by: 1).start)
        let empty = PlatformSnapshot.compute(records: RecordSet(), history: ModelHistory(), window: window, previous: window.previous,
                                             windowLabel: "", now: window.end)
        return HeadlineMetric.all(empty).map {
            CheckMetric(name: $0.id, unit: $0.value.unit, help: "\($0.title), as in summary --json", source: .headline)
        }
    }()

    static let counts: [CheckMetric] = [
        CheckMetric(name: "deployments", unit: .count, help: "Production deployments that went live in the window", source: .deployments),
        CheckMetric(name: "days_without_deployments", unit: .days, help: "Days in the window without a production deployment",
                    source: .daysWithoutDeployments),
        CheckMetric(name: "open_sev1_incidents", unit: .count, help: "Open severity-1 incidents",
                    source: .openIncidents(severity: 1, unacknowledgedOnly: false)),
        CheckMetric(name: "open_sev2_incidents", unit: .count, help: "Open severity-2 incidents",
                    source: .openIncidents(severity: 2, unacknowledgedOnly: false)),
        CheckMetric(name: "unacknowledged_sev1_incidents", unit: .count, help: "Open severity-1 incidents nobody acknowledged",
                    source: .openIncidents(severity: 1, unacknowledgedOnly: true)),
        CheckMetric(name: "unacknowledged_sev2_incidents", unit: .count, help: "Open severity-2 incidents nobody acknowledged",
                    source: .openIncidents(severity: 2, unacknowledgedOnly: true)),
        CheckMetric(name: "budgets_over", unit: .count, help: "Budgets already spent past their amount", source: .budgetsOver),
        CheckMetric(name: "budgets_forecast_over", unit: .count,
                    help: "Budgets not yet spent past their amount whose forecast is over it", source: .budgetsForecastOver),
        CheckMetric(name: "teams_over_maintenance_cap", unit: .count,
                    help: "Teams spending more than \(Format.percent(MaintenanceLoad.toilCap)) of capacity on maintenance",
                    source: .teamsOverMaintenanceCap),
        CheckMetric(name: "suspect_deployments", unit: .count,
                    help: "Recent deployments that preceded an open incident on their model", source: .suspectDeployments),
        CheckMetric(name: "slo_breaches", unit: .count, help: "Serving SLO breaches in the triage window", source: .sloBreaches),
    ]

    /// The metric's value for a snapshot (nil: no data) and, for counts, what was counted.
    public func measure(_ s: PlatformSnapshot) -> CheckMeasurement {
        switch source {
        case .headline:
            return CheckMeasurement(value: HeadlineMetric.all(s).first { $0.id == name }?.value.current)
        case .deployments:
            return CheckMeasurement(value: s.velocity.deployments.current)
        case .daysWithoutDeployments:
            return CheckMeasurement(value: s.velocity.deployments.current == nil ? nil : Double(s.velocity.daysWithoutDeployments))
        case .openIncidents(let severity, let unacknowledgedOnly):
            let open = s.triage.openIncidents.filter { $0.incident.severity == severity && !(unacknowledgedOnly && $0.acknowledged) }
            return CheckMeasurement(open.map { o in
                "sev-\(o.incident.severity) \(o.incident.model ?? o.incident.team): \(o.incident.title) "
                    + "(\(Format.hours(o.ageHours)) old, \(o.acknowledged ? "acknowledged" : "NOT acknowledged"))"
            })
        case .budgetsOver:
            return CheckMeasurement(budgets(s).filter(\.isOver).map { describe($0) })
        case .budgetsForecastOver:
            return CheckMeasurement(budgets(s).filter { $0.forecastOver && !$0.isOver }.map { describe($0) })
        case .teamsOverMaintenanceCap:
            return CheckMeasurement(s.maintenance.byTeam.filter(\.overCap).map { "\($0.team) \(Format.percent($0.share))" })
        case .suspectDeployments:
            return CheckMeasurement(s.triage.recentDeployments.filter(\.isSuspect).map {
                "\($0.deployment.model) \($0.deployment.version) before \($0.suspectFor.joined(separator: ", "))"
            })
        case .sloBreaches:
            return CheckMeasurement(s.triage.sloBreaches.map { "\($0.model) \($0.measure) on \($0.day)" })
        }
    }

    private func budgets(_ s: PlatformSnapshot) -> [BudgetStatus] { s.finance.budgets + s.finance.teamBudgets }

    private func describe(_ b: BudgetStatus) -> String {
        let scope = b.scope == Budget.organisationScope ? "org" : b.scope
        return "\(scope) \(b.period) budget: spent \(Format.money(b.spent)), forecast \(Format.money(b.forecast)) of \(Format.money(b.budget))"
    }
}

/// A metric's value for one subject, and the items behind a count.
public struct CheckMeasurement: Sendable, Hashable {
    public var value: Double?
    public var items: [String]

    public init(value: Double?, items: [String] = []) {
        self.value = value
        self.items = items
    }

    /// A count of `items`.
    init(_ items: [String]) { self.init(value: Double(items.count), items: items) }
}
