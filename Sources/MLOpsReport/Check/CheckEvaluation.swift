import MLOpsCore

/// One subject and window a rule is measured for; the command computes one snapshot each.
public struct CheckTarget: Sendable, Hashable {
    public var filter: SubjectFilter
    public var window: WindowSpec

    public init(filter: SubjectFilter, window: WindowSpec) {
        self.filter = filter
        self.window = window
    }

    /// `org`, `team=risk`, `model=churn`, `team=risk,model=churn`.
    public var subject: String {
        switch (filter.team, filter.model) {
        case (nil, nil): return "org"
        case (let t?, nil): return "team=\(t)"
        case (nil, let m?): return "model=\(m)"
        case (let t?, let m?): return "team=\(t),model=\(m)"
        }
    }
}

/// A rule that fired for one subject.
public struct CheckViolation: Sendable, Hashable {
    public var rule: CheckRule
    public var target: CheckTarget
    /// The measured value that crossed the threshold.
    public var value: Double
    /// What a count counted, e.g. the open incidents.
    public var items: [String]
}

/// What `check` found: the rules that fired, and how many rule-subject pairs had no data
/// (a metric without data never fires).
public struct CheckResult: Sendable, Hashable {
    public var violations: [CheckViolation]
    public var evaluated: Int
    public var withoutData: Int
}

/// Measures rules against snapshots; pure, the snapshots come from the caller.
public enum CheckEvaluation {
    /// The subjects a rule is measured for, narrowed by the command's own `--team`/`--model`.
    ///
    /// - Parameters:
    ///   - base: the command's subject; `org` rules use it as it is.
    ///   - teams, models: every name in the store, for `team=*` and `model=*`.
    public static func targets(for rule: CheckRule, base: SubjectFilter, window: WindowSpec,
                               teams: [String], models: [String]) -> [CheckTarget] {
        let filters: [SubjectFilter]
        switch rule.scope {
        case .organisation:
            filters = [base]
        case .everyTeam:
            filters = (base.team.map { [$0] } ?? teams).map { SubjectFilter(team: $0, model: base.model) }
        case .team(let name):
            filters = base.team == nil || base.team == name ? [SubjectFilter(team: name, model: base.model)] : []
        case .everyModel:
            filters = (base.model.map { [$0] } ?? models).map { SubjectFilter(team: base.team, model: $0) }
        case .model(let name):
            filters = base.model == nil || base.model == name ? [SubjectFilter(team: base.team, model: name)] : []
        }
        return filters.map { CheckTarget(filter: $0, window: rule.window ?? window) }
    }

    /// Fails on the first rule that names a team or model the store does not know: a typo there
    /// would otherwise measure an empty subject and silently never fire.
    public static func checkSubjects(_ rules: [CheckRule], teams: [String], models: [String]) throws {
        for rule in rules {
            let (kind, name, known): (String, String, [String])
            switch rule.scope {
            case .team(let n): (kind, name, known) = ("team", n, teams)
            case .model(let n): (kind, name, known) = ("model", n, models)
            default: continue
            }
            if !known.contains(name) {
                throw CheckRuleError(source: rule.source, line: rule.line, column: rule.scopeColumn,
                                     message: "no \(kind) '\(name)' in the store; known: \(known.joined(separator: ", "))")
            }
        }
    }

    /// Every rule against every subject it names; violations most urgent first, then in rule order.
    public static func evaluate(_ rules: [CheckRule], base: SubjectFilter, window: WindowSpec, teams: [String], models: [String],
                                snapshot: (CheckTarget) throws -> PlatformSnapshot) rethrows -> CheckResult {
        var result = CheckResult(violations: [], evaluated: 0, withoutData: 0)
        for rule in rules {
            for target in targets(for: rule, base: base, window: window, teams: teams, models: models) {
                result.evaluated += 1
                let measurement = rule.metric.measure(try snapshot(target))
                guard let value = measurement.value else { result.withoutData += 1; continue }
                if rule.comparison.holds(value, rule.threshold) {
                    result.violations.append(CheckViolation(rule: rule, target: target, value: value, items: measurement.items))
                }
            }
        }
        // A stable sort keeps rule order within one urgency.
        result.violations = result.violations.enumerated()
            .sorted { ($0.element.rule.severity, $0.offset) < ($1.element.rule.severity, $1.offset) }
            .map(\.element)
        return result
    }
}
