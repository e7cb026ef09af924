import Foundation
import MLOpsCore
@testable import MLOpsDash
import MLOpsSampleData
import MLOpsStore

/// The demo store at the demo's pinned clock, loaded once for every dashboard test.
enum DemoDashboard {
    static let store: Store = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mlops-dash-dash-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = try! Store.create(at: dir.appendingPathComponent("demo.sqlite").path)
        try! store.insert(DemoOrganisation.generate(), now: DemoOrganisation.now, source: "demo")
        return store
    }()

    static let data: DashboardData = load(store, shownAs: "demo.sqlite")

    /// What the dashboard's loader reads for the last 30 days at the demo's clock; the
    /// store path is shown as `name` so snapshots do not depend on the temporary folder.
    static func load(_ store: Store, shownAs name: String, window: WindowSpec = .lastDays(30), filter: SubjectFilter = .organisation,
                     _ stage: LoadStage = .shown(.all)) -> DashboardData {
        try! DashboardData.load(LoadRequest(id: 1, window: window, filter: filter), stage, from: store.metricsSource,
                                now: { DemoOrganisation.now }, configuration: MetricsConfiguration()) {
            var health = try store.dataHealth()
            health.storePath = name
            let (teams, models) = try store.subjectNames()
            return DashboardData.StoreFacts(health: health, teams: teams, models: models)
        }
    }

    /// The state the dashboard opens with: no data yet.
    static func emptyState() -> DashboardState {
        DashboardState(window: .lastDays(30), availableThemes: ["default", "light", "mono"])
    }

    static func state(_ screen: Screen = .overview) -> DashboardState {
        var s = DashboardState(window: .lastDays(30), availableThemes: ["default", "light", "mono"])
        _ = DashboardUpdate.update(&s, .loaded(data))
        s.screen = screen
        return s
    }
}
