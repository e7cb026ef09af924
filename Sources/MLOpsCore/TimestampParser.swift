/// Parses ISO 8601 timestamps from UTF-8 bytes without Foundation's formatters,
/// which are too slow for imports of millions of rows.
enum TimestampParser {
    /// Seconds since the epoch in UTC, or nil when the text is not a zoned ISO 8601 timestamp.
    static func parse<B: RandomAccessCollection<UInt8>>(_ b: B) -> Int64? where B.Index == Int {
        guard b.count >= 17, let date = DayParser.parse(b, from: 0) else { return nil }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == UInt8(ascii: " ") else { return nil }
        var i = 11
        guard let hour = digits(b, &i, 2), hour < 24, take(b, &i, ":"), let minute = digits(b, &i, 2), minute < 60 else { return nil }
        var second = 0
        if i < b.count, b[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = digits(b, &i, 2), s < 61 else { return nil }
            second = min(s, 59)
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                let start = i
                while i < b.count, isDigit(b[i]) { i += 1 }
                if i == start { return nil }
            }
        }
        guard i < b.count else { return nil }  // a zone is required
        var offset = 0
        switch b[i] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            i += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
            i += 1
            guard let oh = digits(b, &i, 2), oh <= 18 else { return nil }
            var om = 0
            if i < b.count {
                if b[i] == UInt8(ascii: ":") { i += 1 }
                guard let m = digits(b, &i, 2), m < 60 else { return nil }
                om = m
            }
            offset = sign * (oh * 3600 + om * 60)
        default:
            return nil
        }
        guard i == b.count else { return nil }
        return Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    // Inlined: a bulk import parses millions of timestamps, and a call per digit pair
    // was most of the time of each.
    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    @inline(__always)
    static func digits<B: RandomAccessCollection<UInt8>>(_ b: B, _ i: inout Int, _ count: Int) -> Int? where B.Index == Int {
        guard i + count <= b.count else { return nil }
        var value = 0
        for k in i..<(i + count) {
            guard isDigit(b[k]) else { return nil }
            value = value * 10 + Int(b[k] - 48)
        }
        i += count
        return value
    }

    @inline(__always)
    static func take<B: RandomAccessCollection<UInt8>>(_ b: B, _ i: inout Int, _ c: Unicode.Scalar) -> Bool where B.Index == Int {
        guard i < b.count, b[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }
}

enum DayParser {
    /// Parses `YYYY-MM-DD` at `start`; checks the day exists in that month.
    @inline(__always)
    static func parse<B: RandomAccessCollection<UInt8>>(_ b: B, from start: Int) -> Day? where B.Index == Int {
        var i = start
        guard let y = TimestampParser.digits(b, &i, 4), TimestampParser.take(b, &i, "-"),
              let m = TimestampParser.digits(b, &i, 2), TimestampParser.take(b, &i, "-"),
              let d = TimestampParser.digits(b, &i, 2) else { return nil }
        guard (1...12).contains(m), d >= 1, d <= Day.daysIn(year: y, month: m) else { return nil }
        return Day(year: y, month: m, day: d)
    }
}
