/// What a set of metrics is asked for: a window and the one it is compared with, the
/// clock, the subject and the engine's knobs. Every metric input is a function of a
/// query and the store, so a query is also the unit a source answers.
public struct MetricsQuery: Sendable, Hashable {
    public var window: TimeWindow
    public var previous: TimeWindow
    public var windowLabel: String
    public var now: Instant
    public var filter: SubjectFilter
    public var configuration: MetricsConfiguration

    public init(window: TimeWindow, previous: TimeWindow, windowLabel: String, now: Instant,
                filter: SubjectFilter = .organisation, configuration: MetricsConfiguration = MetricsConfiguration()) {
        self.window = window
        self.previous = previous
        self.windowLabel = windowLabel
        self.now = now
        self.filter = filter
        self.configuration = configuration
    }

    public init(spec: WindowSpec, now: Instant, filter: SubjectFilter = .organisation,
                configuration: MetricsConfiguration = MetricsConfiguration()) {
        self.init(window: spec.resolve(now: now), previous: spec.comparisonWindow(now: now), windowLabel: spec.description,
                  now: now, filter: filter, configuration: configuration)
    }

    /// The same question about another subject.
    public func with(filter: SubjectFilter) -> MetricsQuery {
        var q = self
        q.filter = filter
        return q
    }

    /// Everything any metric reads lies in this span (see `PlatformSnapshot.requiredRange`).
    public var range: TimeWindow {
        PlatformSnapshot.requiredRange(window: window, previous: previous, now: now, configuration: configuration)
    }

    /// Costs and maintenance are read from this instant on: the previous window, the
    /// budget quarter and the anomaly baseline.
    public var detailStart: Instant {
        max(range.start, min(PlatformSnapshot.detailStart(window: window, previous: previous, now: now, configuration: configuration), range.end))
    }

    /// The first and last day of the range (both inclusive), for day-stamped records: a
    /// day counts once it has begun, that is when its midnight is before `now`.
    public var rangeDays: ClosedRange<Day> {
        let first = range.start.day, last = Instant(seconds: range.end.seconds - 1).day
        return first...max(first, last)
    }

    /// The days costs, maintenance and serving records are read for: every day any metric
    /// but maturity's history reads (that reads `ServedDays` over `rangeDays`).
    public var detailDays: ClosedRange<Day> { detailStart.day...rangeDays.upperBound }

    /// The months of maturity history, oldest first, ending with the window's last month.
    public var historyMonths: [Month] {
        let lastMonth = Month(containing: Instant(seconds: min(window.end.seconds, now.seconds) - 1).day)
        var months: [Month] = [lastMonth]
        while months.count < configuration.maturityHistoryMonths { months.insert(months[0].previous, at: 0) }
        return months
    }

    /// The months any metric counts runs by: the maturity history and the window's own.
    public var countedMonths: [Month] {
        Array(Set(historyMonths + window.months)).sorted()
    }
}
