/// Number formatting shared by the summary, the dashboard and the report, so one
/// metric reads the same everywhere. Foundation-free and locale-independent.
public enum Format {
    /// `12`, `12.5`, `1.2k`, `3.4M`, `1.15 bn` (not `1154.6M`).
    public static func compact(_ v: Double?) -> String {
        guard let v else { return "–" }
        let a = abs(v)
        if a >= 999_950_000 { return fixed(v / 1_000_000_000, 2) + " bn" }
        if a >= 1_000_000 { return fixed(v / 1_000_000, 1) + "M" }
        if a >= 10_000 { return fixed(v / 1000, 0) + "k" }
        if a >= 1000 { return fixed(v / 1000, 1) + "k" }
        if a >= 100 || v == v.rounded() { return fixed(v, 0) }
        return fixed(v, a >= 10 ? 1 : 2)
    }

    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (v * scale).rounded() / scale
        if decimals == 0 { return String(Int(r)) }
        let negative = r < 0
        let whole = Int(abs(r))
        var frac = String(Int(((abs(r) - Double(whole)) * scale).rounded()))
        while frac.count < decimals { frac = "0" + frac }
        return (negative ? "-" : "") + "\(whole).\(frac)"
    }

    /// A money amount with thousands separators and no decimals: `12,480`.
    public static func money(_ v: Double?) -> String {
        guard let v else { return "–" }
        let n = Int(v.rounded())
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }

    /// A ratio as a percentage: `0.123` → `12.3%`.
    public static func percent(_ ratio: Double?, decimals: Int = 0) -> String {
        guard let ratio else { return "–" }
        return fixed(ratio * 100, decimals) + "%"
    }

    /// Hours in the most readable unit: `45m`, `5.2h`, `3.1d`.
    public static func hours(_ h: Double?) -> String {
        guard let h else { return "–" }
        if h < 1 { return "\(Int((h * 60).rounded()))m" }
        if h < 48 { return fixed(h, h < 10 ? 1 : 0) + "h" }
        return fixed(h / 24, h < 240 ? 1 : 0) + "d"
    }

    /// How long ago, in whole units, for a page read at a glance: `45m`, `5h`, `3d`
    /// (hours up to two days, as `hours(_:)` does).
    public static func age(_ instant: Instant, now: Instant) -> String {
        let seconds = max(0, instant.seconds(until: now))
        if seconds < 3600 { return "\(seconds / 60)m" }
        if seconds < 48 * 3600 { return "\(seconds / 3600)h" }
        return "\(seconds / 86400)d"
    }

    /// A signed change in the metric's own unit: `+3`, `-1.5h`, `+12m`, `-0.4pp` (points
    /// for ratios and percentages). A change that shows as zero at the precision printed
    /// is `±0…`, never `-0.0`.
    public static func signed(_ v: Double?, unit: MetricUnit) -> String {
        guard let v else { return "–" }
        let a = abs(v)
        let magnitude: String
        switch unit {
        case .ratio: magnitude = fixed(a * 100, 1) + "pp"
        case .percent: magnitude = fixed(a, 2) + "pp"
        case .money: magnitude = a < 10 && a != a.rounded() ? fixed(a, a < 0.1 ? 4 : 2) : money(a)
        case .count, .level: magnitude = compact(a)
        default: magnitude = value(a, unit: unit)
        }
        let shownAsZero = !magnitude.contains { $0.isNumber && $0 != "0" }
        return (shownAsZero || v == 0 ? "±" : v > 0 ? "+" : "-") + magnitude
    }

    /// True when `signed` prints the change as zero: then it is flat, whatever the judgement.
    public static func showsNoChange(_ v: Double?, unit: MetricUnit) -> Bool {
        signed(v, unit: unit).hasPrefix("±")
    }

    /// A metric's current value with its unit.
    public static func value(_ v: Double?, unit: MetricUnit) -> String {
        guard let v else { return "no data" }
        switch unit {
        case .ratio: return percent(v, decimals: v < 0.1 && v > 0 ? 1 : 0)
        case .percent: return fixed(v, 2) + "%"
        case .hours: return hours(v)
        case .minutes: return v < 120 ? "\(Int(v.rounded()))m" : hours(v / 60)
        case .money: return abs(v) < 10 && v != v.rounded() ? fixed(v, abs(v) < 0.1 ? 4 : 2) : money(v)
        case .days: return fixed(v, v < 10 ? 1 : 0) + "d"
        case .personHours: return compact(v) + "h"
        case .milliseconds: return "\(Int(v.rounded()))ms"
        case .perWeek: return compact(v) + "/wk"
        case .perDay: return compact(v) + "/day"
        case .gpuHours: return compact(v) + " GPU·h"
        case .count, .level: return compact(v)
        }
    }

    /// `1 rollback`, `2 rollbacks`: a count with its noun in the right number.
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String { "\(n) \(n == 1 ? noun : plural ?? noun + "s")" }
}
