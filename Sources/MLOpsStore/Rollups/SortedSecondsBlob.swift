/// Ascending whole seconds as a compact blob: the first value zigzag-encoded, then each
/// difference from the one before (never negative), every number in LEB128 (7 bits a
/// byte, the high bit set on all but the last). A day's durations lie minutes apart, so
/// most take one or two bytes rather than eight: the table an import of runs writes is a
/// fifth of the size, and so is that part of the import's writing.
enum SortedSecondsBlob {
    static func encode(_ values: [Int64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * 2)
        var previous: Int64 = 0
        for (i, value) in values.enumerated() {
            // Differences wrap as unsigned numbers, so that any two 64-bit values fit.
            let number = i == 0 ? UInt64(bitPattern: (value << 1) ^ (value >> 63)) : UInt64(bitPattern: value &- previous)
            append(number, to: &bytes)
            previous = value
        }
        return bytes
    }

    private static func append(_ number: UInt64, to bytes: inout [UInt8]) {
        var n = number
        while n >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    /// Appends the values a blob holds; an unfinished last number (a damaged blob) is left out.
    static func decode(_ bytes: UnsafeRawBufferPointer, appendingTo values: inout [Int64]) {
        var previous: Int64 = 0, first = true
        var number: UInt64 = 0, shift: UInt64 = 0
        for byte in bytes {
            if shift < 64 { number |= UInt64(byte & 0x7F) << shift }
            shift += 7
            guard byte & 0x80 == 0 else { continue }
            let value = first ? Int64(bitPattern: (number >> 1) ^ (0 &- (number & 1))) : previous &+ Int64(bitPattern: number)
            values.append(value)
            previous = value
            first = false
            number = 0
            shift = 0
        }
    }
}
