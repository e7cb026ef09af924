import Foundation
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
    static let rounds = 5

    struct Latencies {
        var samples: [Double] = []
        mutating func add(_ seconds: Double) { samples.append(seconds * 1000) }
        func percentile(_ p: Double) -> Double {
            let sorted = samples.sorted()
            return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
        }
        var summary: String {
            String(format: "p50 %.2f ms · p99 %.2f ms · max %.2f ms (%d keys)", percentile(0.5), percentile(0.99), samples.max() ?? 0, samples.count)
        }
    }

    static func measure(store: Store, now: Instant, table: inout ResultTable) throws {
        let backend = TestBackend(width: size.width, height: size.height)
        let environment = DashboardEnvironment.benchmark(store, now: now)
        let finished = DispatchSemaphore(value: 0)
        let started = TestBackend.monotonicSeconds()
        let loop = Thread {
            DashboardRunner(backend: backend, environment: environment).run(DashboardState(window: .lastDays(30)))
            finished.signal()
        }
        loop.stackSize = 8 << 20
        loop.start()
        guard backend.waitForFrame(timeoutSeconds: 10) != nil else { throw BenchmarkError("no first frame") }
        let firstFrame = TestBackend.monotonicSeconds() - started
        guard backend.waitForFrame(timeoutSeconds: 600, { isLoaded($0.text()) }) != nil else { throw BenchmarkError("the data never arrived") }
        let loaded = TestBackend.monotonicSeconds() - started
        table.add("event loop: first frame (runner start → \"Loading…\" drawn)", String(format: "%.1f ms", firstFrame * 1000),
                  target: "≤ 100 ms", met: firstFrame <= 0.1)
        table.add("event loop: load + build every screen's tables (30d)", milliseconds(loaded))

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
                latencies.add(try press(digit))
                for key in script { latencies.add(try press(key)) }
            }
            // Sorting re-arranges the rows (the one key allowed to do work proportional to the table).
            sorts.add(try press(.character(">")))
            sorts.add(try press(.character("<")))
            all.samples += latencies.samples
            let p99 = latencies.percentile(0.99)
            table.add("key → frame, \(screen.title): \(latencies.summary)", String(format: "%.2f ms p99", p99),
                      target: "≤ 16 ms p99", met: p99 <= 16)
        }
        table.add("key → frame, every screen: \(all.summary)", String(format: "%.2f ms p99", all.percentile(0.99)),
                  target: "≤ 16 ms p99", met: all.percentile(0.99) <= 16)
        table.add("sort key (> then <) → frame, every screen: \(sorts.summary)", String(format: "%.2f ms max", sorts.samples.max() ?? 0))
        backend.send(.character("q"))
        finished.wait()
    }

    /// The Overview with its data, nothing in progress.
    static func isLoaded(_ text: String) -> Bool {
        text.contains("Teams (") && !text.contains("loading") && !text.contains("building tables")
    }
}
