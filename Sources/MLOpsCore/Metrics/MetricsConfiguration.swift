/// The knobs of the metrics engine, with the defaults docs/METRICS.md explains.
public struct MetricsConfiguration: Sendable, Codable, Hashable {
    /// Loaded cost of one engineer hour, in the store's currency.
    public var hourlyRate: Double = 95
    public var benchmark: DORABenchmark = .dora2023
    public var maturityThresholds = MaturityThresholds()
    /// k in median + k × MAD for cost anomalies.
    public var anomalyK: Double = 3
    public var triageHours: Double = 24
    /// How far back a production deployment counts as a recent change for triage (72 h).
    public var changeHours: Double = 72
    /// A team whose maintenance share of capacity is above this is over the toil cap (50 %).
    public var maintenanceCap: Double = MaintenanceLoad.toilCap
    /// A pain point is rising when its hours exceed the previous window's × this (1.2).
    public var painPointRise: Double = 1.2
    /// A spend line is surging when it exceeds the previous window's × this (1.5).
    public var spendSurge: Double = 1.5
    /// Months of maturity history to show, ending with the window's last month.
    public var maturityHistoryMonths = 8

    public init() {}
}
