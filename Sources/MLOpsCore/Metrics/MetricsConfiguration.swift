/// The knobs of the metrics engine, with the defaults docs/METRICS.md explains.
public struct MetricsConfiguration: Sendable, Codable, Hashable {
    /// Loaded cost of one engineer hour, in the store's currency.
    public var hourlyRate: Double = 95
    public var benchmark: DORABenchmark = .dora2023
    public var maturityThresholds = MaturityThresholds()
    /// k in median + k × MAD for cost anomalies.
    public var anomalyK: Double = 3
    public var triageHours: Double = 24
    public var changeHours: Double = 72
    /// Months of maturity history to show, ending with the window's last month.
    public var maturityHistoryMonths = 8

    public init() {}
}
