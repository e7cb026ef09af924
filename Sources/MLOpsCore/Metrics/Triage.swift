/// The on-call engineer's page: what is broken now and what changed just before.
public struct Triage: Sendable, Codable, Hashable {
    /// Open incidents, worst severity first, newest first within a severity.
    public var openIncidents: [OpenIncident]
    /// Failed runs in the triage window, newest first.
    public var failedRuns: [Run]
    /// Production deployments in the change window (72 h by default), newest first.
    public var recentDeployments: [RecentDeployment]
    public var rollbacks: [Deployment]
    public var costAnomalies: [CostAnomaly]
    public var sloBreaches: [SLOBreach]
    /// For each recent production deployment, by id: the version that ran before it,
    /// the one a rollback returns to (the model's newest earlier production deployment
    /// that was not itself rolled back or failed). Missing: no earlier version known.
    public var rollbackTargets: [String: String] = [:]
    /// How far back failed runs and SLO breaches count, and a deployment is a recent
    /// change (`MetricsConfiguration.triageHours`, `.changeHours`): every view says these.
    public var windowHours: Double = 24
    public var changeHours: Double = 72

    public struct OpenIncident: Sendable, Codable, Hashable {
        public var incident: Incident
        public var ageHours: Double
        public var acknowledged: Bool
        /// Deployments of the same model in the change window before it opened.
        public var suspectDeployments: [String]
    }

    public struct RecentDeployment: Sendable, Codable, Hashable {
        public var deployment: Deployment
        /// Open incidents on the same model that this deployment preceded.
        public var suspectFor: [String]
        public var isSuspect: Bool { !suspectFor.isEmpty }
    }

    public struct SLOBreach: Sendable, Codable, Hashable {
        public var model: String
        public var day: Day
        public var measure: String
        public var measured: Double
        public var objective: Double
        /// The model's team, for routing.
        public var team: String = ""
    }
}

extension Triage {
    /// Triage at `now`.
    /// - Parameters:
    ///   - windowHours: how far back failed runs and breaches count (24 h by default).
    ///   - changeHours: how far back a deployment counts as a recent change (72 h).
    ///   - records: must include open incidents whenever opened, and costs for the 28 days before today.
    public static func compute(records: RecordSet, now: Instant, windowHours: Double = 24, changeHours: Double = 72,
                               anomalyK: Double = 3) -> Triage {
        var configuration = MetricsConfiguration()
        configuration.triageHours = windowHours
        configuration.changeHours = changeHours
        configuration.anomalyK = anomalyK
        let window = TimeWindow(start: now.day.start, end: now.day.advanced(by: 1).start)
        let query = MetricsQuery(window: window, previous: window, windowLabel: "", now: now, configuration: configuration)
        return compute(MetricsInput(records: records, history: ModelHistory(), query: query), query)
    }

