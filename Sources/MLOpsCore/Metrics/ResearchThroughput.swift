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
    public static func compute(records: RecordSet, window: TimeWindow, previous: TimeWindow, now: Instant,
                               velocity: Velocity) -> ResearchThroughput {
        func inWindow(_ w: TimeWindow) -> [Run] { records.runs.filter { $0.timestamp.map(w.contains) ?? false } }
        let c = inWindow(window), p = inWindow(previous)
        func success(_ runs: [Run]) -> Double? {
            let finished = runs.filter { $0.status != .running }
            return Statistics.ratio(finished.filter { $0.status == .succeeded }.count, finished.count)
        }
        func durations(_ runs: [Run]) -> [Double] { runs.compactMap(\.durationSeconds).map { Double($0) / 3600 } }
        func waits(_ runs: [Run]) -> [Double] { runs.compactMap(\.queueWaitSeconds).map { Double($0) / 60 } }
        func gpu(_ runs: [Run]) -> Double? {
            // Sorted first, so the total does not depend on the order the store returned runs in.
            let hours = runs.compactMap(\.gpuHours).sorted()
            return hours.isEmpty ? nil : hours.reduce(0, +)
        }
        let weeks = MaintenanceLoad.elapsedWeeks(window, now), weeksBefore = MaintenanceLoad.elapsedWeeks(previous, now)
        let any = !c.isEmpty || !p.isEmpty
        let months = window.months.filter { $0.firstDay.start < now }
        return ResearchThroughput(
            runs: MetricValue(any ? Double(c.count) : nil, previous: any ? Double(p.count) : nil, unit: .count, polarity: .higherIsBetter),
            runsPerWeek: MetricValue(any && weeks > 0 ? Double(c.count) / weeks : nil,
                                     previous: any && weeksBefore > 0 ? Double(p.count) / weeksBefore : nil, unit: .perWeek, polarity: .higherIsBetter),
            byKind: RunKind.allCases.map { k in
                KindCount(kind: k, count: c.filter { $0.kind == k }.count, previousCount: p.filter { $0.kind == k }.count,
                          failed: c.filter { $0.kind == k && $0.status == .failed }.count)
            },
            weeklyRuns: window.weekly(c, at: { $0.timestamp! }, empty: 0) { Double($0.count) }.filter { $0.weekStart.start < now },
            successRate: MetricValue(success(c), previous: success(p), unit: .ratio, polarity: .higherIsBetter),
            durationMedianHours: MetricValue(Statistics.median(durations(c)), previous: Statistics.median(durations(p)), unit: .hours, polarity: .lowerIsBetter),
            durationP90Hours: MetricValue(Statistics.percentile(durations(c), 0.9), previous: Statistics.percentile(durations(p), 0.9),
                                          unit: .hours, polarity: .lowerIsBetter),
            queueWaitMedianMinutes: MetricValue(Statistics.median(waits(c)), previous: Statistics.median(waits(p)), unit: .minutes, polarity: .lowerIsBetter),
            gpuHours: MetricValue(gpu(c), previous: gpu(p), unit: .gpuHours, polarity: .neutral),
            running: records.runs.filter { $0.status == .running && ($0.timestamp.map { $0 <= now } ?? false) }.count,
            modelsTrainedPerMonth: months.map { m in
                let trained = records.runs.filter { $0.isTraining && $0.status == .succeeded && ($0.timestamp.map(m.window.contains) ?? false) }
                return MonthlyPoint(month: m, value: Double(Set(trained.map(\.model)).count))
            },
            ideaToProductionMedianDays: velocity.ideaToProductionMedianDays)
    }
}
