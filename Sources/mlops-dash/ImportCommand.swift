import ArgumentParser
import MLOpsCore
import MLOpsStore

extension RecordKind: ExpressibleByArgument {}
extension ImportFormat: ExpressibleByArgument {}

/// `mlops-dash import`: our own record files by default, or another system's data.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records: our CSV/JSON Lines files, an MLflow store, or a FOCUS cost export.",
        discussion: """
            mlops-dash import KIND FILE        records of one kind (the default; same as `import records`)
            mlops-dash import mlflow PATH      an MLflow tracking store kept in SQLite
            mlops-dash import focus FILE.csv   a FinOps FOCUS 1.x cost and usage export
            Every import is one transaction: a bad row changes nothing. Formats and mapping
            rules are documented in docs/FORMATS.md.
            """,
        subcommands: [ImportRecordsCommand.self, ImportMLflowCommand.self, ImportFocusCommand.self],
        defaultSubcommand: ImportRecordsCommand.self
    )
}

/// `mlops-dash import KIND FILE`: records of one kind from our own file formats.
struct ImportRecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Import records from a CSV or JSON Lines file, as one transaction.",
        discussion: """
            KIND is one of: \(RecordKind.allCases.map(\.rawValue).joined(separator: ", ")).
            A file with any bad row changes nothing; the error names the file, line, column and field.
            Re-importing a file is safe: records are matched by id and only changes are written.
            Formats are documented in docs/FORMATS.md.
            """
    )

    @Argument(help: "The kind of records in the file.")
    var kind: RecordKind

    @Argument(help: "The file to import (.csv or .jsonl).")
    var file: String

    @OptionGroup var store: StoreOptions

    @Option(help: "csv or jsonl; by default taken from the file's extension.")
    var format: ImportFormat?

    @Flag(help: "Validate and count without writing anything.")
    var dryRun = false

    func run() throws {
        try failing {
            if let location = try store.postgres() {
                let s = try PostgresStore.open(location, readOnly: false)
                let summary = try s.importFile(kind: kind, path: file, format: format, dryRun: dryRun, now: SystemClock.now)
                try StandardOutput.text("\(summary)\n")
                return
            }
            let s = try Store.openForWriting(at: store.path)
            let summary = try s.importFile(kind: kind, path: file, format: format, dryRun: dryRun, now: SystemClock.now)
            try StandardOutput.text("\(summary)\n")
        }
    }
}
