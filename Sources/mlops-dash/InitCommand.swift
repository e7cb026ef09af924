import ArgumentParser
import MLOpsStore

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an empty store, or upgrade an existing one to this version's schema."
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        try failing {
            let s = try Store.create(at: store.path)
            try StandardOutput.line("\(store.path): store ready (schema version \(try s.schemaVersion())).")
        }
    }
}
