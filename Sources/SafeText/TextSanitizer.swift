/// Makes untrusted text visible and inert before a person reads it.
///
/// Team, model and run names, incident titles, file paths and error messages come
/// from outside the program; an escape sequence in them could write to the clipboard
/// (OSC 52), clear the screen, retitle the window, and a bidi override could reorder
/// what a reviewer sees. Every human-readable output (the dashboard's cells and
/// status line, `summary` text, the Markdown and HTML reports, error messages) runs
/// its text through this one rule. Nothing is dropped: a hostile name stays
/// recognisable, so the person reading can see that something is off.
///
/// The rule, character by character:
///
/// | input                                  | shown as                                |
/// | -------------------------------------- | --------------------------------------- |
/// | C0 control U+0000–U+001F (incl. LF, CR, TAB) | its control picture U+2400–U+241F: `␀` … `␛` … `␟`, `␊` `␍` `␉` |
/// | DEL U+007F                             | `␡`                                     |
/// | C1 control U+0080–U+009F               | `␛` + its 7-bit letter (U+009B CSI → `␛[`, U+009D OSC → `␛]`) |
/// | bidi controls (LRE RLE PDF LRO RLO LRI RLI FSI PDI LRM RLM ALM) | a marker naming it: `⟨RLO⟩` |
/// | line/paragraph separator U+2028/U+2029 | `⟨LS⟩`, `⟨PS⟩`                          |
///
/// ESC becoming `␛` is what makes a sequence inert: a terminal only acts on the real
/// ESC byte, and the rest of the sequence (`[2J`, `]52;c;…`) prints as the plain
/// text it is. Everything else, including emoji joined with ZWJ, combining marks and
/// CJK, passes through unchanged. The result contains no character a terminal
/// interprets, so cleaning twice gives the same text.
///
/// ```swift
/// TextSanitizer.clean("atlas\u{1b}]52;c;ZXZpbA==\u{07}")   // "atlas␛]52;c;ZXZpbA==␇"
/// TextSanitizer.clean("\u{202e}gnp.exe")                   // "⟨RLO⟩gnp.exe"
/// ```
public enum TextSanitizer {
    /// One line of text: every control, line breaks included, made visible.
    public static func clean(_ s: String) -> String {
        transform(s, keepingLineFeeds: false)
    }

    /// A multi-line document (summary text, a report, a help page): like `clean`, but
    /// each LF stays a line break. Use `clean` for every single field inside it, so a
    /// name cannot start a line of its own.
    public static func cleanLines(_ s: String) -> String {
        transform(s, keepingLineFeeds: true)
    }

    /// JSON text with the characters that JSON allows raw but a terminal or a reader
    /// would act on (C1 controls, DEL, bidi controls, U+2028/U+2029) written as `\uXXXX`.
    ///
    /// JSON's grammar admits these only inside strings, where `\uXXXX` means the same
    /// character, so the document decodes to exactly the same values. Encoders already
    /// escape U+0000–U+001F, as the JSON spec requires.
    public static func escapingJSONInvisibles(_ json: String) -> String {
        guard json.unicodeScalars.contains(where: { isC1OrDEL($0.value) || marker(for: $0.value) != nil }) else { return json }
        var out = String.UnicodeScalarView()
        for scalar in json.unicodeScalars {
            let value = scalar.value
            if isC1OrDEL(value) || marker(for: value) != nil {
                let hex = String(value, radix: 16, uppercase: false)
                out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `s` holds anything `clean` would change.
    public static func needsCleaning(_ s: String) -> Bool {
        s.unicodeScalars.contains { needsAttention($0.value) }
    }

    // MARK: - The rule

    private static func transform(_ s: String, keepingLineFeeds: Bool) -> String {
        guard s.unicodeScalars.contains(where: { needsAttention($0.value) && !(keepingLineFeeds && $0.value == 0x0A) }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x0A where keepingLineFeeds:
                out.append(scalar)
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + value)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F:
                out.append("\u{241B}")
                out.append(Unicode.Scalar(value - 0x40)!)
            default:
                if let name = marker(for: value) {
                    out.append(contentsOf: "⟨\(name)⟩".unicodeScalars)
                } else {
                    out.append(scalar)
                }
            }
        }
        return String(out)
    }

    /// Printable ASCII, the common case, is decided by two comparisons.
    private static func needsAttention(_ value: UInt32) -> Bool {
        if value < 0x20 { return true }
        if value < 0x7F { return false }
        if value <= 0x9F { return true }
        return value >= 0x061C && marker(for: value) != nil
    }

    private static func isC1OrDEL(_ value: UInt32) -> Bool {
        value == 0x7F || (0x80...0x9F).contains(value)
    }

    /// The visible name of an invisible character that changes how text around it is
    /// ordered or broken into lines.
    private static func marker(for value: UInt32) -> String? {
        switch value {
        case 0x061C: return "ALM"
        case 0x200E: return "LRM"
        case 0x200F: return "RLM"
        case 0x2028: return "LS"
        case 0x2029: return "PS"
        case 0x202A: return "LRE"
        case 0x202B: return "RLE"
        case 0x202C: return "PDF"
        case 0x202D: return "LRO"
        case 0x202E: return "RLO"
        case 0x2066: return "LRI"
        case 0x2067: return "RLI"
        case 0x2068: return "FSI"
        case 0x2069: return "PDI"
        default: return nil
        }
    }
}
