import Foundation
import MLOpsCore

/// An mlops-dash store in a PostgreSQL database: the same tables, migrations, imports and
/// metric inputs as the SQLite file, for a team whose CI pipelines write from many
/// machines and whose dashboards open from many laptops.
///
/// One connection per store value. Reads run in one `REPEATABLE READ` transaction, so the
/// parts of an input see one snapshot; imports take a lock per kind only for merging
/// their rows, so imports of different kinds proceed together and readers never wait.
public final class PostgresStore: @unchecked Sendable {
    public let location: PostgresLocation
    let session: PostgresSession
    public let isReadOnly: Bool
    /// One caller at a time on the connection: a transaction is a sequence of statements.
    private let lock = NSLock()
    /// Further connections for side-by-side reads, opened when first needed.
    private var helpers: [PostgresSession] = []

    private init(location: PostgresLocation, session: PostgresSession, readOnly: Bool) {
        self.location = location
        self.session = session
        self.isReadOnly = readOnly
    }

    /// Creates the store's tables in an existing, empty database, or upgrades an older
    /// store; a store at this schema is left as it is.
    public static func create(_ location: PostgresLocation) throws -> PostgresStore {
        let store = PostgresStore(location: location, session: try .connect(location), readOnly: false)
        try store.session.transaction {
            // Two inits at once: the second waits here, then finds the tables made.
            try store.session.execute("SELECT pg_advisory_xact_lock(\(lockKey("schema")))")
            try store.session.execute("CREATE TABLE IF NOT EXISTS \(PostgresSchema.migrationsTable) (identifier TEXT PRIMARY KEY NOT NULL)")
            let applied = try store.appliedMigrations()
            try requireKnown(applied, location)
            if applied.isEmpty, try store.hasForeignTables() {
                throw StoreError.alreadyExists(path: location.description)
            }
            for step in PostgresSchema.migrations where !applied.contains(step.identifier) {
                try store.session.executeScript(step.sql)
                try store.session.execute("INSERT INTO \(PostgresSchema.migrationsTable) (identifier) VALUES (?)", [.text(step.identifier)])
            }
        }
        return store
    }

    /// Opens a store at this binary's schema, for imports (`readOnly: false`) or reading.
    public static func open(_ location: PostgresLocation, readOnly: Bool) throws -> PostgresStore {
        let store = PostgresStore(location: location, session: try .connect(location), readOnly: readOnly)
        if readOnly { try store.session.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY") }
        let exists = try store.session.rows("SELECT to_regclass(?) IS NOT NULL", [.text(PostgresSchema.migrationsTable)])
        guard exists.first?[0] == true else { throw StoreError.missing(path: location.description) }
        let applied = try store.appliedMigrations()
        try requireKnown(applied, location)
        if applied.count < PostgresSchema.migrations.count {
            throw StoreError.olderSchema(path: location.description, storeVersion: applied.count, supportedVersion: PostgresSchema.migrations.count)
        }
        return store
    }

    public func schemaVersion() throws -> Int { try synchronized { try appliedMigrations().count } }

    /// A number that changes whenever an import commits: the dashboard's cue to reload.
    public func dataVersion() throws -> Int64 {
        try synchronized { try session.rows("SELECT COALESCE(max(id), 0) FROM imports").first?[0] ?? 0 }
    }

    /// Runs `body` on the connection inside one read-only snapshot.
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        try synchronized { try session.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") { try body(session) } }
    }

    /// Runs independent reads side by side on several connections that all read one
    /// snapshot: the first exports it (`pg_export_snapshot`), the others adopt it, so the
    /// parts agree as if read in one transaction. Results come back in `reads` order.
    func readSideBySide<T: Sendable>(_ reads: [@Sendable (PostgresSession) throws -> T]) throws -> [T] {
        guard reads.count > 1 else { return try reads.map { read in try self.read { try read($0) } } }
        return try synchronized {
            let width = min(reads.count, Self.parallelReads)
            while helpers.count < width - 1 { helpers.append(try PostgresSession.connect(location)) }
            let sessions = [session] + helpers.prefix(width - 1)
            let begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            try session.execute(begin)
            defer { for s in sessions { _ = try? s.execute("ROLLBACK") } }
            let snapshot: String = try session.rows("SELECT pg_export_snapshot()")[0][0]
            guard snapshot.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { throw StoreError.unreadable(path: location.description, detail: "unexpected snapshot id") }
            for helper in sessions.dropFirst() {
                try helper.execute(begin)
                try helper.execute("SET TRANSACTION SNAPSHOT '\(snapshot)'")
            }
            let results = SideBySideResults<T>(count: reads.count)
            DispatchQueue.concurrentPerform(iterations: sessions.count) { worker in
                while let next = results.claim() {
                    results.store(next, Result { try reads[next](sessions[worker]) })
                }
            }
            return try results.values()
        }
    }

    /// Connections a store reads on at once: the server does the work, the client decodes.
    static let parallelReads = max(2, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// Runs `body` inside one read-write transaction.
    func write<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.unreadable(path: location.description, detail: "opened read-only") }
        return try synchronized { try session.transaction { try body(session) } }
    }

    func synchronized<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    private func appliedMigrations() throws -> Set<String> {
        Set(try session.rows("SELECT identifier FROM \(PostgresSchema.migrationsTable)").map { $0[0] as String })
    }

    /// Tables of something else in the database (not ours): init will not mix into them.
    private func hasForeignTables() throws -> Bool {
        let rows = try session.rows("SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name IN ('teams', 'runs', 'costs')")
        return (rows.first?[0] as Int64? ?? 0) > 0
    }

    private static func requireKnown(_ applied: Set<String>, _ location: PostgresLocation) throws {
        let known = Set(PostgresSchema.migrations.map(\.identifier))
        if !applied.isSubset(of: known) {
            throw StoreError.newerSchema(path: location.description, storeVersion: applied.count, supportedVersion: known.count)
        }
    }

    /// A transaction-scoped advisory lock's key for one purpose (a kind's merge, the schema).
    static func lockKey(_ purpose: String) -> String {
        "hashtext('mlops-dash:\(purpose)')"
    }
}

/// The results of reads shared out to several workers, in the reads' order.
final class SideBySideResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var slots: [Result<T, Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < slots.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ i: Int, _ result: Result<T, Error>) { lock.lock(); slots[i] = result; lock.unlock() }

    func values() throws -> [T] { try slots.map { try $0!.get() } }
}
