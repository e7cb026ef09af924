import SafeText

/// A problem with an import file, located the way compilers locate errors:
/// `runs.csv:12:5: field 'status': 'done' is not valid; expected one of …`.
public struct ImportError: Error, CustomStringConvertible, Equatable {
    public var file: String
    /// 1-based line; nil when the problem is with the file as a whole.
    public var line: Int?
    /// 1-based column: the field's position in a CSV row, the character column in a JSON line.
    public var column: Int?
    public var field: String?
    public var value: String?
    public var problem: String

    public init(file: String, line: Int? = nil, column: Int? = nil, field: String? = nil,
                value: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.value = value
        self.problem = problem
    }

    public var description: String {
        var location = TextSanitizer.clean(file)
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        var text = "\(location): "
        if let field { text += "field '\(ImportError.printable(field))': " }
        if let value { text += "'\(ImportError.printable(value))' " }
        // A problem may quote the file too (an unknown escape, a foreign currency).
        text += TextSanitizer.clean(problem)
        return text
    }

    /// Shows a name or value from the file through the dashboard's sanitiser, so an
    /// escape sequence in it cannot act on the terminal; long text is cut at 80 characters.
    static func printable(_ value: String) -> String {
        let clean = TextSanitizer.clean(value)
        return clean.unicodeScalars.count > 80 ? String(String.UnicodeScalarView(clean.unicodeScalars.prefix(80))) + "…" : clean
    }
}
