import ArgumentParser
import MLOpsCore
import MLOpsReport
import MLOpsStore

extension WindowSpec: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}

extension DORABenchmark: ExpressibleByArgument {}

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the platform lead's overview as text or JSON (for scripts and cron).",
        discussion: "The JSON shape is versioned (schema_version) and documented in docs/METRICS.md."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var metrics: MetricsOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        try failing {
            let s = try store.openForReading()
            let snapshot = try s.snapshot(window: metrics.window, now: try metrics.clock(), filter: metrics.filter,
                                          configuration: metrics.configuration)
            print(json ? try SummaryDocument(snapshot).json() : SummaryText.render(snapshot, benchmark: metrics.benchmark),
                  terminator: json ? "\n" : "")
        }
    }
}

/// Options every metrics-reading command shares: the window, the subject and the knobs.
struct MetricsOptions: ParsableArguments {
    @Option(help: "The window: \(WindowSpec.accepted).")
    var window: WindowSpec = .lastDays(30)

    @Option(help: "Only this team.")
    var team: String?

    @Option(help: "Only this model.")
    var model: String?

    @Option(help: "DORA benchmark year for the bands: 2023 or 2021.")
    var benchmark: DORABenchmark = .dora2023

    @Option(help: "Loaded cost of one engineer hour, for maintenance cost.")
    var hourlyRate: Double = MetricsConfiguration().hourlyRate

    @Option(help: "Maturity thresholds to override, e.g. orchestrated_training=0.9,triggered_retraining=2.")
    var maturityThresholds: String?

    @Option(help: "Pretend it is this time (ISO 8601), e.g. to reproduce a report.")
    var now: String?

    var filter: SubjectFilter { SubjectFilter(team: team, model: model) }

    var configuration: MetricsConfiguration {
        var c = MetricsConfiguration()
        c.benchmark = benchmark
        c.hourlyRate = hourlyRate
        if let text = maturityThresholds, let t = MaturityThresholds(parsing: text) { c.maturityThresholds = t }
        return c
    }

    func clock() throws -> Instant {
        guard let text = now else { return SystemClock.now }
        guard let t = Instant(iso8601: text) else {
            throw ValidationError("--now '\(text)' is not an ISO 8601 timestamp with a zone, like 2026-11-18T09:00:00Z")
        }
        return t
    }

    func validate() throws {
        if let text = maturityThresholds, MaturityThresholds(parsing: text) == nil {
            throw ValidationError("--maturity-thresholds '\(text)': expected name=value pairs with names \(MaturityCriterion.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if hourlyRate < 0 { throw ValidationError("--hourly-rate must not be negative") }
    }
}
