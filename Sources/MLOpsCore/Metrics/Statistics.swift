/// Order statistics used by every metric. Durations use medians and percentiles,
/// never means: one stuck deployment would drag a mean for weeks.
public enum Statistics {
    /// The median; the mean of the two middle values for an even count; nil when empty.
    public static func median(_ values: [Double]) -> Double? {
        percentile(values, 0.5)
    }

    /// The `p`-th quantile (0...1) by linear interpolation between closest ranks
    /// (Hyndman & Fan type 7, the default of R, NumPy and spreadsheets); nil when empty.
    public static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = p * Double(sorted.count - 1)
        let lower = Int(rank.rounded(.down))
        let upper = Int(rank.rounded(.up))
        let fraction = rank - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }

    /// Median absolute deviation from the median; nil when empty.
    public static func medianAbsoluteDeviation(_ values: [Double]) -> Double? {
        guard let m = median(values) else { return nil }
        return median(values.map { abs($0 - m) })
    }

    public static func sum(_ values: [Double]) -> Double { values.reduce(0, +) }

    /// `part / whole`, or nil when there is nothing to divide by.
    public static func ratio(_ part: Double, _ whole: Double) -> Double? {
        whole > 0 ? part / whole : nil
    }

    public static func ratio(_ part: Int, _ whole: Int) -> Double? {
        ratio(Double(part), Double(whole))
    }
}
