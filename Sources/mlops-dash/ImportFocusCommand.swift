import ArgumentParser
import MLOpsStore

extension FocusImportOptions.CostColumn: ExpressibleByArgument {}

/// `mlops-dash import focus FILE.csv`: daily costs from a FinOps FOCUS export.
struct ImportFocusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "focus",
        abstract: "Import a FinOps FOCUS 1.x cost and usage export (CSV) as daily costs.",
        discussion: """
            Each charge is spread over the UTC days of its charge period, pro rata by time. \
            ServiceCategory and resource/SKU names map to cost categories (GPU compute when a \
            name matches a GPU pattern); the Tags JSON names the team and model. Credits \
            (negative costs) are negative cost lines. All rows must be in one currency, the store's. \
            The file is streamed and written in one transaction; re-importing updates in place. \
            Rules and limits: docs/FORMATS.md, "Importing FOCUS cost exports".
            """
    )

    @Argument(help: "The FOCUS export (.csv).")
    var file: String

    @OptionGroup var store: StoreOptions

    @Option(help: "The key in the Tags JSON naming the team.")
    var teamTag = "team"

    @Option(help: "The key in the Tags JSON naming the model.")
    var modelTag = "model"

    @Option(help: "Which FOCUS cost to import: billed (BilledCost, as invoiced) or effective (EffectiveCost, amortised).")
    var cost: FocusImportOptions.CostColumn = .billed

    @Option(name: .customLong("gpu-pattern"), parsing: .singleValue,
            help: "A name pattern that marks compute as GPU (repeatable; replaces the defaults; * any run, # one digit).")
    var gpuPatterns: [String] = []

    @Flag(help: "Validate and count without writing anything.")
    var dryRun = false

    func run() throws {
        try failing {
            let options = FocusImportOptions(teamTag: teamTag, modelTag: modelTag, cost: cost,
                                             gpuPatterns: gpuPatterns.isEmpty ? .defaults : GPUNamePatterns(gpuPatterns),
                                             dryRun: dryRun)
            let summary = if let location = try store.postgres() {
                try PostgresStore.open(location, readOnly: false).importFocus(path: file, options: options, now: SystemClock.now)
            } else {
                try Store.openForWriting(at: store.path).importFocus(path: file, options: options, now: SystemClock.now)
            }
            try StandardOutput.text("\(summary)\n")
        }
    }
}
