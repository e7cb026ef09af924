/// A terminal colour as the theme file names it.
public enum TerminalColor: Equatable, Sendable, Hashable, CustomStringConvertible {
    /// The terminal's own foreground/background (transparent backgrounds stay transparent).
    case `default`
    /// One of the 16 standard colours: 0–7 normal, 8–15 bright.
    case ansi(Int)
    /// An entry of the 256-colour palette.
    case indexed(Int)

    /// Theme-file names in palette order; index = ANSI number.
    public static let names = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses a theme-file token: a colour name, `default`, or an integer 0–255.
    public init?(token: String) {
        let lower = token.lowercased()
        if lower == "default" { self = .default; return }
        if let index = TerminalColor.names.firstIndex(of: lower) { self = .ansi(index); return }
        // Common spellings people type for bright-black.
        if lower == "gray" || lower == "grey" { self = .ansi(8); return }
        if let number = Int(lower), (0...255).contains(number) { self = .indexed(number); return }
        return nil
    }

    public var description: String {
        switch self {
        case .default: return "default"
        case .ansi(let n): return TerminalColor.names.indices.contains(n) ? TerminalColor.names[n] : "ansi(\(n))"
        case .indexed(let n): return String(n)
        }
    }

    /// The palette number to use on a terminal with `colorCount` colours; -1 means the terminal default.
    ///
    /// 256-colour entries are mapped to the nearest of the 16 (or 8) basic
    /// colours on smaller palettes, and bright colours lose their brightness on
    /// 8-colour terminals.
    public func paletteIndex(colorCount: Int) -> Int {
        switch self {
        case .default:
            return -1
        case .ansi(let n):
            let n = min(15, max(0, n))
            return colorCount >= 16 ? n : n % 8
        case .indexed(let n):
            let n = min(255, max(0, n))
            if colorCount >= 256 { return n }
            let basic = n < 16 ? n : TerminalColor.nearestBasic(n)
            return colorCount >= 16 ? basic : basic % 8
        }
    }

    /// Nearest of the 16 ANSI colours for a 256-palette entry 16–255.
    static func nearestBasic(_ n: Int) -> Int {
        if n >= 232 {
            let level = n - 232 // 0 (near black) … 23 (near white)
            switch level {
            case ..<6: return 0
            case ..<12: return 8
            case ..<19: return 7
            default: return 15
            }
        }
        let cube = n - 16
        let r = cube / 36, g = (cube / 6) % 6, b = cube % 6
        let top = max(r, g, b)
        if top == 0 { return 0 }
        // A component counts when it is more than half the strongest one.
        let bits = (r * 2 > top ? 1 : 0) | (g * 2 > top ? 2 : 0) | (b * 2 > top ? 4 : 0)
        if bits == 7 {
            // Greys: dark -> bright-black, mid -> white, light -> bright-white.
            return top <= 2 ? 8 : (top <= 4 ? 7 : 15)
        }
        return bits + (top >= 4 ? 8 : 0)
    }
}
