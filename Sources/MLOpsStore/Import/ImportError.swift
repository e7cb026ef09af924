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
        var location = file
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        var text = "\(location): "
        if let field { text += "field '\(field)': " }
        if let value { text += "'\(ImportError.printable(value))' " }
        text += problem
        return text
    }

    /// Shows a bad value without letting its control characters act on the terminal.
    static func printable(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars.prefix(80) {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return value.unicodeScalars.count > 80 ? out + "…" : out
    }
}
