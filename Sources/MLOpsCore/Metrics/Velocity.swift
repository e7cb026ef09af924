/// Deployment velocity, DORA-style, for production deployments of models.
public struct Velocity: Sendable, Codable, Hashable {
    /// Production deployments that went live (status not `failed`).
    public var deployments: MetricValue
    public var deploymentsPerWeek: MetricValue
    public var deploymentsPerDay: MetricValue
    /// Days in the window with at least one production deployment, and without.
    public var deployDays: Int
    public var daysWithoutDeployments: Int
    public var weeksWithoutDeployments: Int
    /// Producing run's end → production, in hours.
    public var leadTimeMedianHours: MetricValue
    public var leadTimeP90Hours: MetricValue
    /// First experiment run → first production deployment, for models first shipped in the window.
    public var ideaToProductionMedianDays: MetricValue
    public var changeFailureRate: MetricValue
    public var failedChanges: Int
    /// DORA 2023's fourth key: failed deployment → its rollback or the resolution of the
    /// incidents it caused (`Deployment.recoveryHours`), hours, for the window's failed
    /// changes recovered by `now`.
    public var failedDeploymentRecoveryMedianHours: MetricValue
    /// The window's failed changes not yet recovered at `now`.
    public var unrecoveredFailedChanges: Int
    /// Incident opened → resolved, hours, for every incident opened in the window and
    /// resolved since, whatever its kind: DORA 2021's "time to restore service" and the
    /// product view's incident restore time.
    public var timeToRestoreMedianHours: MetricValue
    public var unresolvedIncidents: Int
    public var bands: Bands
    /// The benchmark the bands come from; it also decides which recovery figure is the key.
    public var benchmark: DORABenchmark
    public var weeklyDeployments: [WeeklyPoint]
    public var weeklyLeadTimeHours: [WeeklyPoint]
    public var weeklyChangeFailureRate: [WeeklyPoint]

    public struct Bands: Sendable, Codable, Hashable {
        public var deploymentFrequency: DORABand?
        public var leadTime: DORABand?
        public var changeFailureRate: DORABand?
        /// Failed deployment recovery time, banded under DORA 2023.
        public var failedDeploymentRecovery: DORABand?
        /// All-incident time to restore, banded under DORA 2021 only.
        public var timeToRestore: DORABand?
    }
}

/// The measurements velocity needs from one window, before comparison.
struct VelocitySample {
    var production: [Deployment]
    var leadTimesHours: [Double]
    var ideaToProductionDays: [Double]
    var failed: [Deployment]
    var restoreHours: [Double]
    var recoveryHours: [Double]
    var unresolved: Int
    var deployDays: Set<Day>
    var weeks: Double
    var days: Int

    /// False when no deployment records exist at all: then counts are unknown, not zero.
    var hasData: Bool

    var perWeek: Double? { hasData && weeks > 0 ? Double(production.count) / weeks : nil }
    var count: Double? { hasData ? Double(production.count) : nil }
    var changeFailureRate: Double? { Statistics.ratio(failed.count, production.count) }
}

extension Velocity {
    /// Velocity for `window` and the one before it, from records (see `MetricsInput`).
    ///
    /// - Parameters:
    ///   - records: records covering both windows; runs referenced by deployments and
    ///     incidents opened up to `now` must be included, wherever they fall.
    ///   - history: each model's first experiment and first production deployment, ever.
    public static func compute(records: RecordSet, window: TimeWindow, previous: TimeWindow, now: Instant,
                               history: ModelHistory, benchmark: DORABenchmark = .dora2023) -> Velocity {
        var configuration = MetricsConfiguration()
        configuration.benchmark = benchmark
        let query = MetricsQuery(window: window, previous: previous, windowLabel: "", now: now, configuration: configuration)
        return compute(MetricsInput(records: records, history: history, query: query), query)
    }

