import ArgumentParser
import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsStore

/// `mlops-dash migrate --from A --to B`: moves a store between SQLite and PostgreSQL.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy a whole store between a SQLite file and a PostgreSQL database (either way), then verify the copy.",
        discussion: """
            The destination is created (or must be an empty store); everything is copied in one
            transaction, so a failure leaves it as it was. The copy is then checked: every
            table's row count, and the summary of every window kind, organisation and each team,
            must be equal on both sides.
            """
    )

    @Option(help: "The store to copy: a SQLite file or a postgresql:// address.")
    var from: String

    @Option(help: "Where to copy it: a new SQLite file or a postgresql:// address of an empty database.")
    var to: String

    func run() throws {
        try failing {
            let source = try Self.open(from, create: false)
            let destination = try Self.open(to, create: true)
            if case .sqlite = source, case .sqlite = destination { throw ValidationError("--from and --to are both SQLite files; copy the file instead") }
            if case .postgres = source, case .postgres = destination { throw ValidationError("--from and --to are both PostgreSQL; use pg_dump for that") }
            let copied: [String: Int]
            do {
                copied = try StoreMove.copy(from: source, to: destination)
            } catch {
                // A SQLite destination this command created goes again: no empty store is left behind.
                if case .sqlite(let s) = destination { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: s.path + suffix) } }
                throw error
            }
            let (sourceCounts, destinationCounts) = (try StoreMove.counts(source), try StoreMove.counts(destination))
            guard sourceCounts == destinationCounts, sourceCounts == copied else {
                throw ValidationError("the copy's row counts differ from the source's: \(destinationCounts) against \(sourceCounts)")
            }
            let now = SystemClock.now
            var compared = 0
            let teams = try source.store.subjectNames().teams
            for window in [WindowSpec.lastDays(30), .lastDays(90), .quarterToDate] {
                for filter in [SubjectFilter.organisation] + teams.map({ SubjectFilter(team: $0) }) {
                    let a = try SummaryDocument(source.store.snapshot(window: window, now: now, filter: filter)).json()
                    let b = try SummaryDocument(destination.store.snapshot(window: window, now: now, filter: filter)).json()
                    guard a == b else { throw ValidationError("the copy's summary differs from the source's for \(window) \(filter)") }
                    compared += 1
                }
            }
            let rows = copied.values.reduce(0, +)
            try StandardOutput.line("\(destination.store.displayName): copied \(rows) rows from \(source.store.displayName); counts and \(compared) summaries match.")
        }
    }

    static func open(_ text: String, create: Bool) throws -> StoreMove.Endpoint {
        if PostgresLocation.isURL(text) {
            let location = try PostgresLocation.parse(text)
            return .postgres(create ? try PostgresStore.create(location) : try PostgresStore.open(location, readOnly: true))
        }
        if create {
            guard !FileManager.default.fileExists(atPath: text) else {
                throw ValidationError("\(text) already exists; move into a new file")
            }
            return .sqlite(try Store.create(at: text))
        }
        return .sqlite(try Store.openReadOnly(at: text))
    }

}
