/// How many terminal columns text occupies.
///
/// An approximation of `wcwidth` by Unicode ranges: East Asian wide/fullwidth
/// characters and emoji take two columns, combining marks and format
/// characters take none, everything else takes one.
public enum DisplayWidth {
    /// The number of columns `s` occupies once printed.
    public static func of(_ s: String) -> Int {
        var total = 0
        for character in s { total += of(character) }
        return total
    }

    /// The number of columns one grapheme cluster occupies (0, 1 or 2).
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x7F {
            // ASCII fast path; controls print nothing.
            return first.value < 0x20 ? 0 : 1
        }
        if isZeroWidth(first) { return 0 }
        if isWide(first) { return 2 }
        // A text-default symbol followed by VS16 (U+FE0F) renders as a wide emoji.
        if scalars.count > 1, scalars.contains(where: { $0.value == 0xFE0F }), first.properties.isEmoji {
            return 2
        }
        return 1
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
