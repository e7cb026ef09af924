import ArgumentParser
import Foundation
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
        abstract: "Print the platform lead's overview as text, JSON or OpenMetrics (for scripts, cron and Prometheus).",
        discussion: "The JSON shape is versioned (schema_version); it and the OpenMetrics names are documented in docs/METRICS.md."
    )

    @OptionGroup var store: StoreOptions
    @OptionGroup var metrics: MetricsOptions

    @Flag(help: "Print JSON instead of text (same as --format json).")
    var json = false

    @Option(help: "text, json or openmetrics (for node_exporter's textfile collector).")
    var format: SummaryFormat = .text

    @Option(help: "Write to this file atomically instead of printing.")
    var out: String?

    @Flag(help: "With --format openmetrics: also the headline metrics of every team and model, labelled (one snapshot each).")
    var perSubject = false

    func validate() throws {
        if json && format != .text && format != .json {
            throw ValidationError("--json and --format \(format.rawValue) disagree; give one of them")
        }
        if perSubject && format != .openmetrics { throw ValidationError("--per-subject needs --format openmetrics") }
    }

    func run() throws {
        try failing {
            let s = try store.openForReading()
            let snapshot = try s.snapshot(window: metrics.window, now: metrics.settings.clock(), filter: metrics.filter,
                                          configuration: metrics.settings.configuration)
            let text: String
            switch json ? .json : format {
            case .json: text = try SummaryDocument(snapshot).json() + "\n"
            case .openmetrics:
                let breakdown = try (perSubject ? SummaryOpenMetrics.breakdownFilters(of: snapshot) : []).map {
                    try s.snapshot(window: metrics.window, now: snapshot.now, filter: $0, configuration: metrics.settings.configuration)
                }
                text = SummaryOpenMetrics.render(snapshot, breakdown: breakdown)
            case .text: text = SummaryText.render(snapshot, benchmark: metrics.settings.benchmark)
            }
            if let out {
                try AtomicFile.write(Data(text.utf8), to: out)
            } else if format == .text && !json {
                try StandardOutput.text(text)
            } else {
                // JSON and OpenMetrics are exact formats, escaped by their own rules.
                try StandardOutput.raw(text)
            }
        }
    }
}
