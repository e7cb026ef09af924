import MLOpsCore
import SafeText

/// A rules file that cannot be read, with the place to fix: `rules.txt:3:21: …`.
public struct CheckRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    public var source: String
    public var line: Int
    public var column: Int
    public var message: String

    public init(source: String, line: Int, column: Int, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    /// Sanitised: the message quotes the file, which may hold anything.
    public var description: String { TextSanitizer.clean("\(source):\(line):\(column): \(message)") }
}

/// Reads check rules: one rule per line, `#` starts a comment.
///
///     metric op threshold [for SCOPE] [over WINDOW] [as SEVERITY]
///
/// - op: `>`, `>=`, `<`, `<=`, `==`, `!=`
/// - threshold: a number; `15%` on a ratio metric means 0.15, on a percent metric 15
/// - SCOPE: `org` (default), `team=*`, `team=NAME`, `model=*`, `model=NAME`; quote names
///   with spaces: `team="ML Research"`
/// - WINDOW: as `--window` takes it (`14d`, `qtd`, `2026-Q3`, …); default `--window`
/// - SEVERITY: `critical`, `warning` (default) or `notice`
public enum CheckRuleParser {
    public static func parse(_ text: String, source: String) throws -> [CheckRule] {
        var rules: [CheckRule] = []
        var lineNumber = 0
        // Editors on Windows start UTF-8 files with a byte order mark; it is not part of the first rule.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        // "\r\n" is one Character in Swift, and a newline like "\n" and "\r".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            lineNumber += 1
            let tokens = try tokenize(String(line), source: source, line: lineNumber)
            if tokens.isEmpty { continue }
            rules.append(try rule(tokens, source: source, line: lineNumber))
        }
        return rules
    }

    struct Token {
        var text: String
        var column: Int
    }

    private static func rule(_ tokens: [Token], source: String, line: Int) throws -> CheckRule {
        func fail(_ column: Int, _ message: String) -> CheckRuleError {
            CheckRuleError(source: source, line: line, column: column, message: message)
        }
        let end = (tokens.last.map { $0.column + $0.text.count }) ?? 1
        guard let metric = CheckMetric.named(tokens[0].text) else {
            throw fail(tokens[0].column, "unknown metric '\(tokens[0].text)'; known: \(CheckMetric.all.map(\.name).joined(separator: ", "))")
        }
        guard tokens.count > 1 else { throw fail(end, "expected a comparison (>, >=, <, <=, ==, !=) after '\(metric.name)'") }
        guard let comparison = CheckComparison(rawValue: tokens[1].text) else {
            throw fail(tokens[1].column, "expected a comparison (>, >=, <, <=, ==, !=), found '\(tokens[1].text)'")
        }
        guard tokens.count > 2 else { throw fail(end, "expected a threshold after '\(comparison.rawValue)'") }
        let threshold = try parseThreshold(tokens[2], unit: metric.unit, fail: fail)

        var rule = CheckRule(metric: metric, comparison: comparison, threshold: threshold, source: source, line: line)
        var seen: Set<String> = []
        var i = 3
        while i < tokens.count {
            let keyword = tokens[i]
            guard ["for", "over", "as"].contains(keyword.text) else {
                throw fail(keyword.column, "expected 'for', 'over' or 'as', found '\(keyword.text)'")
            }
            guard seen.insert(keyword.text).inserted else { throw fail(keyword.column, "'\(keyword.text)' given twice") }
            guard i + 1 < tokens.count else { throw fail(end, "expected a value after '\(keyword.text)'") }
            let value = tokens[i + 1]
            switch keyword.text {
            case "for":
                guard let scope = parseScope(value.text) else {
                    throw fail(value.column, "expected a scope (org, team=*, team=NAME, model=*, model=NAME), found '\(value.text)'")
                }
                rule.scope = scope
                rule.scopeColumn = value.column
            case "over":
                guard let window = WindowSpec(value.text) else {
                    throw fail(value.column, "expected a window (\(WindowSpec.accepted)), found '\(value.text)'")
                }
                rule.window = window
            default:
                guard let severity = AttentionItem.Urgency(name: value.text) else {
                    throw fail(value.column, "expected a severity (critical, warning, notice), found '\(value.text)'")
                }
                rule.severity = severity
            }
            i += 2
        }
        return rule
    }

    private static func parseThreshold(_ token: Token, unit: MetricUnit,
                                       fail: (Int, String) -> CheckRuleError) throws -> Double {
        var text = token.text
        let percent = text.hasSuffix("%")
        if percent { text.removeLast() }
        guard let number = Double(text), number.isFinite, text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }) else {
            throw fail(token.column, "expected a number as threshold, found '\(token.text)'")
        }
        guard percent else { return number }
        switch unit {
        case .ratio: return number / 100
        case .percent: return number
        default: throw fail(token.column + token.text.count - 1, "'%' fits only ratio and percent metrics; this one counts \(unit.rawValue)")
        }
    }

    private static func parseScope(_ text: String) -> CheckScope? {
        if text == "org" || text == "organisation" { return .organisation }
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        switch parts[0] {
        case "team": return parts[1] == "*" ? .everyTeam : .team(parts[1])
        case "model": return parts[1] == "*" ? .everyModel : .model(parts[1])
        default: return nil
        }
    }

    /// Splits on spaces and tabs; `"…"` groups (with `\"` and `\\` inside), `#` outside quotes ends the line.
    /// Columns count characters from 1.
    static func tokenize(_ line: String, source: String, line number: Int) throws -> [Token] {
        var tokens: [Token] = []
        var current: String?
        var start = 0
        var quoteStart: Int?
        var escaped = false
        for (offset, c) in line.enumerated() {
            let column = offset + 1
            if quoteStart != nil {
                if escaped { current!.append(c); escaped = false }
                else if c == "\\" { escaped = true }
                else if c == "\"" { quoteStart = nil }
                else { current!.append(c) }
                continue
            }
            if c == " " || c == "\t" {
                if let text = current { tokens.append(Token(text: text, column: start)); current = nil }
                continue
            }
            if c == "#" && current == nil { break }
            if current == nil { current = ""; start = column }
            if c == "\"" { quoteStart = column } else { current!.append(c) }
        }
        if let open = quoteStart {
            throw CheckRuleError(source: source, line: number, column: open, message: "unterminated quote")
        }
        if let text = current { tokens.append(Token(text: text, column: start)) }
        return tokens
    }
}
