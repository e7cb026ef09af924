extension TimeWindow {
    /// How the window divides among the UTC days it touches, as each day's fraction
    /// of the window's length; the fractions add up to 1.
    ///
    /// A bill line for `[2026-10-01T12:00Z, 2026-10-03T00:00Z)` lies 12 hours on
    /// 1 October and 24 on the 2nd, so it is spread as 1/3 and 2/3:
    /// ```swift
    /// window.dayShares  // [(2026-10-01, 0.333…), (2026-10-02, 0.666…)]
    /// ```
    /// An empty window (start == end) belongs wholly to its start's day.
    public var dayShares: [(day: Day, share: Double)] {
        guard durationSeconds > 0 else { return [(start.day, 1)] }
        var shares: [(day: Day, share: Double)] = []
        var day = start.day
        let total = Double(durationSeconds)
        while day.start < end {
            let from = max(day.start, start)
            let to = min(day.advanced(by: 1).start, end)
            shares.append((day, Double(from.seconds(until: to)) / total))
            day = day.advanced(by: 1)
        }
        return shares
    }
}
