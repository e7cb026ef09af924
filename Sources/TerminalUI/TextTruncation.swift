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
}
