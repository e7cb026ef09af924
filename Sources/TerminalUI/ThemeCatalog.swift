import Foundation

/// Loading themes from a directory and reporting unknown names helpfully.
public enum ThemeCatalog {
    /// Every `*.theme` file in `directory`, keyed by file name without extension.
    ///
    /// A malformed file throws its `ThemeError` rather than being skipped, so a
    /// typo is noticed instead of silently falling back.
    public static func load(directory: URL) throws -> [String: Theme] {
        let entries = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
        var themes: [String: Theme] = [:]
        for url in entries where url.pathExtension == "theme" {
            let name = url.deletingPathExtension().lastPathComponent
            let text = try String(contentsOf: url, encoding: .utf8)
            themes[name] = try Theme.parse(name: name, text: text, file: url.lastPathComponent)
        }
        return themes
    }

    /// The theme called `name`, or an `UnknownThemeError` listing the alternatives.
    public static func theme(named name: String, in themes: [String: Theme]) throws -> Theme {
        if let theme = themes[name] { return theme }
        throw UnknownThemeError(name: name, available: themes.keys.sorted())
    }

    /// "unknown theme 'x'; available themes: a, b, c".
    public static func unknownThemeMessage(_ name: String, available: [String]) -> String {
        let list = available.sorted()
        if list.isEmpty { return "unknown theme '\(name)'; no themes are available" }
        return "unknown theme '\(name)'; available themes: \(list.joined(separator: ", "))"
    }
}
