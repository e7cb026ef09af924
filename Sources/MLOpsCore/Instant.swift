/// A point in time, as whole seconds since 1970-01-01T00:00:00Z.
///
/// Records are stored and compared in UTC; the offset a timestamp was written with
/// is applied once, when it is parsed, and not kept.
public struct Instant: Comparable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.seconds < rhs.seconds }

    public func adding(seconds delta: Int64) -> Instant { Instant(seconds: seconds + delta) }
    public func adding(days: Int) -> Instant { Instant(seconds: seconds + Int64(days) * 86_400) }
    public func adding(hours: Double) -> Instant { Instant(seconds: seconds + Int64((hours * 3600).rounded())) }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    public func seconds(until later: Instant) -> Int64 { later.seconds - seconds }

    /// The UTC calendar day this instant falls on.
    public var day: Day { Day(daysSinceEpoch: Int(seconds.floorDivided(by: 86_400))) }

    /// ISO 8601 in UTC, e.g. `2026-10-01T09:30:00Z`.
    public var iso8601: String {
        let d = day
        let secondOfDay = Int(seconds - Int64(d.daysSinceEpoch) * 86_400)
        let h = secondOfDay / 3600, m = (secondOfDay % 3600) / 60, s = secondOfDay % 60
        return "\(d.iso8601)T\(Padded.two(h)):\(Padded.two(m)):\(Padded.two(s))Z"
    }

    public var description: String { iso8601 }

    /// Parses ISO 8601 with a zone: `2026-10-01T09:30:00Z`, `2026-10-01T11:30:00+02:00`,
    /// `2026-10-01 09:30Z`, fractional seconds allowed (and dropped). Returns nil otherwise.
    public init?(iso8601 text: String) {
        guard let value = TimestampParser.parse(Array(text.utf8)) else { return nil }
        self.seconds = value
    }

    /// The same rules as `init?(iso8601:)`, on UTF-8 bytes: bulk import parses values in
    /// place, without making a `String` of each.
    public init?(iso8601 utf8: UnsafeBufferPointer<UInt8>) {
        guard let value = TimestampParser.parse(utf8) else { return nil }
        self.seconds = value
    }
}

extension Int64 {
    func floorDivided(by divisor: Int64) -> Int64 {
        let q = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? q - 1 : q
    }
}

enum Padded {
    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    static func four(_ value: Int) -> String {
        let s = String(value)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}
