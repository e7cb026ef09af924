/// Money sums in whole cents, so totals do not depend on the order records arrive in
/// (floating-point addition is not associative) and match a spreadsheet to the cent.
public enum Money {
    public static func cents(_ amount: Double) -> Int64 { Int64((amount * 100).rounded()) }
    public static func amount(_ cents: Int64) -> Double { Double(cents) / 100 }

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
