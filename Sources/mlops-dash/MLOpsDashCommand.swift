import ArgumentParser
import Foundation
import SafeText

@main
struct MLOpsDashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlops-dash",
        abstract: "A terminal dashboard for an ML platform team: velocity, maintenance load, maturity, cost.",
        subcommands: [DashboardCommand.self, SummaryCommand.self, ReportCommand.self, CheckCommand.self, InitCommand.self,
                      ImportCommand.self, SampleCommand.self, MigrateCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// As ArgumentParser's own, with two differences. Its messages echo what was typed
    /// (`The value '…' is invalid`), so they pass through the same sanitising rule as
    /// every other message, and help that cannot be written is an error. And `check`
    /// exits 2 on a usage error: its 1 means "a rule fired", and cron or CI must not
    /// mistake a typo for an alert.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            var code = exitCode(for: error)
            if arguments.first == CheckCommand.configuration.commandName, !(error is ExitCode), code != .success {
                code = CheckCommand.errorExitCode
            }
            let message = TextSanitizer.cleanLines(fullMessage(for: error))
            if code == .success {
                do {
                    if !message.isEmpty { try StandardOutput.raw(message + "\n") }
                    try StandardOutput.finish()
                } catch {
                    FileHandle.standardError.write(Data("error: \(TextSanitizer.clean(describe(error)))\n".utf8))
                    Foundation.exit(1)
                }
            } else if !message.isEmpty {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