    /// Triage at the query's `now`.
    public static func compute(_ input: MetricsInput, _ query: MetricsQuery) -> Triage {
        let records = input.records, now = query.now
        let windowHours = query.configuration.triageHours, changeHours = query.configuration.changeHours
        let anomalyK = query.configuration.anomalyK
        let since = now.adding(hours: -windowHours)
        let changeSince = now.adding(hours: -changeHours)
        let open = records.incidents.filter { $0.isOpen(at: now) }
        let recent = records.deployments.filter { $0.isProduction && $0.deployedAt >= changeSince && $0.deployedAt <= now }
            .sorted { ($0.deployedAt, $0.id) > ($1.deployedAt, $1.id) }

        func precedes(_ d: Deployment, _ i: Incident) -> Bool {
            d.model == i.model && d.deployedAt <= i.openedAt && d.deployedAt >= i.openedAt.adding(hours: -changeHours)
        }
        let productionByModel = Dictionary(grouping: records.deployments.filter(\.isProduction), by: \.model)
        let openIncidents = open.map { i in
            OpenIncident(incident: i, ageHours: Double(i.openedAt.seconds(until: now)) / 3600,
                         acknowledged: i.acknowledgedAt.map { $0 <= now } ?? false,
                         suspectDeployments: (i.model.flatMap { productionByModel[$0] } ?? []).filter { precedes($0, i) }.map(\.id))
        }.sorted { ($0.incident.severity, -$0.incident.openedAt.seconds) < ($1.incident.severity, -$1.incident.openedAt.seconds) }

        let failedRuns = input.runs.recentFailures

        let rollbacks = records.deployments.filter { d in (d.rolledBackAt.map { $0 >= changeSince && $0 <= now } ?? false) }
            .sorted { ($0.rolledBackAt!, $0.id) > ($1.rolledBackAt!, $1.id) }

        // Today's spend per team against its own last 28 days.
        let today = now.day
        var anomalies: [CostAnomaly] = []
        let scopes = Set(input.costs.daily.keys.compactMap(\.team)).sorted()
        for scope in scopes {
            // Charges only: a credit is a one-off, not a change in what the team runs.
            let daily = input.costs.dailyAmounts { $0.team == scope && !$0.credit }
            let history = (1...28).map { today.advanced(by: -$0) }.reversed().map { Finance.DailyAmount(day: $0, amount: daily[$0] ?? 0) }
            let values = history.map(\.amount)
            guard let median = Statistics.median(values), let mad = Statistics.medianAbsoluteDeviation(values), median > 0 else { continue }
            let threshold = median + anomalyK * max(1.4826 * mad, 0.05 * median)
            // Today's bill may still be partial, so it is compared as it stands: a day
            // that is already over the threshold is anomalous, whatever comes later.
            for day in [today.advanced(by: -1), today] {
                let amount = daily[day] ?? 0
                if amount > threshold {
                    anomalies.append(CostAnomaly(day: day, scope: scope, amount: amount, baselineMedian: median, threshold: threshold))
                }
            }
        }

        let modelsByName = Dictionary(records.models.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var breaches: [SLOBreach] = []
        for s in records.serving where s.date >= since.day && s.date <= today {
            guard let m = modelsByName[s.model] else { continue }
            if let slo = m.sloP95Ms, let p95 = s.p95Ms, p95 > slo {
                breaches.append(SLOBreach(model: s.model, day: s.date, measure: "p95 latency ms", measured: p95, objective: slo, team: m.team))
            }
            if let slo = m.sloAvailability, let down = s.downtimeMinutes, down > 0 {
                let minutes = s.date == today ? max(Double(today.start.seconds(until: now)) / 60, 1) : 1440
                let availability = 100 * (1 - min(down, minutes) / minutes)
                if availability < slo {
                    breaches.append(SLOBreach(model: s.model, day: s.date, measure: "availability %", measured: availability, objective: slo, team: m.team))
                }
            }
        }
        breaches.sort { ($0.day, $0.model, $0.measure) > ($1.day, $1.model, $1.measure) }

        // The version a rollback returns to: the model's newest production deployment
        // before this one that stayed up (not failed, not rolled back by `now`).
        var rollbackTargets: [String: String] = [:]
        for d in recent {
            let earlier = (productionByModel[d.model] ?? []).filter { e in
                e.id != d.id && (e.deployedAt, e.id) < (d.deployedAt, d.id) && e.status != .failed
                    && !(e.status == .rolledBack && (e.rolledBackAt.map { $0 <= now } ?? true))
            }
            if let previous = earlier.max(by: { ($0.deployedAt, $0.id) < ($1.deployedAt, $1.id) }) {
                rollbackTargets[d.id] = previous.version
            }
        }

        return Triage(
            openIncidents: openIncidents,
            failedRuns: failedRuns,
            recentDeployments: recent.map { d in RecentDeployment(deployment: d, suspectFor: open.filter { precedes(d, $0) }.map(\.id)) },
            rollbacks: rollbacks,
            costAnomalies: anomalies,
            sloBreaches: breaches,
            rollbackTargets: rollbackTargets,
            windowHours: windowHours,
            changeHours: changeHours)
    }
}
