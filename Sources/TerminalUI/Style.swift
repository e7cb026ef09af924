/// How a cell should look: a semantic role plus terminal attributes.
///
/// Colours are deliberately absent: the theme decides them from `role`, so
/// widgets stay theme-agnostic and monochrome terminals still work.
public struct Style: Equatable, Hashable, Sendable {
    public var role: ThemeRole
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(role: ThemeRole = .text, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let text = Style(role: .text)
    public static let muted = Style(role: .muted)
    public static let border = Style(role: .border)
    public static let title = Style(role: .title, bold: true)
    public static let accent = Style(role: .accent)
    public static let ok = Style(role: .ok)
    public static let warn = Style(role: .warn)
    public static let critical = Style(role: .critical, bold: true)
    public static let selection = Style(role: .selection)
    public static let header = Style(role: .header, bold: true)
    public static let background = Style(role: .background)

    /// A bold style in the given role.
    public static func bold(_ role: ThemeRole) -> Style { Style(role: role, bold: true) }

    /// A plain style in the given role.
    public static func role(_ role: ThemeRole) -> Style { Style(role: role) }

    /// A copy with bold switched on.
    public var emphasized: Style {
        var copy = self
        copy.bold = true
        return copy
    }

    /// A copy with reverse video switched on.
    public var reversed: Style {
        var copy = self
        copy.reverse = true
        return copy
    }
}
