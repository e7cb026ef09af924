import Foundation

/// SplitMix64: a small, fast, deterministic generator, so the same seed gives the same
/// data on every machine and Swift version (the standard library's generator is not seedable).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    public mutating func chance(_ p: Double) -> Bool { unit() < p }

    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    public mutating func double(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    /// Roughly normal (sum of uniforms), cheap and bounded.
    public mutating func normal(mean: Double, deviation: Double) -> Double {
        var s = 0.0
        for _ in 0..<6 { s += unit() }
        return mean + (s - 3) * deviation / 0.707
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A count with the given mean: Poisson for small means, rounded normal above.
    public mutating func poisson(_ mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 30 { return max(0, Int(normal(mean: mean, deviation: mean.squareRoot()).rounded())) }
        let l = Foundation.exp(-mean)
        var k = 0
        var p = 1.0
        repeat { k += 1; p *= unit() } while p > l
        return k - 1
    }
}

