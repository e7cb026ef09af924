/// What a backend sends for one cell, so the terminal covers exactly the columns the
/// buffer gave it, whatever Unicode version the terminal (and curses' `wcwidth`) knows.
///
/// The buffer measures by grapheme cluster (`DisplayWidth`): a family emoji joined with
/// ZWJ is one cell two columns wide. Terminals disagree: many draw each joined emoji on
/// its own (👨👩👧 takes six columns), some draw ❤️ in one column, a flag as two letters'
/// worth of boxes. Any disagreement shifts the rest of the row and leaves fragments of
/// the previous frame behind. So a cell is sent as glyphs whose width every terminal agrees on:
///
/// - a cluster of one column: its first scalar and the combining marks after it (`é`);
///   ZWJ, variation selectors and anything joined after them are dropped;
/// - an emoji sequence (ZWJ, skin tone, VS16): its first emoji alone, which is wide on
///   its own (👨 for a family); a text-default symbol made wide by VS16 (❤️) is sent plain
///   with a space after it;
/// - a flag (two regional indicators): its two letters, `JP` for 🇯🇵;
/// - CJK and other wide characters: the character and its combining marks.
public enum TerminalGlyphs {
    /// One entry per column of the cell: the text to draw there, or nil where the glyph
    /// drawn in an earlier column already covers it.
    ///
    /// `forCell("👨‍👩‍👧", width: 2) == ["👨", nil]`, `forCell("🇯🇵", width: 2) == ["J", "P"]`.
    public static func forCell(_ character: Character, width: Int) -> [String?] {
        let scalars = Array(character.unicodeScalars)
        guard let first = scalars.first, width > 0 else { return [] }
        if scalars.count == 1, !isRegionalIndicator(first) {
            return [String(character)] + Array(repeating: nil, count: width - 1)
        }
        if isRegionalIndicator(first) {
            // Flags: the two letters; a lone indicator: its letter and a space.
            let letters = scalars.prefix(2).filter(isRegionalIndicator).map { String(Unicode.Scalar($0.value - 0x1F1E6 + 0x41)!) }
            return Array((letters + [" ", " "]).prefix(max(width, 1)))
        }
        // The base and the combining marks that follow it, up to curses' limit of 5 scalars.
        var base = String.UnicodeScalarView([first])
        for scalar in scalars.dropFirst() {
            guard isCombiningMark(scalar), base.count < 5 else { break }
            base.append(scalar)
        }
        let glyph = String(base)
        if width == 1 { return [glyph] }
        // A wide cluster whose base is narrow on its own (❤ + VS16): pad with a space.
        let baseWidth = DisplayWidth.of(Character(first))
        return [glyph] + (baseWidth >= 2 ? [nil] : [" "]) + Array(repeating: " ", count: max(0, width - 2))
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    private static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark:
            // Variation selectors are nonspacing marks, but VS16 turns text into emoji presentation.
            return !(0xFE00...0xFE0F).contains(scalar.value)
        default:
            return false
        }
    }
}
