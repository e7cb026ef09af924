/// Strips anything from untrusted text that a terminal would interpret rather than print.
///
/// Run names, metric labels and error messages come from outside the program; a
/// stray escape sequence in them could clear the screen, retitle the window or
/// reorder text. `ScreenBuffer.write` calls this on every string, so widgets
/// cannot forget to.
public enum TextSanitizer {
    /// Returns `s` with escape sequences, control characters and bidi overrides removed.
    ///
    /// - ESC sequences are removed whole: CSI (`ESC [ … final`), OSC (`ESC ] … BEL`
    ///   or `ESC \`), DCS/SOS/PM/APC (until the string terminator), and other
    ///   `ESC` + intermediates + final sequences.
    /// - The 8-bit introducers U+009B (CSI), U+009D (OSC), U+0090/U+0098/U+009E/U+009F
    ///   are treated like their 7-bit forms, because some terminals honour them.
    /// - Newline, carriage return and tab become one space each (`\r\n` is one space).
    /// - Other C0 controls, DEL, C1 controls and bidi embedding/override/isolate
    ///   characters (U+202A–U+202E, U+2066–U+2069) are dropped.
    public static func clean(_ s: String) -> String {
        if !s.unicodeScalars.contains(where: needsAttention) { return s }
        let scalars = Array(s.unicodeScalars)
        var output = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let value = scalars[i].value
            switch value {
            case 0x1B:
                i = skipEscape(scalars, from: i + 1)
            case 0x9B:
                i = skipCSI(scalars, from: i + 1)
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F:
                i = skipString(scalars, from: i + 1)
            case 0x0D:
                output.append(" ")
                i += (i + 1 < scalars.count && scalars[i + 1].value == 0x0A) ? 2 : 1
            case 0x0A, 0x09:
                output.append(" ")
                i += 1
            default:
                if !isDropped(value) { output.append(scalars[i]) }
                i += 1
            }
        }
        return String(output)
    }

    private static func needsAttention(_ scalar: Unicode.Scalar) -> Bool {
        isDropped(scalar.value) || scalar.value == 0x1B
    }

    private static func isDropped(_ value: UInt32) -> Bool {
        value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
            || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
    }

    /// Skips what follows an ESC; returns the index after the sequence.
    private static func skipEscape(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        guard start < scalars.count else { return start }
        switch scalars[start] {
        case "[":
            return skipCSI(scalars, from: start + 1)
        case "]", "P", "X", "^", "_":
            return skipString(scalars, from: start + 1)
        default:
            var i = start
            // nF sequences (e.g. `ESC ( B`) carry intermediates 0x20–0x2F before the final byte.
            while i < scalars.count, (0x20...0x2F).contains(scalars[i].value) { i += 1 }
            if i < scalars.count, (0x30...0x7E).contains(scalars[i].value) { i += 1 }
            return i
        }
    }

    /// Skips CSI parameters/intermediates and the final byte.
    private static func skipCSI(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < scalars.count {
            let value = scalars[i].value
            if (0x20...0x3F).contains(value) { i += 1; continue }
            if (0x40...0x7E).contains(value) { return i + 1 }
            // Malformed: stop here and let the main loop judge this scalar.
            return i
        }
        return i
    }

    /// Skips a control string up to and including BEL, `ESC \` or U+009C.
    private static func skipString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        var i = start
        while i < scalars.count {
            let value = scalars[i].value
            if value == 0x07 || value == 0x9C { return i + 1 }
            if value == 0x1B {
                if i + 1 < scalars.count, scalars[i + 1] == "\\" { return i + 2 }
                return i + 1
            }
            i += 1
        }
        return i
    }
}
