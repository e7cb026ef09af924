/// The rules `check` applies without `--rules`: the dashboard's "Needs attention" list
/// (`PlatformSnapshot.compute`), one rule per kind of item, at the same urgency.
public enum DefaultCheckRules {
    public static let source = "default rules"

    public static let text = """
    # The dashboard's "Needs attention" rules.
    open_sev1_incidents > 0 as critical
    open_sev2_incidents > 0 as warning
    budgets_over > 0 as critical
    budgets_forecast_over > 0 as warning
    teams_over_maintenance_cap > 0 as warning
    suspect_deployments > 0 as warning
    slo_breaches > 0 as notice

    """

    public static func rules() -> [CheckRule] {
        // The text is part of the program and covered by a test; it cannot fail to parse.
        try! CheckRuleParser.parse(text, source: source)
    }
}
