import ArgumentParser
import MLOpsCore
import SafeText

/// The window and subject of a metrics-reading command, plus the shared settings.
struct MetricsOptions: ParsableArguments {
    @Option(help: "The window: \(WindowSpec.accepted).")
    var window: WindowSpec = .lastDays(30)

    @Option(help: "Only this team.")
    var team: String?

    @Option(help: "Only this model.")
    var model: String?

    @OptionGroup var settings: MetricsSettings

    var filter: SubjectFilter { SubjectFilter(team: team, model: model) }
}

/// How metrics are judged and when "now" is: shared by summary, the dashboard and the report,
/// so each accepts the same knobs with the same checks.
struct MetricsSettings: ParsableArguments {
    @Option(help: "DORA benchmark year for the bands: 2023 or 2021.")
    var benchmark: DORABenchmark = .dora2023

    @Option(help: "Loaded cost of one engineer hour, for maintenance cost.")
    var hourlyRate: Double = MetricsConfiguration().hourlyRate

    @Option(help: "Maturity thresholds to override, e.g. orchestrated_training=0.9,triggered_retraining=2.")
    var maturityThresholds: String?

    @Option(help: "Pretend it is this time (ISO 8601), e.g. to reproduce a report.")
    var now: String?

    var configuration: MetricsConfiguration {
        var c = MetricsConfiguration()
        c.benchmark = benchmark
        c.hourlyRate = hourlyRate
        if let text = maturityThresholds, let t = MaturityThresholds(parsing: text) { c.maturityThresholds = t }
        return c
    }

    /// The pinned time from --now, or nil for the live clock.
    var pinnedNow: Instant? { now.flatMap(Instant.init(iso8601:)) }

    func clock() -> Instant { pinnedNow ?? SystemClock.now }

    func validate() throws {
        if let text = maturityThresholds, MaturityThresholds(parsing: text) == nil {
            throw ValidationError("--maturity-thresholds '\(TextSanitizer.clean(text))': expected name=value pairs with names \(MaturityCriterion.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if hourlyRate < 0 { throw ValidationError("--hourly-rate must not be negative") }
        if let text = now, Instant(iso8601: text) == nil {
            throw ValidationError("--now '\(TextSanitizer.clean(text))' is not an ISO 8601 timestamp with a zone, like 2026-11-18T09:00:00Z")
        }
    }
}
