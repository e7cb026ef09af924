/// The parts each metric family reads, so that a screen can be computed from a read of
/// its own parts (`PlatformSnapshot.compute(_:_:parts:)`) rather than of the whole input.
extension MetricsParts {
    /// Lead times need production deployments' producing runs; first deployments, the history.
    public static let velocityParts: MetricsParts = [.runLists, .history]
    /// Its cost is labelled with the currency, which the daily costs' read finds.
    public static let maintenanceParts: MetricsParts = [.maintenance, .dailyCosts]
    /// Run counts for the window and each month, producing runs for registration, and
    /// each model's first production deployment ever; serving days over the whole history
    /// are its evidence of monitoring.
    public static let maturityParts: MetricsParts = [.runCounts, .runLists, .history, .servingHistory]
    /// The cost sums' read fills the daily costs too.
    public static let financeParts: MetricsParts = [.costs, .dailyCosts]
    /// Product health reads velocity's figures too.
    public static let productParts: MetricsParts = velocityParts
    /// Research reads the window's statistics, monthly counts, running runs and velocity.
    public static let researchParts: MetricsParts = velocityParts.union([.research, .runCounts])
    /// Recent failures and the daily spend its cost anomalies compare.
    public static let triageParts: MetricsParts = [.runLists, .dailyCosts]
    /// Which record kinds the window lacks: runs from the window's counts, costs from the
    /// daily spend, maintenance from its sums (`MetricsInput.windowHas(_:in:window:)`).
    public static let dataHealthParts: MetricsParts = [.runCounts, .maintenance, .dailyCosts]
}

extension MetricsInput {
    /// Takes the fields of `parts` from `other`, an input for the same query that read
    /// them: how a second read completes a first one made for fewer parts. The records
    /// are every read's and stay as they are, but for the serving days of `.servingHistory`,
    /// which include the first read's.
    public mutating func take(_ parts: MetricsParts, from other: MetricsInput) {
        if parts.contains(.servingHistory) { records.serving = other.records.serving }
        runs.take(parts, from: other.runs)
        if parts.contains(.costs) { costs = other.costs }
        else if parts.contains(.dailyCosts) { (costs.currency, costs.daily) = (other.costs.currency, other.costs.daily) }
        if parts.contains(.maintenance) { maintenance = other.maintenance }
        if parts.contains(.history) { history = other.history }
    }
}

extension RunAggregates {
    /// Takes the fields of the run parts in `parts` (research, counts, lists) from `other`.
    public mutating func take(_ parts: MetricsParts, from other: RunAggregates) {
        if parts.contains(.research) { (current, previous) = (other.current, other.previous) }
        if parts.contains(.runCounts) { (window, monthly, models) = (other.window, other.monthly, other.models) }
        if parts.contains(.runLists) { (running, recentFailures, producingRuns) = (other.running, other.recentFailures, other.producingRuns) }
    }
}
