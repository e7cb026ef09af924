import ArgumentParser
import Foundation

@main
struct MLOpsDashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlops-dash",
        abstract: "A terminal dashboard for an ML platform team: velocity, maintenance load, maturity, cost.",
        subcommands: [DashboardCommand.self, SummaryCommand.self, ReportCommand.self, InitCommand.self, ImportCommand.self, SampleCommand.self],
        defaultSubcommand: DashboardCommand.self
    )
}
