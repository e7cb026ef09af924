import ArgumentParser
import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsStore

extension ReportFormat: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the quarterly report (this quarter against the last) as Markdown, HTML, CSV or JSON.",
        discussion: """
            By default the last complete quarter at --now, for all teams, written to
            ./mlops-report-QUARTER[-TEAM].FORMAT. The file is written atomically; an existing
            file is only replaced with --force. The JSON and CSV shapes are documented in docs/REPORT.md.
            """
    )

    @OptionGroup var store: StoreOptions

    @Option(help: "The quarter, like 2026-Q3. Default: the last complete quarter.")
    var quarter: String?

    @Option(help: "Only this team.")
    var team: String?

    @Option(help: "md, html, csv or json.")
    var format: ReportFormat = .html

    @Option(help: "The file to write, or a directory to write the default file name into.")
    var out: String?

    @Flag(help: "Overwrite an existing file.")
    var force = false

    @Option(help: "DORA benchmark year for the bands: 2023 or 2021.")
    var benchmark: DORABenchmark = .dora2023

    @Option(help: "Loaded cost of one engineer hour, for maintenance cost.")
    var hourlyRate: Double = MetricsConfiguration().hourlyRate

    @Option(help: "Pretend it is this time (ISO 8601), e.g. to reproduce a report.")
    var now: String?

    func validate() throws {
        if hourlyRate < 0 { throw ValidationError("--hourly-rate must not be negative") }
    }

    func run() throws {
        try failing {
            let clock = try self.clock()
            let q = try quarter.map(QuarterlyReport.parseQuarter) ?? Quarter.lastComplete(at: clock)
            try QuarterlyReport.validate(quarter: q, now: clock)
            var configuration = MetricsConfiguration()
            configuration.benchmark = benchmark
            configuration.hourlyRate = hourlyRate
            let path = outputPath(q)
            let written = try QuarterlyReportExporter.export(store: try store.openForReading(), quarter: q, team: team, format: format,
                                                             to: path, now: clock, configuration: configuration, overwrite: force)
            print("\(written): \(q) report written (\(format.rawValue)).")
        }
    }

    func outputPath(_ q: Quarter) -> String {
        let name = QuarterlyReport.fileName(quarter: q, team: team, format: format)
        guard let out else { return name }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory), isDirectory.boolValue {
            return (out as NSString).appendingPathComponent(name)
        }
        return out
    }

    func clock() throws -> Instant {
        guard let text = now else { return SystemClock.now }
        guard let t = Instant(iso8601: text) else {
            throw ValidationError("--now '\(text)' is not an ISO 8601 timestamp with a zone, like 2026-11-18T09:00:00Z")
        }
        return t
    }
}
