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
            if let location = try store.postgres() {
                let s = try PostgresStore.create(location)
                try StandardOutput.line("\(location): store ready (schema version \(try s.schemaVersion())).")
                return
            }
            let s = try Store.create(at: store.path)
            try StandardOutput.line("\(store.path): store ready (schema version \(try s.schemaVersion())).")
        }
    }
}
