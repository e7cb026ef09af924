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
            let snapshot = try s.snapshot(window: metrics.window, now: metrics.settings.clock(), filter: metrics.filter,
                                          configuration: metrics.settings.configuration)
            if json {
                try StandardOutput.raw(try SummaryDocument(snapshot).json() + "\n")
            } else {
                try StandardOutput.text(SummaryText.render(snapshot, benchmark: metrics.settings.benchmark))
            }
        }
    }
}
