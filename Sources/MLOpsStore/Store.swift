import Foundation
import GRDB
import MLOpsCore

extension DatabaseError: DatabaseErrorLike {
    var sqliteCode: Int32 { resultCode.primaryResultCode.rawValue }
    var sqliteMessage: String { message ?? description }
}

/// An mlops-dash store: one SQLite file holding a platform's records.
///
/// ```swift
/// let store = try Store.create(at: "team.sqlite")
/// let dashboardStore = try Store.openReadOnly(at: "team.sqlite")
/// ```
public final class Store: Sendable {
    public let path: String
    public let isReadOnly: Bool
    /// True when the store was opened immutable: in a directory where SQLite cannot create
    /// the WAL index, with nothing in the WAL. Nothing can change it then, so no one watches.
    public let isImmutable: Bool
    /// Writes, and the store's own `data_version` (which is per connection).
    let queue: DatabaseQueue
    /// Reads: a `DatabasePool` for a read-only store, so reads run beside each other and
    /// never wait on another process's import; the queue itself for a writable one.
    let reader: any DatabaseReader

    /// The schema version this binary writes: the number of migrations it knows.
    public static var supportedSchemaVersion: Int { Schema.knownMigrations.count }

    private init(path: String, queue: DatabaseQueue, reader: (any DatabaseReader)? = nil, readOnly: Bool, immutable: Bool = false) {
        self.path = path
        self.queue = queue
        self.reader = reader ?? queue
        self.isReadOnly = readOnly
        self.isImmutable = immutable
    }

    /// How long a writer (`init`, an upgrade, an import) waits for another writer to
    /// finish before it reports the store locked and writes nothing.
    public static let writeLockTimeout: TimeInterval = 5

    /// Creates a store at `path`, or upgrades the store already there.
    ///
    /// The write lock is taken before the file is looked at, so two processes creating
    /// one store at once both succeed: the second waits, then finds it made.
    public static func create(at path: String) throws -> Store {
        try create(at: path, lockTimeout: writeLockTimeout)
    }

    static func create(at path: String, lockTimeout: TimeInterval) throws -> Store {
        // Two processes making one new file at once can meet SQLite's "busy" while the first
        // turns the file to WAL, without SQLite's own wait (about 1 in 100 races, measured):
        // that is the other creator finishing, not a writer holding the store, so it is tried
        // again until the same timeout a waiting writer has.
        let deadline = Date().addingTimeInterval(lockTimeout)
        while true {
            do {
                return try createOnce(at: path, lockTimeout: lockTimeout)
            } catch StoreError.locked(let lockedPath) {
                guard Date() < deadline else { throw StoreError.locked(path: lockedPath) }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
    }

    private static func createOnce(at path: String, lockTimeout: TimeInterval) throws -> Store {
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: false, lockTimeout: lockTimeout))
            // 16 KiB pages (SQLite's default is 4): a bulk import builds fewer, fuller index
            // pages. It writes nothing, and only a file still empty takes it (outside a transaction).
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA page_size = 16384") }
            try queue.inTransaction(.immediate) { db in
                // An empty database is one this or a racing `init` just made: it holds nothing to lose.
                if try identity(db, path: path) ?? 0 < supportedSchemaVersion { try Schema.migrator.migrate(db) }
                return .commit
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            return Store(path: path, queue: queue, readOnly: false)
        } catch {
            let storeError = StoreError.from(error, path: path)
            if existed, case StoreError.notAStore = storeError { throw StoreError.alreadyExists(path: path) }
            throw storeError
        }
    }

    /// Opens an existing store to import into; an older schema is upgraded in place,
    /// under the write lock.
    public static func openForWriting(at path: String) throws -> Store {
        try openForWriting(at: path, lockTimeout: writeLockTimeout)
    }

