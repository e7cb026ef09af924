/// Money sums in whole cents, so totals do not depend on the order records arrive in
/// (floating-point addition is not associative) and match a spreadsheet to the cent.
///
/// Amounts enter as decimal text and are rounded to cents on the decimal value as
/// written, half away from zero (`1.005` → 1.01, `-0.125` → −0.13), never through a
/// binary fraction (where 1.005 is 1.00499… and would round down). A stored amount is
/// then a whole number of cents, which `cents(_:)` reads back exactly.
public enum Money {
    public static func cents(_ amount: Double) -> Int64 { Int64((amount * 100).rounded()) }
    public static func amount(_ cents: Int64) -> Double { Double(cents) / 100 }

    /// The decimal text (`12`, `-25.00`, `1.005`, `+3.5e2`) in cents, rounded half away
    /// from zero on its decimal digits; nil when it is not a finite decimal number or is
    /// beyond ±10¹⁵.
    public static func cents(decimal text: String) -> Int64? {
        var s = Substring(text)
        var negative = false
        if let sign = s.first, sign == "-" || sign == "+" { negative = sign == "-"; s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let x = Int(s[s.index(after: e)...]), abs(x) <= 40 else { return nil }
            exponent = x
            s = s[..<e]
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = parts[0], fraction = parts.count > 1 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty), (whole + fraction).allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        // digits × 10^(scale) where scale counts from cents: the value in cents is
        // digits × 10^(exponent + 2 − fraction.count).
        var digits = Array((whole + fraction).drop { $0 == "0" })
        let shift = exponent + 2 - fraction.count
        var roundUp = false
        if shift < 0 {
            let keep = digits.count + shift
            if keep < 0 { digits = [] } else {
                roundUp = keep < digits.count && digits[keep] >= "5"
                digits = Array(digits[..<keep])
            }
        } else {
            digits += Array(repeating: "0", count: shift)
        }
        guard digits.count <= 17 else { return nil }
        var cents = Int64(String(digits)) ?? 0
        if roundUp { cents += 1 }
        guard cents <= 100_000_000_000_000_000 else { return nil }
        return negative ? -cents : cents
    }

    /// Splits `cents` over shares that add up to 1 so the parts add up to `cents`
    /// exactly: each part is its share rounded toward zero, and the cents left over go
    /// one each to the largest remainders (earliest first on ties).
    public static func allocate(_ cents: Int64, shares: [Double]) -> [Int64] {
        let magnitude = cents.magnitude, sign: Int64 = cents < 0 ? -1 : 1
        let exact = shares.map { Double(magnitude) * $0 }
        var parts = exact.map { Int64($0.rounded(.down)) }
        var left = Int64(magnitude) - parts.reduce(0, +)
        let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), $1) > (exact[$1] - exact[$1].rounded(.down), $0) }
        var i = 0
        while left > 0, !order.isEmpty { parts[order[i % order.count]] += 1; left -= 1; i += 1 }
        while left < 0, let j = parts.indices.last(where: { parts[$0] > 0 }) { parts[j] -= 1; left += 1 }
        return parts.map { $0 * sign }
    }

    public static func total(_ costs: [CostEntry]) -> Double {
        amount(costs.reduce(Int64(0)) { $0 + cents($1.amount) })
    }

    /// Sums costs by a key, skipping costs the key maps to nil.
    public static func totals<K: Hashable>(_ costs: [CostEntry], by key: (CostEntry) -> K?) -> [K: Double] {
        var cents: [K: Int64] = [:]
        for c in costs { if let k = key(c) { cents[k, default: 0] += Money.cents(c.amount) } }
        return cents.mapValues(amount)
    }
}
