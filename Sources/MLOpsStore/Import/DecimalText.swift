import Foundation

/// The one number form import files may use: an optional sign, decimal digits with an
/// optional decimal point, and an optional exponent (`42`, `-3`, `4.25`, `.5`, `1e3`,
/// `2.5E-4`).
///
/// Swift's `Double(_:)` also reads `0x10`, `0x1p3`, `inf`, `nan` and `infinity`; a
/// finance export holding one of those is broken, so none of them is a number here.
enum DecimalText {
    /// Skips a leading `+` or `-` at `i`; true for `-`.
    @inline(__always)
    static func sign(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Bool {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") else { return false }
        defer { i += 1 }
        return bytes[i] == UInt8(ascii: "-")
    }

    /// The value of `bytes` when they are exactly a decimal number and finite, else nil.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        var i = 0
        let negative = sign(bytes, &i)
        // Mantissa digits, kept exactly while they fit: the fast path below is correctly
        // rounded when the mantissa has at most 15 digits and the power of ten is small.
        var mantissa: UInt64 = 0
        var significant = 0, digits = 0, pointShift = 0
        var sawPoint = false
        while i < n {
            let c = bytes[i]
            if c >= 48 && c <= 57 {
                digits += 1
                if significant < 19 {
                    if mantissa != 0 || c != 48 { significant += 1 }
                    mantissa = mantissa &* 10 &+ UInt64(c - 48)
                    if sawPoint { pointShift -= 1 }
                } else if !sawPoint {
                    pointShift += 1
                }
                i += 1
            } else if c == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
                i += 1
            } else {
                break
            }
        }
        guard digits > 0 else { return nil }
        var exponent = 0
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var expNegative = false
            if i < n, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                expNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            let start = i
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[i] - 48) }
                i += 1
            }
            guard i > start else { return nil }
            if expNegative { exponent = -exponent }
        }
        guard i == n else { return nil }
        let power = exponent + pointShift
        if significant <= 15, power >= -22, power <= 22 {
            var value = Double(mantissa)
            if power < 0 { value /= powersOfTen[-power] } else { value *= powersOfTen[power] }
            return negative ? -value : value
        }
        // Long or extreme numbers: the grammar is checked, so the C library's reader sees
        // only decimal text and rounds it correctly.
        let value: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: n + 1) { text in
            for k in 0..<n { text[k] = CChar(bitPattern: bytes[k]) }
            text[n] = 0
            return strtod(text.baseAddress!, nil)
        }
        return value.isFinite ? value : nil
    }

    /// `parse` on a string's UTF-8.
    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// A whole number: digits with an optional sign, or a decimal whose value is whole
    /// and below 10^15 (`3.0`, `1e3`), as spreadsheets write counts.
    static func parseWhole(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if !bytes.isEmpty, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        if i < bytes.count, bytes.count - i <= 18 {
            var value: Int64 = 0
            var allDigits = true
            for k in i..<bytes.count {
                let c = bytes[k]
                guard c >= 48 && c <= 57 else { allDigits = false; break }
                value = value * 10 + Int64(c - 48)
            }
            if allDigits { return negative ? -value : value }
        }
        guard let d = parse(bytes), d == d.rounded(), abs(d) < 1e15 else { return nil }
        return Int64(d)
    }

    static func parseWhole(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parseWhole($0) }
    }

    /// Cents of an amount written plainly (`12`, `-25.5`, `+0.07`, `.5`): a sign, at most 15
    /// digits before the point and at most 2 after it; nil for any other form, which
    /// `Money.cents(decimal:)` then reads. For these forms no rounding is needed, so the
    /// result is exactly `Money.cents(decimal:)`'s, without making a `String` per amount.
    static func plainCents(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = bytes.count
        var i = 0
        let negative = sign(bytes, &i)
        var whole: Int64 = 0, wholeDigits = 0, significant = 0
        while i < n, bytes[i] >= 48, bytes[i] <= 57 {
            let d = Int64(bytes[i] - 48)
            if whole != 0 || d != 0 { significant += 1 }
            whole = whole * 10 + d
            wholeDigits += 1
            i += 1
            if significant > 15 { return nil }
        }
        var fraction: Int64 = 0, fractionDigits = 0
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, bytes[i] >= 48, bytes[i] <= 57 {
                if fractionDigits == 2 { return nil }
                fraction = fraction * 10 + Int64(bytes[i] - 48)
                fractionDigits += 1
                i += 1
            }
        }
        guard i == n, wholeDigits + fractionDigits > 0 else { return nil }
        if fractionDigits == 1 { fraction *= 10 }
        let cents = whole * 100 + fraction
        return negative ? -cents : cents
    }

    // Literals, so each is the exact power of ten.
    private static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22]
}
