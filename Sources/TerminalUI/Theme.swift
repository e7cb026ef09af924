/// Colours for every `ThemeRole`, plus the rules that keep a colourless theme readable.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var colors: [ThemeRole: ThemeColor]

    public init(name: String, colors: [ThemeRole: ThemeColor]) {
        self.name = name
        self.colors = colors
    }

    /// The colours for `role`; roles the theme leaves out use the `text` colours.
    public func color(for role: ThemeRole) -> ThemeColor {
        colors[role] ?? colors[.text] ?? .plain
    }

    /// `style` with the attributes that must carry meaning when colour cannot.
    ///
    /// When colours are unavailable (or the theme leaves a role uncoloured),
    /// selection is shown in reverse video, critical/title/header in bold and
    /// warnings underlined, so monochrome output still distinguishes them.
    public func effectiveStyle(_ style: Style, colorsAvailable: Bool) -> Style {
        var result = style
        guard !colorsAvailable || color(for: style.role).isPlain else { return result }
        switch style.role {
        case .selection: result.reverse = true
        case .critical, .title, .header: result.bold = true
        case .warn: result.underline = true
        case .accent: result.bold = true
        default: break
        }
        return result
    }

    /// Terminal defaults everywhere; meaning comes from bold/reverse/underline only.
    public static let monochrome = Theme(
        name: "mono",
        colors: Dictionary(uniqueKeysWithValues: ThemeRole.allCases.map { ($0, ThemeColor.plain) })
    )

    /// The built-in dark theme, identical to themes/default.theme, for when no theme files are found.
    public static let standard = Theme(name: "default", colors: [
        .text: ThemeColor(foreground: .default),
        .muted: ThemeColor(foreground: .ansi(8)),
        .border: ThemeColor(foreground: .indexed(240)),
        .title: ThemeColor(foreground: .ansi(14)),
        .accent: ThemeColor(foreground: .indexed(33)),
        .ok: ThemeColor(foreground: .ansi(10)),
        .warn: ThemeColor(foreground: .ansi(11)),
        .critical: ThemeColor(foreground: .ansi(9)),
        .selection: ThemeColor(foreground: .ansi(0), background: .ansi(6)),
        .header: ThemeColor(foreground: .ansi(15), background: .indexed(236)),
        .background: ThemeColor(foreground: .default),
    ])
}
