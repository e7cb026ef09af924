import ArgumentParser
import Foundation
import SafeText

@main
struct MLOpsDashCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlops-dash",
        abstract: "A terminal dashboard for an ML platform team: velocity, maintenance load, maturity, cost.",
        subcommands: [DashboardCommand.self, SummaryCommand.self, ReportCommand.self, InitCommand.self, ImportCommand.self, SampleCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// Argument parser's own messages echo what was typed (`The value '…' is invalid`);
    /// they pass through the same sanitising rule as every other message, and help that
    /// cannot be written is an error too.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
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
