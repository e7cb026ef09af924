/// What researchers care about: how fast they can try ideas.
public struct ResearchThroughput: Sendable, Codable, Hashable {
    public var runs: MetricValue
    public var runsPerWeek: MetricValue
    public var byKind: [KindCount]
    public var weeklyRuns: [WeeklyPoint]
    /// Succeeded ÷ finished (succeeded + failed + cancelled); running runs are not yet an outcome.
    public var successRate: MetricValue
    public var durationMedianHours: MetricValue
    public var durationP90Hours: MetricValue
    public var queueWaitMedianMinutes: MetricValue
    public var gpuHours: MetricValue
    public var running: Int
    /// Distinct models with a successful training run, per month.
    public var modelsTrainedPerMonth: [MonthlyPoint]
    public var ideaToProductionMedianDays: MetricValue

    public struct KindCount: Sendable, Codable, Hashable {
        public var kind: RunKind
        public var count: Int
        public var previousCount: Int
        public var failed: Int
    }
}

extension ResearchThroughput {
    public static func compute(records: RecordSet, history: ModelHistory = ModelHistory(), window: TimeWindow, previous: TimeWindow,
                               now: Instant) -> ResearchThroughput {
        let query = MetricsQuery(window: window, previous: previous, windowLabel: "", now: now)
        return compute(MetricsInput(records: records, history: history, query: query), query)
    }

    public static func compute(_ input: MetricsInput, _ query: MetricsQuery) -> ResearchThroughput {
        let window = query.window, previous = query.previous, now = query.now
        let c = input.runs.current, p = input.runs.previous
        func count(_ s: RunWindowStats, _ include: (RunKindStatus) -> Bool) -> Int {
            s.byKindStatus.reduce(0) { include($1.key) ? $0 + $1.value : $0 }
        }
        func success(_ s: RunWindowStats) -> Double? {
            Statistics.ratio(count(s) { $0.status == .succeeded }, count(s) { $0.status != .running })
        }
        func durations(_ s: RunWindowStats) -> [Double] { s.durationSeconds.map { Double($0) / 3600 } }
        func waits(_ s: RunWindowStats) -> [Double] { s.queueWaitSeconds.map { Double($0) / 60 } }
        func gpu(_ s: RunWindowStats) -> Double? { s.gpuRuns == 0 ? nil : ExactHours.hours(s.gpuMicroHours) }
        let weeks = MaintenanceLoad.elapsedWeeks(window, now), weeksBefore = MaintenanceLoad.elapsedWeeks(previous, now)
        let runs = c.count, runsBefore = p.count
        let any = runs > 0 || runsBefore > 0
        let months = window.months.filter { $0.firstDay.start < now }
        return ResearchThroughput(
            runs: MetricValue(any ? Double(runs) : nil, previous: any ? Double(runsBefore) : nil, unit: .count, polarity: .higherIsBetter),
            runsPerWeek: MetricValue(any && weeks > 0 ? Double(runs) / weeks : nil,
                                     previous: any && weeksBefore > 0 ? Double(runsBefore) / weeksBefore : nil, unit: .perWeek, polarity: .higherIsBetter),
            byKind: RunKind.allCases.map { k in
                KindCount(kind: k, count: count(c) { $0.kind == k }, previousCount: count(p) { $0.kind == k },
                          failed: count(c) { $0.kind == k && $0.status == .failed })
            },
            weeklyRuns: window.weekStarts.filter { $0.start < now }.map { WeeklyPoint(weekStart: $0, value: Double(c.weekly[$0] ?? 0)) },
            successRate: MetricValue(success(c), previous: success(p), unit: .ratio, polarity: .higherIsBetter),
            durationMedianHours: MetricValue(Statistics.median(durations(c)), previous: Statistics.median(durations(p)), unit: .hours, polarity: .lowerIsBetter),
            durationP90Hours: MetricValue(Statistics.percentile(durations(c), 0.9), previous: Statistics.percentile(durations(p), 0.9),
                                          unit: .hours, polarity: .lowerIsBetter),
            queueWaitMedianMinutes: MetricValue(Statistics.median(waits(c)), previous: Statistics.median(waits(p)), unit: .minutes, polarity: .lowerIsBetter),
            gpuHours: MetricValue(gpu(c), previous: gpu(p), unit: .gpuHours, polarity: .neutral),
            running: input.runs.running,
            modelsTrainedPerMonth: months.map { m in
                let trained = Set((input.runs.monthly[m] ?? [:]).filter { $0.value.succeededTraining > 0 }.map(\.key.model))
                return MonthlyPoint(month: m, value: Double(trained.count))
            },
            ideaToProductionMedianDays: Velocity.ideaToProductionMedianDays(input.history, query))
    }
}
