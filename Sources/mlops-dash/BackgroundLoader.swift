import Foundation
import MLOpsCore
import MLOpsDash

/// Loads dashboard data off the UI thread, so keys keep working while a large store is
/// read; the event loop collects the result on its next tick.
///
/// Requests coalesce: while a load runs, a new request replaces any waiting one, and
/// a result for a window or subject the user has since left is dropped.
final class BackgroundLoader: @unchecked Sendable {
    private let loader: DashboardLoader
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "mlops-dash.loader", qos: .userInitiated)
    private var running = false
    private var waiting: DashboardState?
    private var finished: [(key: LoadKey, message: DashboardMessage)] = []

    /// What a load's data depends on: results for another key are stale.
    struct LoadKey: Equatable {
        var window: WindowSpec
        var filter: SubjectFilter
        init(_ state: DashboardState) { window = state.window; filter = state.filter }
    }

    init(loader: DashboardLoader) { self.loader = loader }

    var isBusy: Bool { lock.withLock { running || waiting != nil } }

    func request(_ state: DashboardState) {
        let start = lock.withLock { () -> Bool in
            if running { waiting = state; return false }
            running = true
            return true
        }
        if start { launch(state) }
    }

    /// The newest finished result that still matches `state`, if any.
    func take(for state: DashboardState) -> DashboardMessage? {
        let results = lock.withLock { () -> [(key: LoadKey, message: DashboardMessage)] in
            defer { finished.removeAll() }
            return finished
        }
        return results.last { $0.key == LoadKey(state) }?.message
    }

    private func launch(_ state: DashboardState) {
        queue.async { [self] in
            let message: DashboardMessage
            do { message = try loader.load(state) } catch { message = .loadFailed("\(error)") }
            let next = lock.withLock { () -> DashboardState? in
                finished.append((LoadKey(state), message))
                let next = waiting
                waiting = nil
                running = next != nil
                return next
            }
            if let next { launch(next) }
        }
    }
}
