import Dispatch
import Synchronization

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

    /// What it is about, the order kinds are listed in within an urgency, and the group a
    /// long list is capped by ("and 14 more suspect deployments").
    public enum Kind: Int, Sendable, Codable, Hashable, Comparable, CaseIterable {
        case incident, budget, maintenanceCap, suspectDeployment, sloBreaches
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }

        /// "3 more suspect deployments".
        public func more(_ n: Int) -> String {
            let (one, many): (String, String) = switch self {
            case .incident: ("open incident", "open incidents")
            case .budget: ("budget", "budgets")
            case .maintenanceCap: ("team over the maintenance cap", "teams over the maintenance cap")
            case .suspectDeployment: ("suspect deployment", "suspect deployments")
            case .sloBreaches: ("SLO breach", "SLO breaches")
            }
            return "and \(n) more \(n == 1 ? one : many)"
        }
    }

    public var urgency: Urgency
    public var message: String
    public var kind: Kind = .incident
    /// The full list behind a message that summarises many (each model's SLO breach, worst first).
    public var details: [String] = []
    /// The message where room is short (the Overview, `summary` text): the first few of a long
    /// list and how many more. Nil: the message itself. `summary --json` keeps the full message.
    public var short: String? = nil

    /// What a list shows: `short`, else the message.
    public var listed: String { short ?? message }
}

extension AttentionItem {
    /// A list as shown where room is short: grouped by kind in the list's order, at most
    /// `perKind` of each, with how many of that kind were left out.
    public struct Group: Sendable, Hashable {
        public var kind: Kind
        public var shown: [AttentionItem]
        public var all: [AttentionItem]
        public var hidden: Int { all.count - shown.count }
        /// "and 14 more suspect deployments", or nil when nothing was left out.
        public var moreLine: String? { hidden > 0 ? kind.more(hidden) : nil }
    }

    public static func grouped(_ items: [AttentionItem], perKind: Int) -> [Group] {
        var groups: [Group] = []
        for item in items {
            if let i = groups.firstIndex(where: { $0.kind == item.kind && $0.all.first?.urgency == item.urgency }) {
                groups[i].all.append(item)
                if groups[i].shown.count < perKind { groups[i].shown.append(item) }
            } else {
                groups.append(Group(kind: item.kind, shown: perKind > 0 ? [item] : [], all: [item]))
            }
        }
        return groups
    }
}

extension PlatformSnapshot {
    /// Computes every view's metrics from records in memory (see `MetricsInput`).
    ///
    /// - Parameters:
    ///   - records: all records from the earliest of `previous.start`, the budget quarter's
    ///     start, the maturity history's first month and 28 days before `now`, up to `now`;
    ///     plus open incidents and runs referenced by deployments, wherever they fall.
    ///   - history: model milestones over all time.
    public static func compute(records all: RecordSet, history: ModelHistory, window: TimeWindow, previous: TimeWindow,
                               windowLabel: String, now: Instant, filter: SubjectFilter = .organisation,
                               configuration: MetricsConfiguration = MetricsConfiguration()) -> PlatformSnapshot {
        let query = MetricsQuery(window: window, previous: previous, windowLabel: windowLabel, now: now, filter: filter,
                                 configuration: configuration)
        return compute(MetricsInput(records: all, history: history, query: query), query)
    }

    /// Every view's metrics for a query, from whichever source computed its input.
    public static func compute(source: MetricsSource, query: MetricsQuery) throws -> PlatformSnapshot {
        compute(try source.input(for: query), query)
    }

    /// Computes every view's metrics from the query's input.
    public static func compute(_ input: MetricsInput, _ query: MetricsQuery) -> PlatformSnapshot {
        compute(input, query, parts: .all)
    }