    static func openForWriting(at path: String, lockTimeout: TimeInterval) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: false, lockTimeout: lockTimeout))
            try queue.inTransaction(.immediate) { db in
                // An empty file is a store not made yet: often one an `init` racing this
                // import has just opened and not yet written, which says "no store here" too.
                guard let version = try identity(db, path: path) else { throw StoreError.missing(path: path) }
                if version < supportedSchemaVersion { try Schema.migrator.migrate(db) }
                return .commit
            }
            return Store(path: path, queue: queue, readOnly: false)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Opens a store for reading only: the dashboard never writes to what it shows.
    ///
    /// A store in a directory the user cannot write to opens too: SQLite needs to create
    /// the WAL index (`-shm`) beside the file for an ordinary read, so when that fails and
    /// the WAL holds nothing, the store is opened immutable instead.
    public static func openReadOnly(at path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        do {
            let queue: DatabaseQueue, version: Int
            do {
                queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
                version = try storedVersion(queue, path: path)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY && walIsEmpty(path) {
                return try openImmutable(at: path)
            }
            try requireCurrent(version, path: path)
            // A pool needs WAL; every store made by `create` has it, and one without reads through the queue.
            let pool = try? DatabasePool(path: path, configuration: configuration(readOnly: true))
            return Store(path: path, queue: queue, reader: pool, readOnly: true)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// SQLite's `immutable` open: no locks and no WAL index, valid only because nothing can
    /// write where the WAL index cannot be created, and the WAL is empty.
    private static func openImmutable(at path: String) throws -> Store {
        let uri = "file:" + path.map { c -> String in
            switch c {
            case "%": return "%25"
            case "?": return "%3f"
            case "#": return "%23"
            default: return String(c)
            }
        }.joined() + "?immutable=1"
        let queue = try DatabaseQueue(path: uri, configuration: configuration(readOnly: true))
        try requireCurrent(try storedVersion(queue, path: path), path: path)
        return Store(path: path, queue: queue, readOnly: true, immutable: true)
    }

    /// True when the store has no WAL file, or an empty one: all its data is in the main file.
    private static func walIsEmpty(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber
        return (size?.int64Value ?? 0) == 0
    }

    /// The schema version of a store opened for reading; an empty file is not a store.
    private static func storedVersion(_ queue: DatabaseQueue, path: String) throws -> Int {
        guard let version = try queue.read({ db in try identity(db, path: path) }) else {
            throw StoreError.notAStore(path: path, detail: "an empty SQLite file")
        }
        return version
    }

    private static func requireCurrent(_ version: Int, path: String) throws {
        if version < supportedSchemaVersion {
            throw StoreError.olderSchema(path: path, storeVersion: version, supportedVersion: supportedSchemaVersion)
        }
    }

    /// The schema version of the store at `path`, read without changing it.
    public static func openReadOnlyVersion(at path: String) throws -> Int {
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            guard let version = try queue.read({ db in try identity(db, path: path) }) else {
                throw StoreError.notAStore(path: path, detail: "an empty SQLite file")
            }
            return version
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// The schema version recorded in the store (the number of applied migrations).
    public func schemaVersion() throws -> Int {
        try read { db in try Schema.migrator.appliedIdentifiers(db).count }
    }

    static func configuration(readOnly: Bool, lockTimeout: TimeInterval = writeLockTimeout) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        // A writer waits this long for another writer's transaction, then reports the
        // store locked rather than waiting indefinitely.
        config.busyMode = .timeout(readOnly ? 5 : lockTimeout)
        config.label = "mlops-dash"
        config.prepareDatabase { db in
            // 64 MiB of page cache for a writer: imports update several indexes in key order
            // that is not insertion order; the default 2 MiB thrashes on a store with millions
            // of rows. A reader reads side by side with others (`readSideBySide`), each with
            // its own cache: 16 MiB each keeps the process small, at no cost in speed measured.
            try db.execute(sql: readOnly ? "PRAGMA cache_size = -16384" : "PRAGMA cache_size = -65536")
            // MLOPS_DASH_PROFILE_SQL=1 prints every statement's time to stderr: how a slow
            // screen is traced to its query.
            if ProcessInfo.processInfo.environment["MLOPS_DASH_PROFILE_SQL"] == "1" {
                db.trace(options: .profile) { event in
                    if case let .profile(statement, duration) = event {
                        FileHandle.standardError.write(Data(String(format: "%8.1f ms  %@\n", duration * 1000,
                                                                   String(statement.sql.prefix(160)).replacingOccurrences(of: "\n", with: " ")).utf8))
                    }
                }
            }
        }
        return config
    }

    /// The schema version of the store `db` is (the number of applied migrations), nil
    /// for an empty database; throws when the file is another application's or was
    /// written by a newer binary.
    private static func identity(_ db: Database, path: String) throws -> Int? {
        let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
        let tableCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
        if appID != Schema.applicationID {
            if tableCount == 0 && appID == 0 { return nil }
            throw StoreError.notAStore(path: path, detail: tableCount == 0
                ? "an empty SQLite file" : "a SQLite database of another application")
        }
        let applied = try Schema.migrator.appliedIdentifiers(db)
        if try Schema.migrator.hasBeenSuperseded(db) {
            throw StoreError.newerSchema(path: path, storeVersion: applied.count, supportedVersion: supportedSchemaVersion)
        }
        return applied.count
    }

    /// Runs `body` in one read transaction, so a view sees one consistent snapshot.
    ///
    /// Under a `ReadInterruption` (see `ReadInterruption.current`) the read stops with
    /// `CancellationError` as soon as the interruption is cancelled.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        let interruption = ReadInterruption.current
        do {
            if interruption?.isCancelled == true { throw CancellationError() }
            return try reader.read { db in
                guard let interruption else { return try body(db) }
                return try interruption.during(db) { try body(db) }
            }
        } catch let error as CancellationError {
            throw error
        } catch {
            if interruption?.isCancelled == true { throw CancellationError() }
            throw StoreError.from(error, path: path)
        }
    }

    /// A number that changes whenever another connection commits to the store;
    /// the dashboard polls it to refresh without reloading when nothing changed.
    ///
    /// Always read on the same connection: `data_version` is per connection, so values
    /// from a pool's different readers could not be compared.
    public func dataVersion() throws -> Int64 {
        do { return try queue.read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 } }
        catch { throw StoreError.from(error, path: path) }
    }
}
