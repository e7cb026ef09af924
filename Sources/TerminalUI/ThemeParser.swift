extension Theme {
    /// Parses a theme file.
    ///
    /// Format, one role per line, `#` starts a comment:
    ///
    ///     text      = white on default
    ///     muted     = bright-black
    ///     accent    = 33
    ///     selection = black on cyan
    ///
    /// Colours are `default`, the 16 names `black` … `bright-white`, or 0–255.
    /// Roles not mentioned fall back to the `text` colours.
    ///
    /// - Parameter file: used in error messages; defaults to "`name`.theme".
    public static func parse(name: String, text: String, file: String? = nil) throws -> Theme {
        let fileName = file ?? "\(name).theme"
        var colors: [ThemeRole: ThemeColor] = [:]
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (lineIndex, rawLine) in lines.enumerated() {
            let tokens = tokenize(String(rawLine))
            guard !tokens.isEmpty else { continue }
            func fail(_ token: (text: String, column: Int)?, _ expected: String) -> ThemeError {
                let column = token?.column ?? (DisplayWidth.of(String(rawLine).trimmedTrailing()) + 1)
                return ThemeError(file: fileName, line: lineIndex + 1, column: column, token: token?.text ?? "", expected: expected)
            }
            let roleToken = tokens[0]
            guard let role = ThemeRole(rawValue: roleToken.text.lowercased()) else {
                throw fail(roleToken, "a role (\(ThemeRole.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard tokens.count > 1, tokens[1].text == "=" else {
                throw fail(tokens.count > 1 ? tokens[1] : nil, "'=' after the role name")
            }
            guard tokens.count > 2 else { throw fail(nil, "a colour after '='") }
            guard let foreground = TerminalColor(token: tokens[2].text) else {
                throw fail(tokens[2], colourExpectation)
            }
            var background = TerminalColor.default
            if tokens.count > 3 {
                guard tokens[3].text.lowercased() == "on" else {
                    throw fail(tokens[3], "'on <background colour>' or end of line")
                }
                guard tokens.count > 4 else { throw fail(nil, "a background colour after 'on'") }
                guard let parsed = TerminalColor(token: tokens[4].text) else {
                    throw fail(tokens[4], colourExpectation)
                }
                background = parsed
                if tokens.count > 5 { throw fail(tokens[5], "end of line") }
            }
            colors[role] = ThemeColor(foreground: foreground, background: background)
        }
        return Theme(name: name, colors: colors)
    }

    private static let colourExpectation =
        "a colour: default, \(TerminalColor.names.joined(separator: ", ")) or a number 0-255"

    /// Splits a line into tokens with 1-based columns; `=` is always its own token, `#` ends the line.
    private static func tokenize(_ line: String) -> [(text: String, column: Int)] {
        var tokens: [(text: String, column: Int)] = []
        var current = ""
        var start = 0
        var column = 0
        func flush() {
            if !current.isEmpty { tokens.append((current, start)) }
            current = ""
        }
        for character in line {
            column += 1
            if character == "#" { break }
            if character == " " || character == "\t" || character == "\r" {
                flush()
            } else if character == "=" {
                flush()
                tokens.append(("=", column))
            } else {
                if current.isEmpty { start = column }
                current.append(character)
            }
        }
        flush()
        return tokens
    }
}
