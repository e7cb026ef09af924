import MLOpsCore

/// One line of a rules file: a metric, a comparison and a threshold, for some subjects.
///
///     change_failure_rate > 15% for team=* as critical
///     deployments < 1 for team=* over 14d
///
/// The grammar is in docs/METRICS.md ("Check rules"); `CheckRuleParser` reads it.
public struct CheckRule: Sendable, Hashable {
    public var metric: CheckMetric
    public var comparison: CheckComparison
    /// In the metric's own unit: `15%` on a ratio metric is stored as 0.15.
    public var threshold: Double
    public var scope: CheckScope
    /// The window to measure over; nil means the command's `--window`.
    public var window: WindowSpec?
    public var severity: AttentionItem.Urgency
    /// Where the rule was written, for messages: `rules.txt:3`.
    public var source: String
    public var line: Int
    /// Where the scope was written (0: not written), so a name not in the store can be pointed at.
    public var scopeColumn: Int

    public init(metric: CheckMetric, comparison: CheckComparison, threshold: Double, scope: CheckScope = .organisation,
                window: WindowSpec? = nil, severity: AttentionItem.Urgency = .warning, source: String = "rules", line: Int = 1,
                scopeColumn: Int = 0) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.scope = scope
        self.window = window
        self.severity = severity
        self.source = source
        self.line = line
        self.scopeColumn = scopeColumn
    }
}

/// How a measured value is compared with a rule's threshold; the rule fires when it holds.
public enum CheckComparison: String, Sendable, Hashable, CaseIterable {
    case greater = ">", greaterOrEqual = ">=", less = "<", lessOrEqual = "<=", equal = "==", notEqual = "!="

    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .greater: return value > threshold
        case .greaterOrEqual: return value >= threshold
        case .less: return value < threshold
        case .lessOrEqual: return value <= threshold
        case .equal: return value == threshold
        case .notEqual: return value != threshold
        }
    }
}

/// Which subjects a rule is measured for.
public enum CheckScope: Sendable, Hashable, CustomStringConvertible {
    /// The command's subject: the organisation, or what `--team`/`--model` name.
    case organisation
    case everyTeam
    case team(String)
    case everyModel
    case model(String)

    public var description: String {
        switch self {
        case .organisation: return "org"
        case .everyTeam: return "team=*"
        case .team(let name): return "team=\(name)"
        case .everyModel: return "model=*"
        case .model(let name): return "model=\(name)"
        }
    }
}

extension AttentionItem.Urgency {
    /// The word rules files and check output use: critical, warning, notice.
    public var name: String {
        switch self {
        case .critical: return "critical"
        case .warning: return "warning"
        case .notice: return "notice"
        }
    }

    public init?(name: String) {
        switch name {
        case "critical": self = .critical
        case "warning": self = .warning
        case "notice": self = .notice
        default: return nil
        }
    }
}
