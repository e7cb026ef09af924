/// A stable id for one day's share of one FOCUS charge, so re-importing a file (or a
/// re-issued month-to-date export whose costs have grown) updates rather than adds.
///
/// The identity is every dimension of the row — every column except the cost, price and
/// quantity metrics, which a provider restates — hashed with 64-bit FNV-1a, which unlike
/// Swift's `Hasher` is the same on every run. The day is kept in clear: `focus:<hash>:<day>`.
struct FocusCostIdentity {
    /// Columns whose values change when a provider restates a charge.
    static let metricColumns: Set<String> = [
        "billedcost", "effectivecost", "listcost", "contractedcost", "listunitprice", "contractedunitprice",
        "pricingquantity", "consumedquantity", "commitmentdiscountquantity",
    ]

    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 { mix(byte) }
        mix(0x1F)  // unit separator, so ("ab","c") and ("a","bc") differ
    }

    private mutating func mix(_ byte: UInt8) {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01B3
    }

    func id(day: String) -> String {
        let hex = String(hash, radix: 16)
        return "focus:\(String(repeating: "0", count: 16 - hex.count))\(hex):\(day)"
    }
}
