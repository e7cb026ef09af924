/// What product cares about: are models up, fast and correct, and how risky changes are.
public struct ProductHealth: Sendable, Codable, Hashable {
    public var models: [ModelService]
    /// Downtime-weighted availability across online models, in percent.
    public var availability: MetricValue
    public var errorRate: MetricValue
    public var incidentsBySeverity: [SeverityCount]
    public var openIncidents: Int
    public var timeToRestoreMedianHours: MetricValue
    public var productionDeployments: MetricValue
    public var changeFailureRate: MetricValue
    /// Recent production deployments with what made them risky, newest first.
    public var riskyDeployments: [RiskyDeployment]

    public struct ModelService: Sendable, Codable, Hashable {
        public var model: String
        public var team: String
        public var serving: ServingMode
        /// Percent of the window's minutes the model was up; nil without serving stats or incidents.
        public var availability: Double?
        public var sloAvailability: Double?
        public var p95MedianMs: Double?
        public var p95WorstMs: Double?
        public var sloP95Ms: Double?
        /// Days whose p95 was above the objective.
        public var latencyBreachDays: Int
        public var errorRate: Double?
        public var requests: Int
        public var incidents: Int
        public var meetsAvailability: Bool? {
            guard let a = availability, let s = sloAvailability else { return nil }
            return a >= s
        }
        public var meetsLatency: Bool? {
            guard let p = p95MedianMs, let s = sloP95Ms else { return nil }
            return p <= s
        }
    }

    public struct SeverityCount: Sendable, Codable, Hashable {
        public var severity: Int
        public var count: Int
        public var previousCount: Int
        public var open: Int
    }

    public struct RiskyDeployment: Sendable, Codable, Hashable {
        public var deployment: Deployment
        public var reasons: [String]
    }
}

extension ProductHealth {
    public static func compute(records: RecordSet, window: TimeWindow, previous: TimeWindow, now: Instant,
                               velocity: Velocity) -> ProductHealth {
        let query = MetricsQuery(window: window, previous: previous, windowLabel: "", now: now)
        return compute(MetricsInput(records: records, history: ModelHistory(), query: query), query, velocity: velocity)
    }

    public static func compute(_ input: MetricsInput, _ query: MetricsQuery, velocity: Velocity) -> ProductHealth {
        let records = input.records, window = query.window, previous = query.previous, now = query.now
        let elapsedDays = window.days.filter { $0.start < now }
        let incidents = records.incidents.filter { window.contains($0.openedAt) }
        // Grouped once, in record order (so sums add in the same order), rather than a pass
        // over every serving day for each of hundreds of models.
        let servingByModel = Dictionary(grouping: records.serving.filter { window.contains($0.date) }, by: \.model)
        let incidentsByModel = Dictionary(grouping: incidents.filter { $0.model != nil }, by: { $0.model! })
        let models = records.models.sorted { ($0.team, $0.name) < ($1.team, $1.name) }.map { m -> ModelService in
            let days = servingByModel[m.name] ?? []
            let own = incidentsByModel[m.name] ?? []
            let availability: Double?
            if !days.isEmpty {
                let down = days.reduce(0) { $0 + ($1.downtimeMinutes ?? 0) }
                availability = 100 * (1 - down / (Double(days.count) * 1440))
            } else if !own.isEmpty, !elapsedDays.isEmpty {
                let down = own.reduce(0) { $0 + ($1.downtimeMinutes ?? 0) }
                availability = 100 * (1 - down / (Double(elapsedDays.count) * 1440))
            } else {
                availability = nil
            }
            let p95s = days.compactMap(\.p95Ms)
            let requests = days.reduce(0) { $0 + $1.requests }
            let errors = days.reduce(0) { $0 + $1.errors }
            return ModelService(model: m.name, team: m.team, serving: m.serving, availability: availability,
                                sloAvailability: m.sloAvailability, p95MedianMs: Statistics.median(p95s), p95WorstMs: p95s.max(),
                                sloP95Ms: m.sloP95Ms, latencyBreachDays: m.sloP95Ms.map { slo in p95s.filter { $0 > slo }.count } ?? 0,
                                errorRate: requests > 0 ? Double(errors) / Double(requests) : nil, requests: requests, incidents: own.count)
        }

        func overall(_ w: TimeWindow) -> (availability: Double?, errorRate: Double?) {
            let online = Set(records.models.filter { $0.serving == .online }.map(\.name))
            let days = records.serving.filter { w.contains($0.date) }
            let onlineDays = days.filter { online.contains($0.model) }
            let down = onlineDays.reduce(0) { $0 + ($1.downtimeMinutes ?? 0) }
            let requests = days.reduce(0) { $0 + $1.requests }
            let errors = days.reduce(0) { $0 + $1.errors }
            return (onlineDays.isEmpty ? nil : 100 * (1 - down / (Double(onlineDays.count) * 1440)),
                    requests > 0 ? Double(errors) / Double(requests) : nil)
        }
        let (a, e) = overall(window), (ap, ep) = overall(previous)

        let severities = (1...4).map { s in
            SeverityCount(severity: s, count: incidents.filter { $0.severity == s }.count,
                          previousCount: records.incidents.filter { previous.contains($0.openedAt) && $0.severity == s }.count,
                          open: records.incidents.filter { $0.severity == s && $0.isOpen(at: now) }.count)
        }

        return ProductHealth(
            models: models,
            availability: MetricValue(a, previous: ap, unit: .percent, polarity: .higherIsBetter),
            errorRate: MetricValue(e, previous: ep, unit: .ratio, polarity: .lowerIsBetter),
            incidentsBySeverity: severities,
            openIncidents: records.incidents.filter { $0.isOpen(at: now) }.count,
            timeToRestoreMedianHours: velocity.timeToRestoreMedianHours,
            productionDeployments: velocity.deployments,
            changeFailureRate: velocity.changeFailureRate,
            riskyDeployments: riskyDeployments(records, producingRuns: input.runs.producingRuns, window: window, now: now))
    }

    /// Production deployments in the window that carried risk, newest first (at most 12).
    static func riskyDeployments(_ records: RecordSet, producingRuns: [String: ProducingRun], window: TimeWindow,
                                 now: Instant) -> [RiskyDeployment] {
        let incidentByDeployment = Dictionary(grouping: records.incidents.compactMap { i in i.deploymentId.map { ($0, i) } }, by: \.0)
        return records.deployments
            .filter { $0.isProduction && window.contains($0.deployedAt) && $0.deployedAt <= now }
            .sorted { ($0.deployedAt, $0.id) > ($1.deployedAt, $1.id) }
            .compactMap { d -> RiskyDeployment? in
                var reasons: [String] = []
                if d.isRolledBack { reasons.append("rolled back") }
                if let linked = incidentByDeployment[d.id] { reasons.append("caused \(linked.count == 1 ? "an incident" : "\(linked.count) incidents")") }
                if d.status == .failed { reasons.append("failed") }
                if d.method == .manual { reasons.append("manual") }
                if d.runId == nil { reasons.append("no producing run") } else if producingRuns[d.id]?.registered == false { reasons.append("unregistered run") }
                if d.deployedAt.day.weekdayFromMonday >= 5 { reasons.append("weekend") }
                return reasons.isEmpty ? nil : RiskyDeployment(deployment: d, reasons: reasons)
            }
            .prefix(12).map { $0 }
    }
}
