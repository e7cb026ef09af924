import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore

/// Reads what a dashboard state asks for from the store: the only I/O the app does.
struct DashboardLoader: Sendable {
    let store: any ReadableStore
    let configuration: MetricsConfiguration
    let clock: @Sendable () -> Instant

    init(store: any ReadableStore, configuration: MetricsConfiguration, clock: @escaping @Sendable () -> Instant) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    func load(_ state: DashboardState) throws -> DashboardMessage {
        let now = clock()
        let (snapshot, input) = try store.dashboardSnapshot(window: state.window, now: now, filter: state.filter, configuration: configuration)
        // Data health reads the per-day counts the store keeps, so it is read with every load
        // rather than cached: it costs the same on any store.
        let (teams, models) = try store.subjectNames()
        return .loaded(DashboardData(snapshot: snapshot, records: input.records, producingRuns: input.runs.producingRuns,
                                     health: try store.dataHealth(), teams: teams, models: models))
    }

    /// One page of records for a drill-down.
    func page(_ request: RecordPageRequest) -> DashboardMessage {
        do { return .pageLoaded(try store.recordPage(request)) } catch { return .pageFailed(request, "\(error)") }
    }
}
