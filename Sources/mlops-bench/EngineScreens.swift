import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore

/// `mlops-bench screens STORE NOW`: each screen's data (input and metrics) at 30d, 90d
/// and QTD, median of five, from a SQLite file or a PostgreSQL address: the two engines
/// measured by one yardstick.
enum EngineScreens {
    static func run(store text: String, now: Instant) throws {
        let store: any ReadableStore = PostgresLocation.isURL(text)
            ? try PostgresStore.open(try PostgresLocation.parse(text), readOnly: true)
            : try Store.openReadOnly(at: text)
        print("screen        30d ms   90d ms   QTD ms   (\(store.displayName))")
        for screen in ScreenWorkload.all {
            var cells: [String] = []
            for spec in [WindowSpec.lastDays(30), .lastDays(90), .quarterToDate] {
                let query = MetricsQuery(spec: spec, now: now)
                try screen.run(store.metricsInputs, query)  // warm-up
                var times: [Double] = []
                for _ in 0..<5 { times.append(try Stopwatch.seconds { try screen.run(store.metricsInputs, query) } * 1000) }
                cells.append(String(format: "%8.0f", times.sorted()[2]))
            }
            print(screen.name.padding(toLength: 12, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
        }
        // Each part read alone, beside the records every read brings: where a stage's time goes.
        print("one part        30d ms   90d ms   QTD ms")
        let single: [(String, MetricsParts)] = [("records only", []), ("research", .research), ("run counts", .runCounts),
                                                ("run lists", .runLists), ("costs", .costs), ("daily costs", .dailyCosts),
                                                ("maintenance", .maintenance), ("history", .history), ("serving hist.", .servingHistory)]
        for (name, parts) in single {
            var cells: [String] = []
            for spec in [WindowSpec.lastDays(30), .lastDays(90), .quarterToDate] {
                let query = MetricsQuery(spec: spec, now: now)
                _ = try store.metricsInputs.input(for: query, parts: parts)  // warm-up
                var times: [Double] = []
                for _ in 0..<5 { times.append(try Stopwatch.seconds { _ = try store.metricsInputs.input(for: query, parts: parts) } * 1000) }
                cells.append(String(format: "%8.0f", times.sorted()[2]))
            }
            print(name.padding(toLength: 14, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
        }
        var facts: [Double] = []
        for _ in 0..<5 { facts.append(try Stopwatch.seconds { _ = try store.dataHealth(); _ = try store.subjectNames() } * 1000) }
        print("store facts   " + String(format: "%8.0f", facts.sorted()[2]) + "  (data health and the pickers' names, any window)")
        // What a window switch on each screen waits for in the dashboard: its first stage
        // (its parts, every family's metrics from them, data health and the pickers' names).
        // Then its tables, built before it is shown.
        print("first stage     30d ms   90d ms   QTD ms   its tables 30d / 90d / QTD ms")
        for screen in Screen.allCases {
            var cells: [String] = [], tables: [String] = []
            for spec in [WindowSpec.lastDays(30), .lastDays(90), .quarterToDate] {
                let request = LoadRequest(id: 1, window: spec, filter: .organisation, screen: screen)
                func stage() throws -> DashboardData { try DashboardFrame.load(store, request, .shown(screen.metricParts), now: now) }
                let data = try stage()  // warm-up
                var times: [Double] = [], builds: [Double] = []
                for _ in 0..<5 { times.append(try Stopwatch.seconds { _ = try stage() } * 1000) }
                for _ in 0..<5 { builds.append(try Stopwatch.seconds { _ = ScreenTableSet.build(data, ascii: false, screen: screen) } * 1000) }
                cells.append(String(format: "%8.0f", times.sorted()[2]))
                tables.append(String(format: "%.0f", builds.sorted()[2]))
            }
            cells.append("   " + tables.joined(separator: " / "))
            print(screen.title.padding(toLength: 14, withPad: " ", startingAt: 0) + cells.joined(separator: " "))
        }
    }
}
