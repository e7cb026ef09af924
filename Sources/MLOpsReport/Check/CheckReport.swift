import Foundation
import MLOpsCore
import SafeText

/// What `check` prints: one line per violation for people and mail from cron, or JSON for scripts.
public enum CheckReport {
    /// One sanitised line per violation:
    /// `critical team=risk change_failure_rate 20% > 15% over 30d (rules.txt:3): item; item`.
    public static func lines(_ result: CheckResult) -> [String] {
        result.violations.map { v in
            let unit = v.rule.metric.unit
            var line = "\(v.rule.severity.name) \(v.target.subject) \(v.rule.metric.name) \(number(v.value, unit)) "
                + "\(v.rule.comparison.rawValue) \(number(v.rule.threshold, unit)) over \(v.target.window) (\(v.rule.source):\(v.rule.line))"
            if !v.items.isEmpty { line += ": " + v.items.joined(separator: "; ") }
            return TextSanitizer.clean(line)
        }
    }

    /// A value as the rule would be written: ratios as percentages, everything else as a plain number.
    static func number(_ v: Double?, _ unit: MetricUnit) -> String {
        guard let v else { return "no data" }
        switch unit {
        case .ratio: return plain(v * 100) + "%"
        case .percent: return plain(v) + "%"
        default: return plain(v)
        }
    }

    /// Up to four decimals, without trailing zeros: `15`, `0.1234`, `2.5`.
    static func plain(_ v: Double) -> String {
        var text = Format.fixed(v, 4)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// The `check --json` document.
    public struct Document: Codable, Sendable, Equatable {
        public static let currentSchemaVersion = 1

        public var schemaVersion: Int
        public var generatedAt: String
        public var rules: Int
        public var evaluated: Int
        public var withoutData: Int
        public var violations: [Violation]

        public struct Violation: Codable, Sendable, Equatable {
            public var severity: String
            public var subject: String
            public var team: String?
            public var model: String?
            public var metric: String
            public var unit: String
            public var value: Double
            public var comparison: String
            public var threshold: Double
            public var window: String
            public var rule: String
            public var items: [String]
        }

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schema_version", generatedAt = "generated_at", rules, evaluated, withoutData = "without_data", violations
        }

        public init(_ result: CheckResult, rules: Int, now: Instant) {
            schemaVersion = Self.currentSchemaVersion
            generatedAt = now.iso8601
            self.rules = rules
            evaluated = result.evaluated
            withoutData = result.withoutData
            violations = result.violations.map { v in
                Violation(severity: v.rule.severity.name, subject: v.target.subject, team: v.target.filter.team, model: v.target.filter.model,
                          metric: v.rule.metric.name, unit: v.rule.metric.unit.rawValue, value: v.value,
                          comparison: v.rule.comparison.rawValue, threshold: v.rule.threshold, window: v.target.window.description,
                          rule: "\(v.rule.source):\(v.rule.line)", items: v.items)
            }
        }

        public func json() throws -> String {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: try encoder.encode(self), as: UTF8.self)
        }
    }
}
