import Foundation
import Synchronization
import MLOpsCore
import MLOpsDash
import MLOpsStore
import TerminalUI

/// Key → frame through the real event loop: `DashboardRunner` on a `TestBackend`, the
/// large store loaded once, then a scripted sequence of keys on every screen. Each key's
/// time runs from handing it to the terminal until the loop has updated, drawn and gone
/// back to waiting.
enum KeyLatency {
    static let size = (width: 200, height: 60)
    /// What a user does on a screen: move, page, jump to the ends, switch panel, drill and back.
    static let script: [Key] = Array(repeating: .character("j"), count: 8)
        + [.pageDown, .pageUp, .character("G"), .character("k"), .character("g"), .tab, .character("j"), .tab, .enter, .escape]
    static let rounds = 10

    struct Latencies {
        var samples: [Double] = []
        var slowest: (key: Key, ms: Double)?
        mutating func add(_ seconds: Double, key: Key) {
            samples.append(seconds * 1000)
            if seconds * 1000 > slowest?.ms ?? -1 { slowest = (key, seconds * 1000) }
        }
        func percentile(_ p: Double) -> Double {
            let sorted = samples.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        var summary: String {
            String(format: "p50 %.2f ms · p99 %.2f ms · max %.2f ms (%d keys", percentile(0.5), percentile(0.99), samples.max() ?? 0, samples.count)
                + (slowest.map { ", slowest \(name($0.key))" } ?? "") + ")"
        }
        func name(_ key: Key) -> String {
            switch key {
            case .character(let c): return String(c)
            default: return "\(key)"
            }
        }
    }

    static func measure(store: Store, now: Instant, table: inout ResultTable) throws {
        let backend = TestBackend(width: size.width, height: size.height)
        let dataReady = Locked<Double?>(nil)
        let firstStages = Locked<[Double]>([]), restStages = Locked<[Double]>([])
        var environment = DashboardEnvironment.benchmark(store, now: now)
        let load = environment.load
        environment.load = { request, stage in
            let t0 = TestBackend.monotonicSeconds()
            let data = try await load(request, stage)
            dataReady.set(TestBackend.monotonicSeconds())
            let stages = if case .shown = stage { firstStages } else { restStages }
            stages.set(stages.get() + [TestBackend.monotonicSeconds() - t0])
            return data
        }
        let timedEnvironment = environment
        let finished = DispatchSemaphore(value: 0)
        let started = TestBackend.monotonicSeconds()
        let loop = Thread {
            DashboardRunner(backend: backend, environment: timedEnvironment).run(DashboardState(window: .lastDays(30)))
            finished.signal()
        }
        loop.stackSize = 8 << 20
        loop.start()
        guard backend.waitForFrame(timeoutSeconds: 10) != nil else { throw BenchmarkError("no first frame") }
        let firstFrame = TestBackend.monotonicSeconds() - started
        guard backend.waitForFrame(timeoutSeconds: 600, { $0.text().contains("Teams (") }) != nil else { throw BenchmarkError("the data never arrived") }
        let shown = TestBackend.monotonicSeconds() - started
        guard backend.waitForFrame(timeoutSeconds: 600, { isLoaded($0.text()) }) != nil else { throw BenchmarkError("the tables never arrived") }
        let loaded = TestBackend.monotonicSeconds() - started
        table.add("event loop: first frame (runner start → \"Loading…\" drawn)", String(format: "%.1f ms", firstFrame * 1000),
                  target: "≤ 100 ms", met: firstFrame <= 0.1)
        let read = (dataReady.get() ?? started) - started
        table.add("event loop: load (30d, the Overview: every part)", milliseconds(read))
        table.add("event loop: then the Overview's data on screen (its tables built first)", milliseconds(shown - read))
        table.add("event loop: then every other screen's tables, in parallel in the background", milliseconds(loaded - shown))

        var sent = 0
        func press(_ key: Key) throws -> Double {
            sent += 1
            let t0 = TestBackend.monotonicSeconds()
            backend.send(key)
            guard backend.waitUntilHandled(keys: sent, timeoutSeconds: 60) else { throw BenchmarkError("key \(key) never handled") }
            return TestBackend.monotonicSeconds() - t0
        }
        var all = Latencies()
        var sorts = Latencies()
        for screen in Screen.allCases {
            var latencies = Latencies()
            let digit: Key = .character(Character(String(screen.rawValue)))
            for _ in 0..<rounds {
                latencies.add(try press(digit), key: digit)
                for key in script { latencies.add(try press(key), key: key) }
            }
            // Sorting re-arranges the rows (the one key allowed to do work proportional to the table).
            sorts.add(try press(.character(">")), key: .character(">"))
            sorts.add(try press(.character("<")), key: .character("<"))
            all.samples += latencies.samples
            let p99 = latencies.percentile(0.99)
            table.add("key → frame, \(screen.title): \(latencies.summary)", String(format: "%.2f ms p99", p99),
                      target: "≤ 16 ms p99", met: p99 <= 16)
        }
        table.add("key → frame, every screen: \(all.summary)", String(format: "%.2f ms p99", all.percentile(0.99)),
                  target: "≤ 16 ms p99", met: all.percentile(0.99) <= 16)
        table.add("sort key (> then <) → frame, every screen: \(sorts.summary)", String(format: "%.2f ms max", sorts.samples.max() ?? 0))
        try WindowSwitchLatency.measure(backend, sent: &sent, now: now, firstStages: firstStages, restStages: restStages, table: &table)
        backend.send(.character("q"))
        finished.wait()
    }

    /// The Overview with its data, nothing in progress.
    static func isLoaded(_ text: String) -> Bool {
        text.contains("Teams (") && !text.contains("loading") && !text.contains("building tables")
    }
}

/// A value the event loop's tasks and the benchmark share.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    func get() -> Value { mutex.withLock { $0 } }
    func set(_ new: Value) { mutex.withLock { $0 = new } }
}
