import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore

/// `mlops-bench screens STORE NOW`: each screen's data (input and metrics) at 30d, 90d
/// and QTD, median of five, from a SQLite file or a PostgreSQL address: the two engines
/// measured by one yardstick.
enum EngineScreens {
    static let windows: [WindowSpec] = [.lastDays(30), .lastDays(90), .quarterToDate]

    /// Milliseconds, the median of five after one warm-up run.
    static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        try body()
        return try Stopwatch.median(repeats: 5, body) * 1000
    }

    static func row(_ name: String, width: Int, _ cells: [Double], after: String = "") -> String {
        name.padding(toLength: width, withPad: " ", startingAt: 0) + cells.map { String(format: "%8.0f", $0) }.joined(separator: " ") + after
    }

    static func run(store text: String, now: Instant) throws {
        let store: any ReadableStore = PostgresLocation.isURL(text)
            ? try PostgresStore.open(try PostgresLocation.parse(text), readOnly: true)
            : try Store.openReadOnly(at: text)
        print("screen        30d ms   90d ms   QTD ms   (\(store.displayName))")
        for screen in ScreenWorkload.all {
            print(row(screen.name, width: 12, try windows.map { spec in
                let query = MetricsQuery(spec: spec, now: now)
                return try milliseconds { try screen.run(store.metricsInputs, query) }
            }))
        }
        // Each part read alone, beside the records every read brings: where a stage's time goes.
        print("one part        30d ms   90d ms   QTD ms")
        // Each with the records (every family reads them), but the serving history alone, as a second stage reads it.
        let withRecords: [(String, MetricsParts)] = [("records only", .records), ("research", .research), ("run counts", .runCounts),
                                                     ("run lists", .runLists), ("running", .running), ("costs", .costs), ("daily costs", .dailyCosts),
                                                     ("maintenance", .maintenance), ("history", .history)]
        let single = withRecords.map { ($0.0, $0.1.union(MetricsParts.records)) } + [("serving hist.", MetricsParts.servingHistory)]
        for (name, parts) in single {
            print(row(name, width: 14, try windows.map { spec in
                let query = MetricsQuery(spec: spec, now: now)
                return try milliseconds { _ = try store.metricsInputs.input(for: query, parts: parts) }
            }))
        }
        // Each screen's metrics alone, from an input read once: what a stage spends after its reads.
        print("metrics alone   30d ms   90d ms   QTD ms")
        let inputs = try windows.map { spec in
            let query = MetricsQuery(spec: spec, now: now)
            return (try store.metricsInputs.input(for: query, parts: .all), query)
        }
        for screen in ScreenWorkload.all {
            print(row(screen.name, width: 14, inputs.map { input, query in milliseconds { screen.compute(input, query) } }))
        }
        let facts = try milliseconds { _ = try store.dataHealth(); _ = try store.subjectNames() }
        print(row("store facts", width: 13, [facts], after: "  (data health and the pickers' names, any window)"))
        // What a window switch on each screen waits for in the dashboard: its first stage
        // (its parts, every family's metrics from them, data health and the pickers' names).
        // Then its tables, built before it is shown.
        // Then the second stage, which completes the input for every other screen (and the
        // Overview's last tiles).
        print("first stage     30d ms   90d ms   QTD ms   its tables 30d / 90d / QTD ms   then the rest 30d / 90d / QTD ms")
        for screen in Screen.allCases {
            var stages: [Double] = [], tables: [String] = [], rests: [String] = []
            for spec in windows {
                let request = LoadRequest(id: 1, window: spec, filter: .organisation, screen: screen)
                var data: DashboardData?
                stages.append(try milliseconds { data = try DashboardFrame.load(store, request, .shown(screen.metricParts), now: now) })
                tables.append(String(format: "%.0f", milliseconds { _ = ScreenTableSet.build(data!, ascii: false, screen: screen) }))
                rests.append(String(format: "%.0f", try milliseconds { _ = try DashboardFrame.load(store, request, .rest(data!), now: now) }))
            }
            print(row(screen.title, width: 14, stages, after: "    " + tables.joined(separator: " / ") + "    " + rests.joined(separator: " / ")))
        }
    }
}
