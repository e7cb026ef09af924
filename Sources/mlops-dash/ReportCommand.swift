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

    @OptionGroup var settings: MetricsSettings

    func run() throws {
        try failing {
            let clock = settings.clock()
            let q = try quarter.map(QuarterlyReport.parseQuarter) ?? Quarter.lastComplete(at: clock)
            try QuarterlyReport.validate(quarter: q, now: clock)
            let configuration = settings.configuration
            let path = outputPath(q)
            let written = try QuarterlyReportExporter.export(store: try store.openForReading(), quarter: q, team: team, format: format,
                                                             to: path, now: clock, configuration: configuration, overwrite: force)
            try StandardOutput.line("\(written): \(q) report written (\(format.rawValue)).")
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
}
