import GRDB
import MLOpsCore

extension Store {
    /// Every metric for a window, computed from the store's records at `now`.
    public func snapshot(window spec: WindowSpec, now: Instant, filter: SubjectFilter = .organisation,
                         configuration: MetricsConfiguration = MetricsConfiguration()) throws -> PlatformSnapshot {
        try PlatformSnapshot.compute(source: metricsSource, query: MetricsQuery(spec: spec, now: now, filter: filter, configuration: configuration))
    }

    /// Everything the dashboard draws for one window and subject: the metrics, and the
    /// input they were computed from (its few records back the screens' tables).
    public func dashboardSnapshot(window spec: WindowSpec, now: Instant, filter: SubjectFilter,
                                  configuration: MetricsConfiguration = MetricsConfiguration()) throws -> (PlatformSnapshot, MetricsInput) {
        let query = MetricsQuery(spec: spec, now: now, filter: filter, configuration: configuration)
        let input = try metricsSource.input(for: query)
        return (PlatformSnapshot.compute(input, query), input)
    }
}
