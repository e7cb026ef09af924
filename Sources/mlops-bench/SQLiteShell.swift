import Foundation
import MLOpsCore

/// Runs aggregate queries in the `sqlite3` command-line shell against the store file and
/// sums the shell's own per-statement timings, leaving out its start-up.
struct SQLiteShell {
    let store: String
    let window: TimeWindow

    static let dataHealthSQL = ["runs", "deployments", "incidents", "maintenance", "costs", "serving"].map {
        "SELECT count(*) FROM \($0)"
    } + ["SELECT min(placed_at), max(placed_at) FROM runs", "SELECT min(date), max(date), count(DISTINCT date) FROM costs"]

    func seconds(_ statements: [String]) throws -> Double {
        let script = """
            .parameter init
            .parameter set :from \(window.start.seconds)
            .parameter set :to \(window.end.seconds)
            .parameter set :fromDay "'\(window.start.day.iso8601)'"
            .parameter set :toDay "'\(Instant(seconds: window.end.seconds - 1).day.iso8601)'"
            SELECT 'day-parameter-type:' || typeof(:fromDay);
            .output /dev/null
            .timer on
            \(statements.map { $0 + ";" }.joined(separator: "\n"))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", store]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        var total = 0.0, found = 0
        for line in text.split(separator: "\n") where line.hasPrefix("Run Time: real ") {
            total += Double(line.dropFirst("Run Time: real ".count).split(separator: " ")[0]) ?? 0
            found += 1
        }
        // The shell evaluates a bare 2026-08-20 as arithmetic: make sure days bound as text.
        guard text.contains("day-parameter-type:text") else { throw BenchmarkError("sqlite3 bound the day parameters as numbers") }
        guard process.terminationStatus == 0, found == statements.count, !text.contains("Error") else {
            throw BenchmarkError("sqlite3 failed (\(found) of \(statements.count) statements timed): \(text.prefix(400))")
        }
        return total
    }
}

struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
