/// The help overlay: every key the dashboard knows. The README's key table is rendered
/// from the same entries (`markdownTable`; a test keeps the two equal).
enum HelpText {
    /// The popup's width: the longest line plus border and padding, which still fits 80 columns.
    static let width = 76

    /// Keys and what they do, in the order the help lists them.
    static let entries: [(keys: String, action: String)] = [
        ("1–9", "switch screen: 1 Overview 2 Velocity 3 Maintenance 4 Maturity 5 Finance 6 Product 7 Research 8 On-call (o) 9 Data health (d)"),
        ("Tab S-Tab", "next / previous panel; keys act on the focused one"),
        ("↑ ↓ j k", "move · PgUp PgDn · g G first / last"),
        ("Enter", "drill into the records behind a row; on a record: all fields"),
        ("Esc", "back: close a drill-down or popup, clear filter, stop a load"),
        ("/", "filter the focused table as you type; Esc clears the filter"),
        ("S A–Z", "sort by column A, B, … (the same letter again: reverse)"),
        ("< >", "sort by the previous / next column"),
        ("t m w", "pick team, model, window (7d 30d 90d QTD prev quarter)"),
        ("T", "pick theme"),
        (":", "command: team NAME · model NAME · window 90d · theme light · export · save · quit (Tab completes)"),
        ("r", "refresh now (it also refreshes itself when the store changes)"),
        ("e", "export the report in the background; never overwrites a file"),
        ("Ctrl-S", "save this screen as plain text"),
        ("?", "this help"),
        ("q", "quit"),
    ]

    /// Column of the actions in the popup.
    static let keyWidth = 11

    /// The popup's lines: each action wrapped at a word to the popup's width, under its key.
    static let lines: [String] = entries.flatMap { entry -> [String] in
        let room = width - 4 - keyWidth
        var out: [String] = [], line = ""
        for word in entry.action.split(separator: " ", omittingEmptySubsequences: false) {
            if !line.isEmpty && line.count + 1 + word.count > room {
                out.append(line)
                line = String(word)
            } else {
                line += (line.isEmpty ? "" : " ") + word
            }
        }
        out.append(line)
        return out.enumerated().map { i, text in
            (i == 0 ? entry.keys.padding(keyWidth) : String(repeating: " ", count: keyWidth)) + text
        }
    }

    /// The README's "Dashboard keys" table.
    static var markdownTable: String {
        (["| Key | Action |", "|---|---|"] + entries.map { "| `\($0.keys)` | \($0.action) |" }).joined(separator: "\n")
    }
}
