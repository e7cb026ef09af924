import ArgumentParser
import Foundation

@main
struct MLOpsDashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlops-dash",
        abstract: "A terminal dashboard for an ML platform team: velocity, maintenance load, maturity, cost.",
        subcommands: [DashboardCommand.self, SummaryCommand.self, ReportCommand.self, CheckCommand.self, InitCommand.self,
                      ImportCommand.self, SampleCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// As ArgumentParser's own, except that `check` exits 2 on a usage error: its 1 means "a rule fired",
    /// and cron or CI must not mistake a typo for an alert.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if arguments.first == CheckCommand.configuration.commandName, !(error is ExitCode), exitCode(for: error) != .success {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(CheckCommand.errorExitCode.rawValue)
            }
            exit(withError: error)
        }
    }
}
