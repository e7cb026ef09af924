import MLOpsCore

/// A load the model is waiting for.
public struct LoadInProgress: Sendable, Equatable {
    public var request: LoadRequest
    public var phase: LoadPhase = .reading
    /// Timer ticks since it started (four a second), for the spinner and the elapsed time.
    public var ticks = 0

    public init(request: LoadRequest) { self.request = request }
}

/// A report export running in the background; keys keep working meanwhile.
public struct ExportInProgress: Sendable, Equatable {
    public var request: ExportRequest
    public var ticks = 0

    public init(request: ExportRequest) { self.request = request }
}

/// What the status line says about work in progress.
public enum DashboardActivity {
    /// The animation timer's period: the runner ticks at this rate only while busy.
    public static let tickMilliseconds = 250
    static let ticksPerSecond = 1000 / tickMilliseconds

    /// "⠹ loading team atlas · 90d… 3 s · exporting 2026-Q3 report… 12 s", or nil when idle.
    public static func text(_ state: DashboardState) -> String? {
        var parts: [String] = []
        if let l = state.loading {
            let what: String
            switch l.request.reason {
            case .storeChanged: what = "refreshing: the store changed"
            case .refresh: what = "refreshing"
            case .opening, .selectionChanged: what = "loading \(l.request.filter) · \(l.request.window)"
            }
            let phase = switch l.phase {
            case .reading: ""
            case .readingRest: state.data.map { $0.isReady(for: state.screen) && !$0.isWhole(for: state.screen) } == true
                ? " (rest of this screen)" : " (other screens)"
            case .buildingTables: " (building tables)"
            }
            parts.append("\(spinner(l.ticks, ascii: state.ascii)) \(what)…\(phase)\(elapsed(l.ticks))")
        }
        if let e = state.exporting {
            let mark = state.loading == nil ? "\(spinner(e.ticks, ascii: state.ascii)) " : ""
            parts.append("\(mark)exporting the report…\(elapsed(e.ticks))")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    static func spinner(_ ticks: Int, ascii: Bool) -> Character {
        let frames: [Character] = ascii ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        return frames[ticks % frames.count]
    }

    /// Nothing for the first second, then whole seconds.
    static func elapsed(_ ticks: Int) -> String {
        ticks < ticksPerSecond ? "" : " \(ticks / ticksPerSecond) s"
    }
}
