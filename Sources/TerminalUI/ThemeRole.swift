/// The semantic purpose of a piece of text; themes map each role to colours.
public enum ThemeRole: String, CaseIterable, Sendable, Hashable {
    case text, muted, border, title, accent, ok, warn, critical, selection, header, background
}
