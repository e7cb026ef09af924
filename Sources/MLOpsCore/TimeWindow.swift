/// A half-open span of time `[start, end)`.
///
/// Day-stamped records (costs, maintenance, serving stats) belong to a window when
/// their day's midnight (UTC) falls inside it.
public struct TimeWindow: Hashable, Sendable, Codable, CustomStringConvertible {
    public var start: Instant
    public var end: Instant

    public init(start: Instant, end: Instant) {
        precondition(start <= end, "a window cannot end before it starts")
        self.start = start
        self.end = end
    }

    public func contains(_ instant: Instant) -> Bool { instant >= start && instant < end }
    public func contains(_ day: Day) -> Bool { contains(day.start) }

    /// The part of this window inside `other`; empty (at the later start) when they do not meet.
    public func clipped(to other: TimeWindow) -> TimeWindow {
        let start = max(self.start, other.start)
        return TimeWindow(start: start, end: max(start, min(end, other.end)))
    }

    public var durationSeconds: Int64 { end.seconds - start.seconds }
    public var durationDays: Double { Double(durationSeconds) / 86_400 }
    public var weeks: Double { durationDays / 7 }

    /// The window of the same length that ends where this one starts.
    public var previous: TimeWindow {
        TimeWindow(start: Instant(seconds: start.seconds - durationSeconds), end: start)
    }

    /// Days whose midnight lies in the window, in order.
    public var days: [Day] {
        let first = Instant(seconds: start.seconds + 86_399).day  // first midnight at or after start
        let lastExclusive = Instant(seconds: end.seconds + 86_399).day
        guard first < lastExclusive else { return [] }
        return Array(first..<lastExclusive)
    }

    /// Monday-started weeks overlapping the window, as their first days.
    public var weekStarts: [Day] {
        guard durationSeconds > 0 else { return [] }
        let first = start.day.startOfWeek
        let last = Instant(seconds: end.seconds - 1).day.startOfWeek
        return Array(stride(from: first, through: last, by: 7))
    }

    public var months: [Month] {
        guard durationSeconds > 0 else { return [] }
        var result: [Month] = []
        var m = Month(containing: start.day)
        let last = Month(containing: Instant(seconds: end.seconds - 1).day)
        while m <= last { result.append(m); m = m.next }
        return result
    }

    public var description: String { "\(start.iso8601)..\(end.iso8601)" }
}
