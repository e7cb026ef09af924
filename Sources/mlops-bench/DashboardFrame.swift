import MLOpsCore
import MLOpsDash
import MLOpsStore
import TerminalUI

/// What the dashboard does to show a frame, without a terminal: load the state's data
/// the way `mlops-dash`'s loader does, then render the screen into a buffer.
enum DashboardFrame {
    static func load(_ store: Store, window: WindowSpec, filter: SubjectFilter = .organisation, now: Instant) throws -> DashboardData {
        try load(store, LoadRequest(id: 1, window: window, filter: filter), .shown(.all), now: now)
    }

    /// One stage of a load, as `mlops-dash`'s loader reads it (`DashboardData.load`).
    static func load(_ store: any ReadableStore, _ request: LoadRequest, _ stage: LoadStage, now: Instant) throws -> DashboardData {
        try DashboardData.load(request, stage, from: store.metricsInputs, now: { now }, configuration: MetricsConfiguration()) {
            let (teams, models) = try store.subjectNames()
            return DashboardData.StoreFacts(health: try store.dataHealth(), teams: teams, models: models)
        }
    }

    static func render(_ data: DashboardData, screen: Screen, window: WindowSpec, width: Int, height: Int) -> ScreenBuffer {
        var state = DashboardState(window: window)
        state.data = data
        state.screen = screen
        return DashboardView.render(state, width: width, height: height)
    }
}

extension DashboardEnvironment {
    /// The dashboard's load effect on a benchmark store, without mlops-dash's executable.
    static func benchmark(_ store: Store, now: Instant) -> DashboardEnvironment {
        DashboardEnvironment(load: { request, stage in
            try await Task.detached { try DashboardFrame.load(store, request, stage, now: now) }.value
        })
    }
}
