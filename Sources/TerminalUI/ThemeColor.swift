/// The foreground/background pair a theme assigns to one role.
public struct ThemeColor: Equatable, Sendable, Hashable {
    public var foreground: TerminalColor
    public var background: TerminalColor

    public init(foreground: TerminalColor, background: TerminalColor = .default) {
        self.foreground = foreground
        self.background = background
    }

    /// Terminal defaults for both.
    public static let plain = ThemeColor(foreground: .default, background: .default)

    /// True when this pair does not change how text looks.
    public var isPlain: Bool { foreground == .default && background == .default }
}
