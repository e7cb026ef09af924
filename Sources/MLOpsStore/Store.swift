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
    let queue: DatabaseQueue

    /// The schema version this binary writes: the number of migrations it knows.
    public static var supportedSchemaVersion: Int { Schema.knownMigrations.count }

    private init(path: String, queue: DatabaseQueue, readOnly: Bool) {
        self.path = path
        self.queue = queue
        self.isReadOnly = readOnly
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
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: false, lockTimeout: lockTimeout))
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
                guard let version = try identity(db, path: path) else {
                    throw StoreError.notAStore(path: path, detail: "an empty SQLite file")
                }
                if version < supportedSchemaVersion { try Schema.migrator.migrate(db) }
                return .commit
            }
            return Store(path: path, queue: queue, readOnly: false)
        } catch {
            throw StoreError.from(error, path: path)
        }
    }

    /// Opens a store for reading only: the dashboard never writes to what it shows.
    public static func openReadOnly(at path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration(readOnly: true))
            let version = try queue.read { db in try identity(db, path: path) }
            guard let version else { throw StoreError.notAStore(path: path, detail: "an empty SQLite file") }
            if version < supportedSchemaVersion {
                throw StoreError.olderSchema(path: path, storeVersion: version, supportedVersion: supportedSchemaVersion)
            }
            return Store(path: path, queue: queue, readOnly: true)
        } catch {
            throw StoreError.from(error, path: path)
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
        try queue.read { db in try Schema.migrator.appliedIdentifiers(db).count }
    }

    static func configuration(readOnly: Bool, lockTimeout: TimeInterval = writeLockTimeout) -> Configuration {
        var config = Configuration()
        config.readonly = readOnly
        // A writer waits this long for another writer's transaction, then reports the
        // store locked rather than waiting indefinitely.
        config.busyMode = .timeout(readOnly ? 5 : lockTimeout)
        config.label = "mlops-dash"
        config.prepareDatabase { db in
            // 64 MiB of page cache: imports update several indexes in key order that is not
            // insertion order, and window loads reread index pages; the default 2 MiB thrashes
            // on a store with millions of rows.
            try db.execute(sql: "PRAGMA cache_size = -65536")
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
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try queue.read(body) } catch { throw StoreError.from(error, path: path) }
    }

    /// A number that changes whenever another connection commits to the store;
    /// the dashboard polls it to refresh without reloading when nothing changed.
    public func dataVersion() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
