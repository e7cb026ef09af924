import MLOpsCore
import MLOpsDash
import TerminalUI

/// A window switch as the user sees it: on each screen, from the Enter that picks 90d (or
/// back to 30d) until that screen shows the new window's data, through the real event loop.
/// The dashboard reads the shown screen's parts first, so this is the screen's own cost.
enum WindowSwitchLatency {
    static let rounds = 3

    /// `firstStages`, `restStages`: how long each load's first and second stage (read and
    /// compute) took, appended by the environment.
    static func measure(_ backend: TestBackend, sent: inout Int, now: Instant, firstStages: Locked<[Double]>, restStages: Locked<[Double]>,
                        table: inout ResultTable) throws {
        func dates(_ spec: WindowSpec) -> String {
            let w = MetricsQuery(spec: spec, now: now).window
            return "(\(w.start.day)..\(Instant(seconds: w.end.seconds - 1).day))"
        }
        func send(_ keys: Key...) throws {
            sent += keys.count
            backend.send(keys)
            guard backend.waitUntilHandled(keys: sent, timeoutSeconds: 60) else { throw BenchmarkError("keys \(keys) never handled") }
        }
        /// Nothing loading any more: the next switch starts from rest.
        func settle() throws {
            guard backend.waitForFrame(afterKeys: sent, timeoutSeconds: 600, { !$0.text().contains("loading") }) != nil else {
                throw BenchmarkError("the load never finished")
            }
        }
        for screen in Screen.allCases {
            try send(.character(Character(String(screen.rawValue))))
            try settle()
            var samples: [Double] = [], completed: [Double] = []
            let stagesBefore = firstStages.get().count, restsBefore = restStages.get().count
            for _ in 0..<rounds {
                for (spec, move) in [(WindowSpec.lastDays(90), Key.down), (.lastDays(30), .up)] {
                    try send(.character("w"), move)
                    let waiting = "Loading \(screen.title)…", expected = dates(spec)
                    let t0 = TestBackend.monotonicSeconds()
                    try send(.enter)
                    guard backend.waitForFrame(afterKeys: sent, timeoutSeconds: 600, {
                        let text = $0.text()
                        return text.contains(expected) && !text.contains(waiting)
                    }) != nil else { throw BenchmarkError("\(screen.title) never showed \(spec)") }
                    samples.append(TestBackend.monotonicSeconds() - t0)
                    try settle()
                    // A screen that fills in as the rest arrives (the Overview) is whole once nothing loads.
                    if screen.completeParts != screen.metricParts { completed.append(TestBackend.monotonicSeconds() - t0) }
                }
            }
            let sorted = samples.sorted(), median = sorted[sorted.count / 2]
            let stages = firstStages.get().dropFirst(stagesBefore).sorted()
            let read = stages.isEmpty ? "" : ", its read \(Int((stages[stages.count / 2] * 1000).rounded())) ms"
            let shown = screen.completeParts == screen.metricParts ? "its data" : "its first tiles"
            table.add("event loop: window switch 30d ⇄ 90d on \(screen.title), Enter → \(shown) (median of \(samples.count)\(read), slowest \(Int((sorted.last! * 1000).rounded())) ms)",
                      String(format: "%.0f ms", median * 1000), target: "≤ 200 ms", met: median <= 0.2)
            if !completed.isEmpty {
                let whole = completed.sorted()[completed.count / 2]
                let rests = restStages.get().dropFirst(restsBefore).sorted()
                let restRead = rests.isEmpty ? "" : ", its second read \(Int((rests[rests.count / 2] * 1000).rounded())) ms"
                table.add("event loop: window switch 30d ⇄ 90d on \(screen.title), Enter → every tile, list and table of it (median of \(completed.count)\(restRead); the other screens' tables too)",
                          String(format: "%.0f ms", whole * 1000), target: "≤ 200 ms", met: whole <= 0.2)
            }
        }
    }
}
