/// What an input read for some parts can tell about the kinds held only as aggregates.
extension MetricsInput {
    /// Whether the window has runs, costs or maintenance, from whichever part read counts
    /// them; nil for another kind, or when no part read tells.
    ///
    /// Research's statistics and the window's run counts hold the same runs (placed in the
    /// window, up to `now`); the daily spend has a key for every detail day with a cost
    /// line, and the window's days are among the detail days.
    public func windowHas(_ kind: RecordKind, in parts: MetricsParts, window: TimeWindow) -> Bool? {
        switch kind {
        case .runs where parts.contains(.research): return runs.current.count > 0
        case .runs where parts.contains(.runCounts): return runs.window.values.contains { $0.runs > 0 }
        case .costs where parts.contains(.costs): return !costs.current.isEmpty
        case .costs where parts.contains(.dailyCosts): return costs.daily.keys.contains { window.contains($0.day) }
        case .maintenance where parts.contains(.maintenance): return !maintenance.current.isEmpty
        default: return nil
        }
    }
}
