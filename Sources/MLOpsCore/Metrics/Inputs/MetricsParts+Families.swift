/// The parts each metric family reads, so that a screen can be computed from a read of
/// its own parts (`PlatformSnapshot.compute(_:_:parts:)`) rather than of the whole input.
extension MetricsParts {
    /// Lead times need production deployments' producing runs; first deployments, the history.
    public static let velocityParts: MetricsParts = [.records, .runLists, .history]
    /// Its cost is labelled with the currency, which the daily costs' read finds.
    public static let maintenanceParts: MetricsParts = [.records, .maintenance, .dailyCosts]
    /// Run counts for the window and each month, producing runs for registration, and
    /// each model's first production deployment ever; the days each model was served over
    /// the whole history are its evidence of monitoring.
    public static let maturityParts: MetricsParts = [.records, .runCounts, .runLists, .history, .servingHistory]
    /// The cost sums' read fills the daily costs too.
    public static let financeParts: MetricsParts = [.records, .costs, .dailyCosts]
    /// Product health reads velocity's figures too.
    public static let productParts: MetricsParts = velocityParts
    /// The windows' statistics, the months' counts (models trained), the running count, and
    /// the history for idea-to-production; none of velocity's deployments and run lists.
    public static let researchParts: MetricsParts = [.research, .runCounts, .running, .history]
    /// Recent failures and the daily spend its cost anomalies compare.
    public static let triageParts: MetricsParts = [.records, .runLists, .dailyCosts]
    /// Which record kinds the window lacks: runs from the window's counts, costs from the
    /// daily spend, maintenance from its sums (`MetricsInput.windowHas(_:in:window:)`).
    public static let dataHealthParts: MetricsParts = [.records, .runCounts, .maintenance, .dailyCosts]
}

extension MetricsInput {
    /// Takes the fields of `parts` from `other`, an input for the same query that read
    /// them: how a second read completes a first one made for fewer parts.
    public mutating func take(_ parts: MetricsParts, from other: MetricsInput) {
        if parts.contains(.records) {
            (records.teams, records.models, records.budgets) = (other.records.teams, other.records.models, other.records.budgets)
            (records.deployments, records.incidents, records.serving) = (other.records.deployments, other.records.incidents, other.records.serving)
        }
        if parts.contains(.servingHistory) { served = other.served }
        runs.take(parts, from: other.runs)
        if parts.contains(.costs) { costs = other.costs }
        else if parts.contains(.dailyCosts) { (costs.currency, costs.daily) = (other.costs.currency, other.costs.daily) }
        if parts.contains(.maintenance) { maintenance = other.maintenance }
        if parts.contains(.history) { history = other.history }
    }
}

extension RunAggregates {
    /// Takes the fields of the run parts in `parts` (research, counts, lists, running) from `other`.
    public mutating func take(_ parts: MetricsParts, from other: RunAggregates) {
        if parts.contains(.research) { (current, previous) = (other.current, other.previous) }
        if parts.contains(.runCounts) { (window, monthly, models) = (other.window, other.monthly, other.models) }
        if parts.contains(.runLists) { (recentFailures, producingRuns) = (other.recentFailures, other.producingRuns) }
        if parts.contains(.running) { running = other.running }
    }
}
