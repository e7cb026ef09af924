import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore

/// Cold start: a fresh process opens the store and renders the Overview as the dashboard
/// does: its first stage (six of its eight tiles), then the rest. Then a refresh, as after
/// another process's import: the dashboard reads a whole Overview's every part at once, so
/// that it stays whole on screen; and, for comparison, the same reload in two stages.
enum FirstFrame {
    static let size = (width: 200, height: 60)

    /// The child's side: prints "first-frame S whole S refresh S tiles S" (seconds: the
    /// first stage and render, the second; the refresh of every part; the first stage
    /// again) and exits.
    static func run(store path: String, now: Instant) -> Never {
        do {
            let request = LoadRequest(id: 1, window: .lastDays(30), filter: .organisation, screen: .overview)
            func shown(_ store: Store, _ parts: MetricsParts) throws -> DashboardData {
                let data = try DashboardFrame.load(store, request, .shown(parts), now: now)
                _ = DashboardFrame.render(data, screen: .overview, window: .lastDays(30), width: size.width, height: size.height)
                return data
            }
            var store: Store?, first: DashboardData?
            let firstFrame = try Stopwatch.seconds {
                store = try Store.openReadOnly(at: path)
                first = try shown(store!, Screen.overview.metricParts)
            }
            let whole = try Stopwatch.seconds {
                let data = try DashboardFrame.load(store!, request, .rest(first!), now: now)
                _ = DashboardFrame.render(data, screen: .overview, window: .lastDays(30), width: size.width, height: size.height)
            }
            let refresh = try Stopwatch.seconds { _ = try shown(store!, Screen.overview.completeParts) }
            let tiles = try Stopwatch.seconds { _ = try shown(store!, Screen.overview.metricParts) }
            print("first-frame \(firstFrame) whole \(whole) refresh \(refresh) tiles \(tiles)")
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("first-frame: \(error)\n".utf8))
            exit(1)
        }
    }

    /// The parent's side: times the child from launch to exit and reads its peak memory.
    static func measure(store: String, now: Instant, table: inout ResultTable) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
        if !FileManager.default.fileExists(atPath: process.executableURL!.path) {
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe")
        }
        process.arguments = ["first-frame", store, now.iso8601]
        let output = Pipe()
        process.standardOutput = output
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        process.waitUntilExit()
        let end = DispatchTime.now().uptimeNanoseconds
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let fields = text.split(whereSeparator: \.isWhitespace)
        guard process.terminationStatus == 0, fields.count == 8, let inside = Double(fields[1]), let rest = Double(fields[3]),
              let refresh = Double(fields[5]), let tiles = Double(fields[7]) else {
            throw BenchmarkError("first-frame child failed: \(text)")
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        let peak = Double(usage.ru_maxrss) / 1024
        // The child's own clock starts after launch; launch to first frame is the process start plus that.
        let launch = Double(end - start) / 1e9 - inside - rest - refresh - tiles
        let cold = launch + inside
        table.add("cold start to first Overview frame, 30d: six of its eight tiles (process launch to rendered buffer)",
                  "\(milliseconds(cold)) (\(milliseconds(inside)) after launch)", target: "≤ 500 ms", met: cold <= 0.5)
        table.add("cold start to the whole Overview, 30d (its second stage read and rendered)",
                  milliseconds(cold + rest), target: "≤ 500 ms", met: cold + rest <= 0.5)
        table.add("refresh after an external import (reload of every part + render: the whole Overview stays whole)", milliseconds(refresh),
                  target: "≤ 200 ms", met: refresh <= 0.2)
        table.add("the same reload's first stage alone (the Overview's first tiles, as on a window switch)", milliseconds(tiles))
        table.add("peak resident memory, dashboard process", String(format: "%.0f MB", peak), target: "≤ 200 MB", met: peak <= 200)
    }
}