    /// Computes the families whose parts (`MetricsParts.velocityParts` …) are all in `parts`
    /// from an input that read only those; every other family is that of an empty input,
    /// and record kinds are reported missing only where a part read was there to tell.
    /// A family computed is equal to the one the whole input gives.
    ///
    /// With `earlier`, a snapshot of the same query computed from the parts it names, the
    /// families those parts sufficed for are taken from it rather than computed again: a
    /// load's second stage completes its first.
    public static func compute(_ input: MetricsInput, _ query: MetricsQuery, parts: MetricsParts,
                               earlier: (snapshot: PlatformSnapshot, parts: MetricsParts)? = nil) -> PlatformSnapshot {
        @Sendable func given(_ needed: MetricsParts) -> MetricsInput { parts.isSuperset(of: needed) ? input : .empty }
        /// The earlier snapshot, when its parts sufficed for a family that reads `needed`.
        @Sendable func known(_ needed: MetricsParts) -> PlatformSnapshot? {
            earlier.flatMap { $0.parts.isSuperset(of: needed) && parts.isSuperset(of: needed) ? $0.snapshot : nil }
        }
        let records = input.records, configuration = query.configuration, filter = query.filter
        let window = query.window, previous = query.previous, now = query.now, windowLabel = query.windowLabel
        // The families share two cores, the longest first: maturity (every team and model,
        // each month) on one, velocity and then product (which reads velocity's figures) on
        // the other; then a core that is free takes the next.
        let maturityResult = Mutex<MaturityOverview?>(nil), velocityResult = Mutex<Velocity?>(nil)
        let productResult = Mutex<ProductHealth?>(nil), financeResult = Mutex<Finance?>(nil)
        let researchResult = Mutex<ResearchThroughput?>(nil), triageResult = Mutex<Triage?>(nil)
        let maintenanceResult = Mutex<MaintenanceLoad?>(nil)
        let jobCount = 6, nextJob = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            while let job = nextJob.withLock({ next -> Int? in
                guard next < jobCount else { return nil }
                next += 1
                return next - 1
            }) {
                switch job {
                case 0:
                    let m = known(.maturityParts)?.maturity
                        ?? MaturityOverview.compute(given(.maturityParts), window: window, thresholds: configuration.maturityThresholds,
                                                    historyMonths: query.historyMonths, organisationName: filter.team ?? filter.model ?? "organisation")
                    maturityResult.withLock { $0 = m }
                case 1:
                    let v = known(.velocityParts)?.velocity ?? Velocity.compute(given(.velocityParts), query)
                    velocityResult.withLock { $0 = v }
                    let p = known(.productParts)?.product ?? ProductHealth.compute(given(.productParts), query, velocity: v)
                    productResult.withLock { $0 = p }
                case 2:
                    var f = known(.financeParts)?.finance ?? Finance.compute(given(.financeParts), query)
                    // Maintenance's cost is shown in finance's currency, which the daily costs' read knows too.
                    if parts.contains(.dailyCosts) { f.currency = Finance.shownCurrency(input) }
                    financeResult.withLock { $0 = f }
                case 3:
                    let r = known(.researchParts)?.research ?? ResearchThroughput.compute(given(.researchParts), query)
                    researchResult.withLock { $0 = r }
                case 4:
                    let t = known(.triageParts)?.triage ?? Triage.compute(given(.triageParts), query)
                    triageResult.withLock { $0 = t }
                default:
                    let l = known(.maintenanceParts)?.maintenance ?? MaintenanceLoad.compute(given(.maintenanceParts), query)
                    maintenanceResult.withLock { $0 = l }
                }
            }
        }
        let maturity = maturityResult.withLock { $0! }, velocity = velocityResult.withLock { $0! }
        let product = productResult.withLock { $0! }, finance = financeResult.withLock { $0! }
        let research = researchResult.withLock { $0! }, triage = triageResult.withLock { $0! }
        let maintenance = maintenanceResult.withLock { $0! }

        var attention: [AttentionItem] = []
        for open in triage.openIncidents where open.incident.severity <= 2 {
            let ack = open.acknowledged ? "acknowledged" : "NOT acknowledged"
            attention.append(AttentionItem(urgency: open.incident.severity == 1 ? .critical : .warning,
                                           message: "Open sev-\(open.incident.severity) \(open.incident.model ?? open.incident.team): \(open.incident.title) (\(Format.hours(open.ageHours)) old, \(ack))",
                                           kind: .incident))
        }
        for status in finance.budgets + finance.teamBudgets where status.forecastOver {
            let scope = status.scope == Budget.organisationScope ? "Org" : status.scope
            let when = status.isOver ? "passed on \(status.runsOutOn.map { $0.iso8601 } ?? "?")" : "runs out \(status.runsOutOn.map { $0.iso8601 } ?? "?")"
            attention.append(AttentionItem(urgency: status.isOver ? .critical : .warning,
                                           message: "\(scope) \(status.period) budget: forecast \(Format.money(status.forecast)) of \(Format.money(status.budget)), \(when)",
                                           kind: .budget))
        }
        for team in maintenance.byTeam where team.overCap {
            attention.append(AttentionItem(urgency: .warning,
                                           message: "\(team.team) spends \(Format.percent(team.share)) of capacity on maintenance (cap \(Format.percent(team.cap)))", kind: .maintenanceCap))
        }
        for d in triage.recentDeployments where d.isSuspect {
            attention.append(AttentionItem(urgency: .warning,
                                           message: "Deployment \(d.deployment.model) \(d.deployment.version) preceded open incident \(d.suspectFor.joined(separator: ", "))",
                                           kind: .suspectDeployment,
                                           short: triage.rollbackTargets[d.deployment.id].map {
                                               "Deployment \(d.deployment.model) \(d.deployment.version) preceded open incident \(d.suspectFor.joined(separator: ", ")); roll back to \($0)"
                                           }))
        }
        if !triage.sloBreaches.isEmpty {
            // One line however many models: the worst few by name, every one in `details`.
            var models: [String] = [], details: [String] = []
            for item in triage.ranked(now: now) {
                guard case .sloBreach(let b, _) = item.subject else { continue }
                if !models.contains(b.model) { models.append(b.model) }
                let unit = b.measure.hasPrefix("availability") ? "%" : " ms"
                details.append("\(b.model): \(b.measure.hasPrefix("availability") ? "availability" : "p95") \(Format.compact(b.measured))\(unit) against \(Format.compact(b.objective))\(unit) on \(b.day)")
            }
            let named = models.prefix(3).joined(separator: ", ") + (models.count > 3 ? " and \(models.count - 3) more" : "")
            let span = "SLO breaches in the last \(Int(configuration.triageHours)) h"
            attention.append(AttentionItem(urgency: .notice, message: "\(span): \(models.sorted().joined(separator: ", "))",
                                           kind: .sloBreaches, details: details,
                                           short: models.count > 3 ? "\(span) on \(models.count) models: \(named)" : nil))
        }
        // Most urgent first; within an urgency, by kind, each kind's items in the order found.
        attention = attention.enumerated().sorted { a, b in
            (a.element.urgency, a.element.kind, a.offset) < (b.element.urgency, b.element.kind, b.offset)
        }.map(\.element)

