/// DORA's performance clusters.
public enum DORABand: String, Sendable, Codable, Hashable, CaseIterable, Comparable {
    case elite, high, medium, low

    public static func < (a: DORABand, b: DORABand) -> Bool {
        allCases.firstIndex(of: a)! > allCases.firstIndex(of: b)!
    }
}

/// Which year's published thresholds classify the metrics.
///
/// - 2023: Accelerate State of DevOps Report 2023 (DORA, Google Cloud), table of
///   software delivery performance clusters.
/// - 2021: Accelerate State of DevOps Report 2021, same table for that year.
/// See docs/METRICS.md for the thresholds and how they are applied to models.
public enum DORABenchmark: String, Sendable, Codable, Hashable, CaseIterable {
    case dora2023 = "2023"
    case dora2021 = "2021"

    private static let hour = 1.0, day = 24.0, week = 168.0, month = 730.0, sixMonths = 4380.0

    /// Lead time in hours → band.
    public func leadTimeBand(hours: Double) -> DORABand {
        switch self {
        case .dora2023:
            return hours < Self.day ? .elite : hours <= Self.week ? .high : hours <= Self.month ? .medium : .low
        case .dora2021:
            return hours < Self.hour ? .elite : hours <= Self.week ? .high : hours <= Self.sixMonths ? .medium : .low
        }
    }

    /// Change failure rate (0...1) → band.
    public func changeFailureBand(rate: Double) -> DORABand {
        switch self {
        case .dora2023:
            return rate <= 0.05 ? .elite : rate <= 0.10 ? .high : rate <= 0.15 ? .medium : .low
        case .dora2021:
            // 2021 put elite at 0–15 % and every other cluster at 16–30 %.
            return rate <= 0.15 ? .elite : rate <= 0.30 ? .high : .low
        }
    }

    /// Median time to restore in hours → band.
    public func timeToRestoreBand(hours: Double) -> DORABand {
        switch self {
        case .dora2023:
            return hours < Self.hour ? .elite : hours < Self.day ? .high : hours < Self.week ? .medium : .low
        case .dora2021:
            return hours < Self.hour ? .elite : hours < Self.day ? .high : hours <= Self.week ? .medium : .low
        }
    }

    /// Deployment frequency → band, from deployments per week and the share of
    /// working days that saw a deployment ("on demand" means deploying most days).
    public func deploymentFrequencyBand(perWeek: Double, deployDayShare: Double) -> DORABand {
        switch self {
        case .dora2023:
            if deployDayShare >= 0.5 { return .elite }
            return perWeek >= 1 ? .high : perWeek >= 12.0 / 52 ? .medium : .low
        case .dora2021:
            if deployDayShare >= 0.5 { return .elite }
            return perWeek >= 12.0 / 52 ? .high : perWeek >= 2.0 / 52 ? .medium : .low
        }
    }
}
