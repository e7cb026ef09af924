/// A calendar quarter in UTC, written `2026-Q3`.
public struct Quarter: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var quarter: Int  // 1...4

    public init(year: Int, quarter: Int) {
        precondition((1...4).contains(quarter), "quarter must be 1...4")
        self.year = year
        self.quarter = quarter
    }

    public init(containing day: Day) {
        let c = day.components
        self.init(year: c.year, quarter: (c.month - 1) / 3 + 1)
    }

    /// Parses `2026-Q3` (case-insensitive `q`).
    public init?(_ text: String) {
        let parts = text.uppercased().split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let y = Int(parts[0]),
              parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()),
              (1...4).contains(q) else { return nil }
        self.init(year: y, quarter: q)
    }

    public static func < (a: Quarter, b: Quarter) -> Bool { (a.year, a.quarter) < (b.year, b.quarter) }

    public var firstDay: Day { Day(year: year, month: (quarter - 1) * 3 + 1, day: 1) }
    public var next: Quarter { quarter == 4 ? Quarter(year: year + 1, quarter: 1) : Quarter(year: year, quarter: quarter + 1) }
    public var previous: Quarter { quarter == 1 ? Quarter(year: year - 1, quarter: 4) : Quarter(year: year, quarter: quarter - 1) }
    /// The day after the quarter's last day.
    public var endDay: Day { next.firstDay }
    public var window: TimeWindow { TimeWindow(start: firstDay.start, end: endDay.start) }
    public var months: [Month] { (0..<3).map { Month(year: year, month: (quarter - 1) * 3 + 1 + $0) } }
    public var description: String { "\(year)-Q\(quarter)" }
}

/// A calendar month in UTC, written `2026-10`.
public struct Month: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int  // 1...12

    public init(year: Int, month: Int) {
        precondition((1...12).contains(month), "month must be 1...12")
        self.year = year
        self.month = month
    }

    public init(containing day: Day) {
        let c = day.components
        self.init(year: c.year, month: c.month)
    }

    /// Parses `2026-10`.
    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
        self.init(year: y, month: m)
    }

    public static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
    public var firstDay: Day { Day(year: year, month: month, day: 1) }
    public var next: Month { month == 12 ? Month(year: year + 1, month: 1) : Month(year: year, month: month + 1) }
    public var previous: Month { month == 1 ? Month(year: year - 1, month: 12) : Month(year: year, month: month - 1) }
    public var endDay: Day { next.firstDay }
    public var dayCount: Int { Day.daysIn(year: year, month: month) }
    public var window: TimeWindow { TimeWindow(start: firstDay.start, end: endDay.start) }
    public var quarter: Quarter { Quarter(containing: firstDay) }
    public var description: String { "\(Padded.four(year))-\(Padded.two(month))" }
}
