/// A problem in a theme file, located precisely enough to fix without guessing.
public struct ThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The theme file (or theme name when parsed from memory).
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// 1-based column of the offending token.
    public var column: Int
    /// The offending text ("" when something is missing).
    public var token: String
    /// What would have been valid here.
    public var expected: String

    public init(file: String, line: Int, column: Int, token: String, expected: String) {
        self.file = file
        self.line = line
        self.column = column
        self.token = token
        self.expected = expected
    }

    public var description: String {
        let found = token.isEmpty ? "end of line" : "'\(token)'"
        return "\(file):\(line):\(column): unexpected \(found); expected \(expected)"
    }
}

/// A theme name that is not in the catalog.
public struct UnknownThemeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var name: String
    public var available: [String]

    public init(name: String, available: [String]) {
        self.name = name
        self.available = available
    }

    public var description: String {
        ThemeCatalog.unknownThemeMessage(name, available: available)
    }
}
