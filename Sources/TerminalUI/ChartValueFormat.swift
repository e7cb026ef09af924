/// Default number-to-text conversion for chart labels, without Foundation.
public enum ChartValueFormat {
    /// Whole numbers print without a fraction; others are rounded to `decimals` places ("1.25", "3", "-0.5").
    public static func short(_ value: Double, decimals: Int = 2) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(rounded)
    }
}