    /// Velocity for the query's window and the one before it.
    public static func compute(_ input: MetricsInput, _ query: MetricsQuery) -> Velocity {
        let records = input.records, history = input.history
        let window = query.window, previous = query.previous, now = query.now, benchmark = query.configuration.benchmark
        let producingRuns = input.runs.producingRuns
        let incidentDeployments = Set(records.incidents.compactMap(\.deploymentId))
        // Each deployment's incidents, in their order: a recovery reads only its own, and
        // searching every incident for each failed change grew with their product.
        var incidentsByDeployment: [String: [Incident]] = [:]
        for i in records.incidents { if let d = i.deploymentId { incidentsByDeployment[d, default: []].append(i) } }
        func sample(_ w: TimeWindow) -> VelocitySample {
            let production = records.deployments.filter { $0.isProduction && $0.status != .failed && w.contains($0.deployedAt) }
            let leads = production.compactMap { $0.leadTimeHours(producingRunEnd: producingRuns[$0.id]?.endedAt) }
            let ideas = ideaToProductionDays(history, in: w)
            let failed = production.filter { $0.isFailedChange(causedIncident: incidentDeployments) }
            let recoveries = failed.compactMap { $0.recoveryHours(incidents: incidentsByDeployment[$0.id] ?? [], now: now) }
            let opened = records.incidents.filter { w.contains($0.openedAt) }
            let restores = opened.compactMap { i -> Double? in
                guard let r = i.resolvedAt, r < now else { return nil }
                return Double(i.openedAt.seconds(until: r)) / 3600
            }
            let days = w.days.filter { $0.start < now }
            return VelocitySample(production: production, leadTimesHours: leads, ideaToProductionDays: ideas, failed: failed,
                                  restoreHours: restores, recoveryHours: recoveries, unresolved: opened.count - restores.count,
                                  deployDays: Set(production.map(\.deployedAt.day)),
                                  weeks: Double(days.count) / 7, days: days.count, hasData: !records.deployments.isEmpty)
        }
        let c = sample(window), p = sample(previous)
        let workingDays = window.days.filter { $0.start < now && $0.weekdayFromMonday < 5 }.count
        let deployDayShare = Statistics.ratio(c.deployDays.filter { $0.weekdayFromMonday < 5 }.count, workingDays) ?? 0
        let weekly = window.weekly(c.production, at: \.deployedAt, empty: c.hasData ? 0 : nil) { Double($0.count) }
            .filter { max($0.weekStart.start, window.start) < now }
        let weeklyLead = window.weekly(c.production, at: \.deployedAt, empty: nil) { ds in
            Statistics.median(ds.compactMap { $0.leadTimeHours(producingRunEnd: producingRuns[$0.id]?.endedAt) })
        }.filter { max($0.weekStart.start, window.start) < now }
        let weeklyCFR = window.weekly(c.production, at: \.deployedAt, empty: nil) { ds in
            Statistics.ratio(ds.filter { $0.isFailedChange(causedIncident: incidentDeployments) }.count, ds.count)
        }.filter { max($0.weekStart.start, window.start) < now }

        let leadMedian = Statistics.median(c.leadTimesHours)
        let restoreMedian = Statistics.median(c.restoreHours)
        let recoveryMedian = Statistics.median(c.recoveryHours)
        return Velocity(
            deployments: MetricValue(c.count, previous: p.count, unit: .count, polarity: .higherIsBetter),
            deploymentsPerWeek: MetricValue(c.perWeek, previous: p.perWeek, unit: .perWeek, polarity: .higherIsBetter),
            deploymentsPerDay: MetricValue(c.perWeek.map { $0 / 7 }, previous: p.perWeek.map { $0 / 7 }, unit: .perDay, polarity: .higherIsBetter),
            deployDays: c.deployDays.count,
            daysWithoutDeployments: c.days - c.deployDays.count,
            weeksWithoutDeployments: weekly.filter { $0.value == 0 }.count,
            leadTimeMedianHours: MetricValue(leadMedian, previous: Statistics.median(p.leadTimesHours), unit: .hours, polarity: .lowerIsBetter),
            leadTimeP90Hours: MetricValue(Statistics.percentile(c.leadTimesHours, 0.9), previous: Statistics.percentile(p.leadTimesHours, 0.9),
                                          unit: .hours, polarity: .lowerIsBetter),
            ideaToProductionMedianDays: ideaToProductionMedian(c.ideaToProductionDays, previous: p.ideaToProductionDays),
            changeFailureRate: MetricValue(c.changeFailureRate, previous: p.changeFailureRate, unit: .ratio, polarity: .lowerIsBetter),
            failedChanges: c.failed.count,
            failedDeploymentRecoveryMedianHours: MetricValue(recoveryMedian, previous: Statistics.median(p.recoveryHours), unit: .hours,
                                                             polarity: .lowerIsBetter),
            unrecoveredFailedChanges: c.failed.count - c.recoveryHours.count,
            timeToRestoreMedianHours: MetricValue(restoreMedian, previous: Statistics.median(p.restoreHours), unit: .hours, polarity: .lowerIsBetter),
            unresolvedIncidents: c.unresolved,
            bands: Bands(
                deploymentFrequency: !c.hasData || c.days == 0 ? nil
                    : c.perWeek.map { benchmark.deploymentFrequencyBand(perWeek: $0, deployDayShare: deployDayShare) },
                leadTime: leadMedian.map(benchmark.leadTimeBand(hours:)),
                changeFailureRate: c.changeFailureRate.map(benchmark.changeFailureBand(rate:)),
                failedDeploymentRecovery: benchmark == .dora2023 ? recoveryMedian.map(benchmark.timeToRestoreBand(hours:)) : nil,
                timeToRestore: benchmark == .dora2021 ? restoreMedian.map(benchmark.timeToRestoreBand(hours:)) : nil),
            benchmark: benchmark,
            weeklyDeployments: weekly,
            weeklyLeadTimeHours: weeklyLead,
            weeklyChangeFailureRate: weeklyCFR)
    }
}