        var missing: [RecordKind] = []
        if input.windowHas(.runs, in: parts, window: window) == false { missing.append(.runs) }
        if parts.contains(.records), !records.deployments.contains(where: { window.contains($0.deployedAt) }) { missing.append(.deployments) }
        if parts.contains(.records), !records.incidents.contains(where: { window.contains($0.openedAt) }) { missing.append(.incidents) }
        if input.windowHas(.maintenance, in: parts, window: window) == false { missing.append(.maintenance) }
        if input.windowHas(.costs, in: parts, window: window) == false { missing.append(.costs) }
        if records.budgets.isEmpty { missing.append(.budgets) }
        if parts.contains(.records), !records.serving.contains(where: { window.contains($0.date) }) { missing.append(.serving) }
        if records.teams.isEmpty { missing.append(.teams) }

        return PlatformSnapshot(window: window, previousWindow: previous, windowLabel: windowLabel, now: now, filter: filter,
                                velocity: velocity, maintenance: maintenance, maturity: maturity, finance: finance, product: product,
                                research: research, triage: triage, attention: attention, missingKinds: missing)
    }
}

extension PlatformSnapshot {
    /// The span of records `compute` needs for a window: the previous window, the budget
    /// quarter, the maturity history and the anomaly baseline, up to `now`.
    ///
    /// It ends at `now`, exclusive: the metrics see the store as it looked then, so a
    /// record stamped at or after `now` is not counted, whatever window is asked for
    /// (docs/METRICS.md, "The store as of now").
    public static func requiredRange(window: TimeWindow, previous: TimeWindow, now: Instant,
                                     configuration: MetricsConfiguration = MetricsConfiguration()) -> TimeWindow {
        let reference = min(now.day, Instant(seconds: window.end.seconds - 1).day)
        var historyStart = Month(containing: reference)
        for _ in 1..<max(1, configuration.maturityHistoryMonths) { historyStart = historyStart.previous }
        let start = min(detailStart(window: window, previous: previous, now: now, configuration: configuration), historyStart.firstDay.start)
        return TimeWindow(start: min(start, now), end: now)
    }

    /// The days up to today that every load reads in full, whatever the window: triage's
    /// cost-anomaly baseline (28 days and today) and the drill-downs into what happened lately.
    public static let recentDays = 30

    /// The first of the `recentDays` that end with `now`'s day.
    public static func recentStart(now: Instant) -> Day { now.day.advanced(by: 1 - recentDays) }

    /// Where the part of `requiredRange` that needs every record begins. Before it only the
    /// maturity history reads records, and only training and pipeline runs (`Run.isTraining`), runs still running,
    /// deployments, incidents and serving stats: a store may leave out other runs, costs
    /// and maintenance there, and only maturity reads serving stats there
    /// (`MetricsParts.servingHistory`), so triage's lookback starts here at the latest.
    public static func detailStart(window: TimeWindow, previous: TimeWindow, now: Instant,
                                   configuration: MetricsConfiguration = MetricsConfiguration()) -> Instant {
        let reference = min(now.day, Instant(seconds: window.end.seconds - 1).day)
        return [previous.start, window.start, Quarter(containing: reference).firstDay.start, recentStart(now: now).start,
                now.adding(hours: -configuration.triageHours)].min()!
    }
}
