import ArgumentParser
import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsStore
import SafeText

/// `check`: rules over the dashboard's metrics, for cron, CI and alerting wrappers.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate alert rules over the metrics; exit 1 when any fires, 0 when none, 2 on errors.",
        discussion: """
        Without --rules, the dashboard's "Needs attention" rules apply. A rules file holds one rule per line:
          metric op threshold [for org|team=*|team=NAME|model=*|model=NAME] [over WINDOW] [as critical|warning|notice]
        e.g. `change_failure_rate > 15% for team=*` or `deployments < 1 for team=* over 14d`.
        Rule format and metric names: docs/METRICS.md ("Check rules"). Prints nothing when no rule fires.
        """
    )

    /// Exit statuses cron and CI act on.
    static let violationsExitCode = ExitCode(1)
    static let errorExitCode = ExitCode(2)

    @OptionGroup var store: StoreOptions
    @OptionGroup var metrics: MetricsOptions

    @Option(help: "A rules file, or - for standard input; default: the dashboard's Needs attention rules.")
    var rules: String?

    @Flag(help: "Print the result as JSON (schema_version 1) instead of one line per violation.")
    var json = false

    func run() throws {
        let result: CheckResult
        let ruleCount: Int
        let now = metrics.settings.clock()
        do {
            let parsed = try loadRules()
            ruleCount = parsed.count
            let s = try store.openForReading()
            let names = try s.subjectNames()
            try CheckEvaluation.checkSubjects(parsed, teams: names.teams, models: names.models)
            var snapshots: [CheckTarget: PlatformSnapshot] = [:]
            result = try CheckEvaluation.evaluate(parsed, base: metrics.filter, window: metrics.window,
                                                  teams: names.teams, models: names.models) { target in
                if let known = snapshots[target] { return known }
                let snapshot = try s.snapshot(window: target.window, now: now, filter: target.filter,
                                              configuration: metrics.settings.configuration)
                snapshots[target] = snapshot
                return snapshot
            }
            // Checked writes: a report that could not be written is an error (2), not a quiet 0 or 1.
            if json {
                try StandardOutput.raw(TextSanitizer.escapingJSONInvisibles(try CheckReport.Document(result, rules: ruleCount, now: now).json()) + "\n")
            } else {
                for line in CheckReport.lines(result) { try StandardOutput.line(line) }
            }
            try StandardOutput.finish()
        } catch {
            FileHandle.standardError.write(Data("error: \(TextSanitizer.clean(describe(error)))\n".utf8))
            throw Self.errorExitCode
        }
        if !result.violations.isEmpty { throw Self.violationsExitCode }
    }

    private func loadRules() throws -> [CheckRule] {
        guard let path = rules else { return DefaultCheckRules.rules() }
        // Read through a file handle rather than Data(contentsOf:), so pipes and process substitution work too.
        let handle = path == "-" ? FileHandle.standardInput : try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        let data = try handle.readToEnd() ?? Data()
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path): not UTF-8 text")
        }
        return try CheckRuleParser.parse(text, source: path == "-" ? "stdin" : path)
    }
}
