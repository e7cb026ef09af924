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

    /// One stage of a load (`DashboardData.load`).
    func load(_ request: LoadRequest, _ stage: LoadStage) throws -> DashboardData {
        try DashboardData.load(request, stage, from: store.metricsInputs, now: clock, configuration: configuration) {
            // Data health reads the per-day counts the store keeps, so it is read with every load
            // rather than cached: it costs the same on any store.
            let (teams, models) = try store.subjectNames()
            return DashboardData.StoreFacts(health: try store.dataHealth(), teams: teams, models: models)
        }
    }

    /// One page of records for a drill-down.
    func page(_ request: RecordPageRequest) -> DashboardMessage {
        do { return .pageLoaded(try store.recordPage(request)) } catch { return .pageFailed(request, "\(error)") }
    }
}
