/// Hours summed as whole millionths, as `Money` sums cents: a total that does not depend
/// on the order the parts arrive in, in memory or in SQL (`round(hours * 1000000)`).
public enum ExactHours {
    public static func millionths(_ hours: Double) -> Int64 { Int64((hours * 1_000_000).rounded()) }
    public static func hours(_ millionths: Int64) -> Double { Double(millionths) / 1_000_000 }
}
