/// How the user names a window: relative to now, or a fixed span.
///
/// Resolved against a clock value so that every view and test can pin "now".
public enum WindowSpec: Hashable, Sendable, CustomStringConvertible {
    case lastDays(Int)
    case quarterToDate
    case previousQuarter
    case quarter(Quarter)
    case range(from: Day, to: Day)  // inclusive days

    /// Parses `7d`, `30d`, `90d` (any whole number of days), `qtd`, `pq`/`previous-quarter`, `2026-Q3`,
    /// or `2026-07-01..2026-09-30`.
    public init?(_ text: String) {
        let t = text.lowercased()
        if t == "qtd" { self = .quarterToDate; return }
        if t == "pq" || t == "previous-quarter" || t == "prev-quarter" { self = .previousQuarter; return }
        if t.hasSuffix("d"), let n = Int(t.dropLast()), n > 0, n <= 3660 { self = .lastDays(n); return }
        if let q = Quarter(text) { self = .quarter(q); return }
        let parts = text.split(separator: "..", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 2, let a = Day(iso8601: parts[0]), let b = Day(iso8601: parts[1]), a <= b {
            self = .range(from: a, to: b); return
        }
        return nil
    }

    public static let accepted = "7d, 30d, 90d (any Nd), qtd, pq (previous quarter), 2026-Q3, or 2026-07-01..2026-09-30"

    /// The concrete window at `now`. Relative windows end at the end of today (UTC)
    /// so that today's day-stamped records count.
    public func resolve(now: Instant) -> TimeWindow {
        let endOfToday = now.day.advanced(by: 1).start
        switch self {
        case .lastDays(let n):
            return TimeWindow(start: now.day.advanced(by: 1 - n).start, end: endOfToday)
        case .quarterToDate:
            return TimeWindow(start: Quarter(containing: now.day).firstDay.start, end: endOfToday)
        case .previousQuarter:
            return Quarter(containing: now.day).previous.window
        case .quarter(let q):
            return q.window
        case .range(let from, let to):
            return TimeWindow(start: from.start, end: to.advanced(by: 1).start)
        }
    }

    /// The window to compare against: the previous quarter for quarters, else the
    /// previous span of the same length.
    public func comparisonWindow(now: Instant) -> TimeWindow {
        switch self {
        case .quarter(let q): return q.previous.window
        case .previousQuarter: return Quarter(containing: now.day).previous.previous.window
        case .quarterToDate:
            // Same number of days into the previous quarter, so QTD compares like with like;
            // never past that quarter's end, which a longer current quarter would reach.
            let w = resolve(now: now)
            let previousQuarter = Quarter(containing: now.day).previous
            let prevStart = previousQuarter.firstDay.start
            return TimeWindow(start: prevStart, end: min(prevStart.adding(seconds: w.durationSeconds), previousQuarter.endDay.start))
        default: return resolve(now: now).previous
        }
    }

    public var description: String {
        switch self {
        case .lastDays(let n): return "\(n)d"
        case .quarterToDate: return "QTD"
        case .previousQuarter: return "prev quarter"
        case .quarter(let q): return q.description
        case .range(let a, let b): return "\(a)..\(b)"
        }
    }
}
