/// Name patterns that mark a compute charge as GPU compute.
///
/// A name (resource id or name, SKU, service, description) is cut into lower-case
/// tokens at every character that is not a letter or digit, so
/// `Standard_NC24ads_A100_v4` gives `standard nc24ads a100 v4` and `p4d.24xlarge` gives
/// `p4d 24xlarge`. A pattern matches a whole token; in a pattern `*` stands for any
/// run of characters and `#` for one digit: `nc#*` matches `nc24ads` but not `ncache`.
public struct GPUNamePatterns: Sendable, Equatable {
    public var patterns: [String]

    public init(_ patterns: [String]) { self.patterns = patterns.map { $0.lowercased() } }

    /// NVIDIA parts and the GPU instance families of AWS, Azure and Google Cloud.
    public static let defaults = GPUNamePatterns([
        "*gpu*", "nvidia*", "cuda*", "a100*", "h100*", "h200*", "b200*", "gb200*", "a10", "a10g", "l4", "l40*",
        "t4", "v100*", "k80", "p100", "p2", "p3", "p3dn", "p4d", "p4de", "p5*", "p6*", "g4dn", "g4ad", "g5*", "g6*",
        "nc#*", "nd#*", "nv#*", "tpu*",
    ])

    /// Whether any token of any of the names matches any pattern.
    func matches(_ names: [String?]) -> Bool {
        for case let name? in names {
            for token in Self.tokens(name) where patterns.contains(where: { Self.glob(Array($0.utf8)[...], token[...]) }) {
                return true
            }
        }
        return false
    }

    static func tokens(_ text: String) -> [[UInt8]] {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        for var c in text.utf8 {
            if c >= 65 && c <= 90 { c += 32 }
            if (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c >= 0x80 {
                current.append(c)
            } else if !current.isEmpty {
                tokens.append(current)
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// `*` any run, `#` one digit, anything else itself.
    static func glob(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let p = pattern.first else { return text.isEmpty }
        switch p {
        case UInt8(ascii: "*"):
            var rest = text
            while true {
                if glob(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case UInt8(ascii: "#"):
            guard let t = text.first, t >= 48 && t <= 57 else { return false }
            return glob(pattern.dropFirst(), text.dropFirst())
        default:
            guard text.first == p else { return false }
            return glob(pattern.dropFirst(), text.dropFirst())
        }
    }
}
