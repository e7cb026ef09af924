/// Fitting text into a fixed number of columns.
public enum TextTruncation {
    /// Cuts `text` to at most `width` columns, ending in `ellipsis` when anything was cut.
    ///
    /// Wide characters are never split; if one would straddle the limit it is dropped.
    public static func truncate(_ text: String, toWidth width: Int, ellipsis: Character = "…") -> String {
        guard width > 0 else { return "" }
        if DisplayWidth.of(text) <= width { return text }
        let ellipsisWidth = DisplayWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return "" }
        let budget = width - ellipsisWidth
        var result = ""
        var used = 0
        for character in text {
            let w = DisplayWidth.of(character)
            if used + w > budget { break }
            result.append(character)
            used += w
        }
        result.append(ellipsis)
        return result
    }

    /// Truncates and then pads `text` with spaces to exactly `width` columns.
    public static func fit(_ text: String, toWidth width: Int, alignment: TextAlignment = .left, ellipsis: Character = "…") -> String {
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        let gap = max(0, width - DisplayWidth.of(cut))
        switch alignment {
        case .left:
            return cut + String(repeating: " ", count: gap)
        case .right:
            return String(repeating: " ", count: gap) + cut
        case .center:
            let left = gap / 2
            return String(repeating: " ", count: left) + cut + String(repeating: " ", count: gap - left)
        }
    }

    /// Cuts `text` to at most `width` columns at a word boundary (a space), ending in
    /// `ellipsis`; a single word longer than the width is cut inside it, as `truncate` does.
    public static func truncateAtWord(_ text: String, toWidth width: Int, ellipsis: Character = "…") -> String {
        if DisplayWidth.of(text) <= width { return text }
        let cut = truncate(text, toWidth: width, ellipsis: ellipsis)
        var kept = String(cut.dropLast())
        // The character after the cut: a space there means the cut already ends a word.
        let next = text.dropFirst(kept.count).first
        if next != " ", let space = kept.lastIndex(of: " ") { kept = String(kept[..<space]) }
        while kept.hasSuffix(" ") || kept.hasSuffix("·") { kept.removeLast() }
        return kept.isEmpty ? cut : kept + String(ellipsis)
    }

    /// The first of `variants` (longest and fullest first) that fits in `width` columns;
    /// when none does, the last one cut at a word boundary. How a line abbreviates by
    /// rule rather than losing its end mid-word.
    public static func firstFitting(_ variants: [String], width: Int, ellipsis: Character = "…") -> String {
        if let fit = variants.first(where: { DisplayWidth.of($0) <= width }) { return fit }
        return truncateAtWord(variants.last ?? "", toWidth: width, ellipsis: ellipsis)
    }
}
