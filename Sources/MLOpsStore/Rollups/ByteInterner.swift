import Foundation

/// Gives each distinct byte string a small number, looked up straight from a record's
/// bytes: the rollup deltas key their groups by numbers, so counting a row makes no
/// `String` or array.
///
/// Bytes, not `String`s, because SQLite groups text by its bytes (`BINARY` collation),
/// while Swift's `String` equality would merge canonically equivalent spellings.
struct ByteInterner {
    /// Open addressing: a slot holds an id + 1, 0 when empty; the capacity is a power of two.
    private var slots: [Int32] = Array(repeating: 0, count: 64)
    private var hashes: [UInt64] = []
    /// The bytes of each id.
    private(set) var values: [[UInt8]] = []

    /// The number of `bytes`, given one when it is new.
    mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let hash = Self.hash(bytes)
        let (slot, found) = probe(bytes, hash)
        if let found { return found }
        let id = Int32(values.count)
        values.append(Array(bytes))
        hashes.append(hash)
        slots[slot] = id + 1
        if values.count * 2 > slots.count { grow() }
        return id
    }

    /// The number of `bytes` when it has one.
    func existingID(of bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
        probe(bytes, Self.hash(bytes)).id
    }

    /// The id of `bytes` if it has one, else the empty slot where it would go.
    private func probe(_ bytes: UnsafeBufferPointer<UInt8>, _ hash: UInt64) -> (slot: Int, id: Int32?) {
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while slots[slot] != 0 {
            let id = Int(slots[slot] - 1)
            if hashes[id] == hash, equal(values[id], bytes) { return (slot, Int32(id)) }
            slot = (slot + 1) & (slots.count - 1)
        }
        return (slot, nil)
    }

    private func equal(_ stored: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        stored.count == bytes.count && (bytes.isEmpty || stored.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
    }

    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int32(id + 1)
        }
    }

    /// FNV-1a, then mixed so the low bits (the slot) depend on every byte.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }
}
