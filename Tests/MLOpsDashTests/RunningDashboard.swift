import Foundation
import MLOpsCore
@testable import MLOpsDash
import Synchronization
import TerminalUI

/// The event loop on a thread of its own, drawing into a `TestBackend`: the test types keys
/// and waits for frames, as a user would watch the terminal.
final class RunningDashboard: Sendable {
    let terminal: TestBackend
    private let finished = DispatchSemaphore(value: 0)
    private let final = Locked<DashboardState?>(nil)

    init(_ environment: DashboardEnvironment, state: DashboardState = DemoDashboard.emptyState(), width: Int = 120, height: Int = 40) {
        terminal = TestBackend(width: width, height: height)
        let terminal = terminal, final = final, finished = finished
        let loop = Thread {
            let state = DashboardRunner(backend: terminal, environment: environment).run(state)
            final.withLock { $0 = state }
            finished.signal()
        }
        loop.start()
    }

    private let sent = Locked(0)

    func press(_ keys: Key...) { send(keys) }

    func type(_ text: String) { send(text.map { Key.character($0) }) }

    private func send(_ keys: [Key]) {
        sent.withLock { $0 += keys.count }
        terminal.send(keys)
    }

    /// The newest frame once it satisfies `predicate`; waits without holding a task-pool
    /// thread, since the dashboard's effects need those.
    /// The condition is checked once more after the deadline, so a test task that the busy
    /// task pool did not schedule for a while still sees the frame that was drawn meanwhile.
    func frame(_ predicate: @escaping (String) -> Bool, timeout: Double = 60) async -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let text = terminal.lastFrame?.text(), predicate(text) { return text }
            if Date() > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    func frame(containing text: String, timeout: Double = 60) async -> String? {
        await frame({ $0.contains(text) }, timeout: timeout)
    }

    /// The Overview with its data and every screen's tables built: nothing left in progress.
    func ready() async -> String? {
        await frame { $0.contains("Teams (4)") && !$0.contains("building tables") && !$0.contains("loading") }
    }

    /// Waits until the loop has handled every key sent so far.
    func settle(timeout: Double = 60) async -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        let total = sent.withLock { $0 }
        while terminal.keysHandled < total {
            if Date() > deadline { return terminal.keysHandled >= total }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    /// Quits with `q` and returns the final state.
    func quit() async -> DashboardState? {
        terminal.send(.character("q"))
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let state = final.withLock({ $0 }) { return state }
            if Date() > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }
}

/// Loads the test answers by hand: each request waits until `answer` is called for its id.
///
/// With `honoursCancellation` a cancelled load ends at once with `CancellationError`, as a
/// GRDB read does; without it the load ignores cancellation and answers late, as a load
/// that has already finished reading would.
final class ScriptedLoads: Sendable {
    private struct Book {
        var requests: [LoadRequest] = []
        var waiting: [Int: CheckedContinuation<DashboardData, Error>] = [:]
        var cancelled: [Int] = []
    }

    private let book = Mutex(Book())
    let honoursCancellation: Bool

    init(honoursCancellation: Bool = true) { self.honoursCancellation = honoursCancellation }

    var requests: [LoadRequest] { book.withLock { $0.requests } }
    var cancelled: [Int] { book.withLock { $0.cancelled } }

    func load(_ request: LoadRequest) async throws -> DashboardData {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                book.withLock { book in
                    book.requests.append(request)
                    if honoursCancellation, book.cancelled.contains(request.id) {
                        continuation.resume(throwing: CancellationError())
                    } else {
                        book.waiting[request.id] = continuation
                    }
                }
            }
        } onCancel: {
            book.withLock { book in
                book.cancelled.append(request.id)
                if honoursCancellation { book.waiting.removeValue(forKey: request.id)?.resume(throwing: CancellationError()) }
            }
        }
    }

    /// Waits until request `id` has been made, then answers it.
    func answer(_ id: Int, with data: DashboardData) async {
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let continuation = book.withLock({ $0.waiting.removeValue(forKey: id) }) {
                continuation.resume(returning: data)
                return
            }
            if Date() > deadline { return }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits until request `id` has been made; nil if it never is.
    func request(_ id: Int) async -> LoadRequest? {
        let deadline = Date().addingTimeInterval(60)
        while true {
            if let r = requests.first(where: { $0.id == id }) { return r }
            if Date() > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    var environment: DashboardEnvironment { DashboardEnvironment(load: { request, _ in try await self.load(request) }) }
}

/// A one-shot gate an effect waits at until the test opens it with a value.
final class Gate<Value: Sendable>: Sendable {
    private let state = Mutex<(value: Value?, waiters: [CheckedContinuation<Value, Never>])>((nil, []))

    func wait() async -> Value {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { s -> Value? in
                if let v = s.value { return v }
                s.waiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    func open(_ value: Value) {
        let waiters = state.withLock { s -> [CheckedContinuation<Value, Never>] in
            s.value = value
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.resume(returning: value) }
    }
}

/// A value shared between the test and the loop's thread.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func withLock<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
