import Foundation
import MLOpsCore

/// The real `mlops-dash` binary in a tmux window: how soon its first frame shows, and how
/// much CPU it spends over a minute with the data loaded and nobody touching it, read
/// from `/proc/PID/stat` (user + system ticks).
enum IdleCPU {
    static let seconds = 60.0

    static func measure(store: String, now: Instant, table: inout ResultTable) throws {
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.deletingLastPathComponent().appendingPathComponent("mlops-dash").path
        guard FileManager.default.isExecutableFile(atPath: bin), shell(["tmux", "-V"]) != nil else {
            table.add("idle CPU, mlops-dash in tmux", "skipped: needs tmux and \(bin) (swift build -c release first)")
            return
        }
        let session = "mlops-bench-idle-\(getpid())"
        defer { _ = shell(["tmux", "kill-session", "-t", session]) }
        let command = "exec '\(bin)' --db '\(store)' --now \(now.iso8601)"
        let started = TestBackendClock.now()
        // The tmux server forked by new-session keeps a pipe open for ever: its output goes nowhere.
        guard shell(["tmux", "new-session", "-d", "-s", session, "-x", "200", "-y", "60", command], output: false) != nil else {
            throw BenchmarkError("tmux new-session failed")
        }
        // The first frame: the header's tab bar on the pane (polled every 2 ms).
        var firstFrame: Double?
        while firstFrame == nil, TestBackendClock.now() - started < 30 {
            if capture(session).contains("1 Overview") { firstFrame = TestBackendClock.now() - started } else { usleep(2000) }
        }
        guard let firstFrame else { throw BenchmarkError("mlops-dash drew nothing in 30 s") }
        let deadline = TestBackendClock.now() + 600
        while !KeyLatency.isLoaded(capture(session)) {
            guard TestBackendClock.now() < deadline else { throw BenchmarkError("mlops-dash never showed its data") }
            usleep(100_000)
        }
        let loaded = TestBackendClock.now() - started
        guard let pidText = shell(["tmux", "display-message", "-p", "-t", session, "#{pane_pid}"]),
              let pid = Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw BenchmarkError("no pane pid") }
        // Let the load's last frame and any freed memory settle before the idle minute starts.
        sleep(2)
        let before = try cpuTicks(pid)
        usleep(UInt32(seconds * 1_000_000))
        let after = try cpuTicks(pid)
        let used = Double(after - before) / Double(sysconf(Int32(_SC_CLK_TCK)))
        let share = used / seconds * 100
        table.add("first frame of mlops-dash in tmux (launch → tab bar on the pane, 2 ms polling)", String(format: "%.0f ms", firstFrame * 1000),
                  target: "≤ 100 ms", met: firstFrame <= 0.1)
        table.add("mlops-dash in tmux: data on screen (30d)", milliseconds(loaded))
        table.add("idle CPU over \(Int(seconds)) s, data loaded, store unchanged", String(format: "%.2f%% of a core (%.2f CPU-s)", share, used),
                  target: "≤ 1%", met: share <= 1)
    }

    /// utime + stime of a process, in clock ticks.
    static func cpuTicks(_ pid: Int32) throws -> Int {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name may hold spaces; the fields after its closing parenthesis are fixed.
        guard let close = stat.lastIndex(of: ")") else { throw BenchmarkError("odd /proc/\(pid)/stat") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 13, let user = Int(fields[11]), let system = Int(fields[12]) else { throw BenchmarkError("odd /proc/\(pid)/stat") }
        return user + system
    }

    static func capture(_ session: String) -> String {
        shell(["tmux", "capture-pane", "-p", "-t", session]) ?? ""
    }

    /// Runs a command through `sh`; its standard output, or nil when it fails.
    ///
    /// Not Foundation's `Process`: after the event loop has run in this process, its
    /// `waitUntilExit` missed the exit of the tmux client and waited for ever.
    static func shell(_ arguments: [String], output wanted: Bool = true) -> String? {
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mlops-bench-\(getpid()).out").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let status = system("\(quoted) >\(wanted ? "'\(file)'" : "/dev/null") 2>/dev/null")
        guard status == 0 else { return nil }
        return wanted ? (try? String(contentsOfFile: file, encoding: .utf8)) ?? "" : ""
    }
}

/// The monotonic clock in seconds.
enum TestBackendClock {
    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
