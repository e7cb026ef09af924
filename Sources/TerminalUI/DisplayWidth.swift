/// How many terminal columns text occupies, measured by grapheme cluster.
///
/// An approximation of `wcwidth` by Unicode ranges: East Asian wide/fullwidth
/// characters and emoji take two columns, combining marks and format characters take
/// none, everything else takes one. A cluster is measured as one unit when it is an
/// emoji sequence (ZWJ family, skin tone, flag, VS16: two columns, see `TerminalGlyphs`
/// for how it is drawn) and as the sum of its scalars otherwise, which is how terminals
/// lay out a conjunct like `क्ष` (two columns; `cells(of:)` splits it into one cell each).
public enum DisplayWidth {
    /// The number of columns `s` occupies once printed.
    public static func of(_ s: String) -> Int {
        var total = 0
        for character in s { total += of(character) }
        return total
    }

    /// The number of columns one grapheme cluster occupies.
    ///
    /// 0, 1 or 2, except a text cluster of several spacing letters (a Devanagari
    /// conjunct with its vowel sign can take 3).
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // One scalar, the common case: its UTF-8 length is that of its first scalar.
        if c.utf8.count == UTF8.width(first) { return of(first) }
        if first.value < 0x7F {
            if first.value < 0x20 { return 0 }
            if isEmojiSequence(scalars) { return 1 }  // keycap 1️⃣
            return scalars.reduce(0) { $0 + of($1) }
        }
        if isEmojiSequence(scalars) {
            if isZeroWidth(first) { return 0 }
            if isWide(first) { return 2 }
            // A text-default symbol followed by VS16 (U+FE0F) renders as a wide emoji.
            if scalars.contains(where: { $0.value == 0xFE0F }), first.properties.isEmoji { return 2 }
            return 1
        }
        return scalars.reduce(0) { $0 + of($1) }
    }

    /// The columns of one scalar on its own: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value < 0x7F { return scalar.value < 0x20 ? 0 : 1 }
        if isZeroWidth(scalar) { return 0 }
        return isWide(scalar) ? 2 : 1
    }

    /// The cells a cluster fills: the cluster itself, or for a text cluster of several
    /// spacing letters (`क्ष`), one cluster per letter with the marks that follow it, so
    /// every cell is at most two columns and together they print the same text.
    public static func cells(of c: Character) -> [Character] {
        let scalars = c.unicodeScalars
        guard scalars.count > 1, !isEmojiSequence(scalars) else { return [c] }
        var units: [String.UnicodeScalarView] = []
        for scalar in scalars {
            if units.isEmpty || of(scalar) > 0 { units.append(String.UnicodeScalarView([scalar])) } else { units[units.count - 1].append(scalar) }
        }
        guard units.count > 1 else { return [c] }
        let strings = units.map(String.init)
        // Defensive: if a part would not stand as one cluster, keep the whole.
        guard strings.allSatisfy({ $0.count == 1 }) else { return [c] }
        return strings.map { Character($0) }
    }

    /// Whether a cluster is drawn as one emoji: it joins or modifies pictographs, or
    /// asks for emoji presentation.
    static func isEmojiSequence(_ scalars: Character.UnicodeScalarView) -> Bool {
        scalars.contains { s in
            let v = s.value
            return v == 0xFE0F || v == 0x20E3 || (0x1F1E6...0x1F1FF).contains(v) || (0x1F3FB...0x1F3FF).contains(v)
                || (v >= 0x2000 && s.properties.isEmojiPresentation)
        }
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F...0x9F).contains(value) { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format:
            // U+00AD SOFT HYPHEN is "format" but terminals print it.
            return value != 0x00AD
        default:
            return (0x1160...0x11FF).contains(value)
        }
    }

    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        for range in wideRanges where range.contains(value) { return true }
        return scalar.properties.isEmojiPresentation
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, // Hangul Jamo initial consonants
        0x2329...0x232A,
        0x2E80...0x303E, // CJK radicals, punctuation
        0x3041...0x33FF, // Hiragana, Katakana, CJK compatibility
        0x3400...0x4DBF, // CJK extension A
        0x4E00...0x9FFF, // CJK unified ideographs
        0xA000...0xA4CF, // Yi
        0xA960...0xA97F,
        0xAC00...0xD7A3, // Hangul syllables
        0xF900...0xFAFF, // CJK compatibility ideographs
        0xFE10...0xFE19,
        0xFE30...0xFE6F,
        0xFF00...0xFF60, // Fullwidth forms
        0xFFE0...0xFFE6,
        0x1F300...0x1F64F, // Misc symbols & pictographs, emoticons
        0x1F900...0x1F9FF, // Supplemental symbols & pictographs
        0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]
}
