import ArgumentParser
import MLOpsStore

/// `mlops-dash import mlflow PATH`: runs, models and deployments from an MLflow store.
struct ImportMLflowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mlflow",
        abstract: "Import runs, models and deployments from an MLflow tracking store (SQLite).",
        discussion: """
            The MLflow file is opened read-only and never changed. Experiments and registered \
            models become models and teams; runs become runs (deleted ones skipped); model \
            versions in the Production/Staging stage or holding a production/staging alias \
            become deployments. MLflow keeps no history of stage or alias changes, so the store \
            remembers each model's production version: when a later import finds it moved, \
            that is a deployment at import time, and a move to a lower version is a rollback. \
            Re-importing is safe. Rules and limits: docs/FORMATS.md, "Importing from MLflow".
            """
    )

    @Argument(help: "The MLflow store: the SQLite file of a sqlite:/// tracking URI.")
    var path: String

    @OptionGroup var store: StoreOptions

    @Option(help: "The experiment / registered-model tag naming the owning team.")
    var teamTag = "team"

    @Option(name: .customLong("production-alias"), parsing: .singleValue,
            help: "An alias that marks the production version (repeatable; default: champion, production).")
    var productionAliases: [String] = []

    @Option(name: .customLong("staging-alias"), parsing: .singleValue,
            help: "An alias that marks a staging version (repeatable; default: staging).")
    var stagingAliases: [String] = []

    @Flag(help: "Read and count without writing anything.")
    var dryRun = false

    func run() throws {
        try failing {
            let defaults = MLflowImportOptions()
            let options = MLflowImportOptions(teamTag: teamTag,
                                              productionAliases: productionAliases.isEmpty ? defaults.productionAliases : productionAliases,
                                              stagingAliases: stagingAliases.isEmpty ? defaults.stagingAliases : stagingAliases,
                                              dryRun: dryRun)
            let summary = if let location = try store.postgres() {
                try PostgresStore.open(location, readOnly: false).importMLflow(path: path, options: options, now: SystemClock.now)
            } else {
                try Store.openForWriting(at: store.path).importMLflow(path: path, options: options, now: SystemClock.now)
            }
            try StandardOutput.text("\(summary)\n")
        }
    }
}
