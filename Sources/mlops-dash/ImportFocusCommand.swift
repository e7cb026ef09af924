import ArgumentParser
import MLOpsStore

/// `mlops-dash import focus FILE.csv`: daily costs from a FinOps FOCUS export.
struct ImportFocusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "focus",
        abstract: "Import a FinOps FOCUS 1.x cost and usage export (CSV) as daily costs.",
        discussion: "Not implemented yet."
    )

    @Argument(help: "The FOCUS export (.csv).")
    var file: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        throw ValidationError("import focus is not implemented yet")
    }
}
