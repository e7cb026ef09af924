/// What `:` accepts, and Tab's completion of it: the command, then a team, model,
/// window or theme name.
enum CommandCompletion {
    static let commands = ["team", "model", "window", "theme", "export", "save", "quit"]
    static let windows = ["7d", "30d", "90d", "qtd", "pq"]

    /// The words that could come next for `text` as typed so far.
    static func candidates(_ text: String, teams: [String], models: [String], themes: [String]) -> [String] {
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count <= 1 { return commands.filter { $0.hasPrefix(parts.first ?? "") } }
        let options: [String]
        switch parts[0] {
        case "team": options = teams
        case "model": options = models
        case "window": options = windows
        case "theme": options = themes
        default: options = []
        }
        return options.filter { $0.hasPrefix(parts[1]) }
    }

    /// `text` extended by what all candidates share: the whole word (and a space after a
    /// command that takes an argument) when only one fits.
    static func complete(_ text: String, teams: [String], models: [String], themes: [String]) -> String {
        let options = candidates(text, teams: teams, models: models, themes: themes)
        guard let first = options.first else { return text }
        var common = first
        for o in options.dropFirst() { while !o.hasPrefix(common) { common.removeLast() } }
        let parts = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        if parts.count <= 1 {
            let takesArgument = options.count == 1 && ["team", "model", "window", "theme"].contains(common)
            return common.count >= text.count ? common + (takesArgument ? " " : "") : text
        }
        return common.count >= parts[1].count ? parts[0] + " " + common : text
    }
}
