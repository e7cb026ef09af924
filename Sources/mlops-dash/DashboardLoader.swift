import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore

/// Reads what a dashboard state asks for from the store: the only I/O the app does.
struct DashboardLoader: Sendable {
    let store: Store
    let configuration: MetricsConfiguration
    let clock: @Sendable () -> Instant
    private let storeFacts = StoreFactsCache()

    init(store: Store, configuration: MetricsConfiguration, clock: @escaping @Sendable () -> Instant) {
        self.store = store
        self.configuration = configuration
        self.clock = clock
    }

    func load(_ state: DashboardState) throws -> DashboardMessage {
        let now = clock()
        let (snapshot, input) = try store.dashboardSnapshot(window: state.window, now: now, filter: state.filter, configuration: configuration)
        let facts = try storeFacts.current(store)
        return .loaded(DashboardData(snapshot: snapshot, records: input.records, producingRuns: input.runs.producingRuns, health: facts.health,
                                     teams: facts.teams, models: facts.models))
    }

    /// One page of records for a drill-down.
    func page(_ request: RecordPageRequest) -> DashboardMessage {
        do { return .pageLoaded(try store.recordPage(request)) } catch { return .pageFailed(request, "\(error)") }
    }
}

/// Data health and the picker names depend on the store, not on the window or subject:
/// they are read again only when the store has changed (its `data_version`), so switching
/// window or team does not rescan every table.
private final class StoreFactsCache: @unchecked Sendable {
    struct Facts {
        var version: Int64
        var health: DataHealth
        var teams: [String]
        var models: [String]
    }

    private let lock = NSLock()
    private var facts: Facts?

    func current(_ store: Store) throws -> Facts {
        // The version is read first, so cached facts are never older than the version they carry.
        let version = try store.dataVersion()
        if let cached = lock.withLock({ facts }), cached.version == version { return cached }
        let (teams, models) = try store.subjectNames()
        let fresh = Facts(version: version, health: try store.dataHealth(), teams: teams, models: models)
        lock.withLock { facts = fresh }
        return fresh
    }
}
