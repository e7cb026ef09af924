/// A UTC calendar day, counted from 1970-01-01.
public struct Day: Comparable, Hashable, Sendable, Codable, CustomStringConvertible, Strideable {
    public var daysSinceEpoch: Int

    public init(daysSinceEpoch: Int) { self.daysSinceEpoch = daysSinceEpoch }

    /// The day with this civil date (proleptic Gregorian), by Howard Hinnant's days_from_civil.
    public init(year: Int, month: Int, day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSinceEpoch = era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD`.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, let day = DayParser.parse(bytes, from: 0) else { return nil }
        self = day
    }

    /// The same rules as `init?(iso8601:)`, on UTF-8 bytes, for bulk import.
    public init?(iso8601 utf8: UnsafeBufferPointer<UInt8>) {
        guard utf8.count == 10, let day = DayParser.parse(utf8, from: 0) else { return nil }
        self = day
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }
    public func distance(to other: Day) -> Int { other.daysSinceEpoch - daysSinceEpoch }
    public func advanced(by n: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + n) }

    /// Year, month and day of month, by Howard Hinnant's civil_from_days.
    public var components: (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday).
    public var weekdayFromMonday: Int { ((daysSinceEpoch % 7) + 7 + 3) % 7 }

    /// The Monday that starts this day's ISO week.
    public var startOfWeek: Day { advanced(by: -weekdayFromMonday) }
    public var startOfMonth: Day { let c = components; return Day(year: c.year, month: c.month, day: 1) }

    public var start: Instant { Instant(seconds: Int64(daysSinceEpoch) * 86_400) }

    public var iso8601: String {
        let c = components
        return "\(Padded.four(c.year))-\(Padded.two(c.month))-\(Padded.two(c.day))"
    }

    public var description: String { iso8601 }

    static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
