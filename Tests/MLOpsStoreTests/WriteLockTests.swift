import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// Runs `body` on two threads at once and returns both outcomes.
private func race<T: Sendable>(_ body: @escaping @Sendable () throws -> T) -> [Result<T, Error>] {
    let results = Mutex<[Result<T, Error>]>([])
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
        let r = Result { try body() }
        results.withLock { $0.append(r) }
    }
    return results.withLock { $0 }
}

/// A minimal lock for test results, so the racing threads need no actor.
private final class Mutex<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func withLock<R>(_ body: (inout Value) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

@Suite struct WriteLockTests {
    let dir = TemporaryDirectory()

    /// A store as the first release left it, holding one team.
    func versionOneStore(_ name: String) throws -> String {
        let path = dir.path(name)
        let q = try DatabaseQueue(path: path)
        try Schema.migrator(through: "v1-records").migrate(q)
        try q.write { db in try db.execute(sql: "INSERT INTO teams VALUES ('atlas', 8, 2, 40)") }
        return path
    }

    /// Another process's writer, holding the write lock until `release`.
    func holdWriteLock(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: path, configuration: config)
        try other.inDatabase { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        return other
    }

    func version(_ path: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in try Schema.migrator.appliedIdentifiers(db).count }
    }

    @Test func twoWritersCreatingOneStoreBothSucceed() throws {
        for trial in 0..<20 {
            let path = dir.path("new-\(trial).sqlite")
            let outcomes = race { try Store.create(at: path).schemaVersion() }
            for outcome in outcomes { #expect(try outcome.get() == Store.supportedSchemaVersion, "trial \(trial)") }
            #expect(try version(path) == Store.supportedSchemaVersion)
        }
    }

    @Test func twoWritersUpgradingOneStoreBothSucceedAndKeepRecords() throws {
        for trial in 0..<10 {
            let path = try versionOneStore("old-\(trial).sqlite")
            let outcomes = race { try Store.openForWriting(at: path).schemaVersion() }
            for outcome in outcomes { #expect(try outcome.get() == Store.supportedSchemaVersion, "trial \(trial)") }
            let teams = try DatabaseQueue(path: path).read { db in try String.fetchAll(db, sql: "SELECT name FROM teams") }
            #expect(teams == ["atlas"])
        }
    }

    @Test func anUpgradeWaitsForTheLockThenSaysLockedAndWritesNothing() throws {
        let path = try versionOneStore("held.sqlite")
        let other = try holdWriteLock(path)
        #expect(throws: StoreError.locked(path: path)) { try Store.openForWriting(at: path, lockTimeout: 0.3) }
        #expect(throws: StoreError.locked(path: path)) { try Store.create(at: path, lockTimeout: 0.3) }
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(try version(path) == 1)
        #expect(StoreError.locked(path: path).description.contains("locked by another writer"))
    }

    @Test func aWriterThatFinishesWithinTheTimeoutIsWaitedFor() throws {
        let path = try versionOneStore("brief.sqlite")
        let other = try holdWriteLock(path)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) {
            try? other.inDatabase { db in try db.execute(sql: "COMMIT") }
        }
        let store = try Store.openForWriting(at: path, lockTimeout: 5)
        #expect(try store.schemaVersion() == Store.supportedSchemaVersion)
    }

    @Test func anImportWaitsForTheLockThenSaysLockedAndWritesNothing() throws {
        let path = dir.path("import.sqlite")
        _ = try Store.create(at: path)
        let store = try Store.openForWriting(at: path, lockTimeout: 0.3)
        let teams = dir.write("t.csv", "name,ml_engineers,platform_engineers\natlas,1,1\n")
        let other = try holdWriteLock(path)
        #expect(throws: StoreError.locked(path: path)) {
            try store.importFile(kind: .teams, path: teams, now: Instant(seconds: 0))
        }
        try other.inDatabase { db in try db.execute(sql: "ROLLBACK") }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM teams") } == 0)
    }

    /// Two `mlops-dash` processes initialising, then importing into, one store at once.
    @Test func racingProcessesInitAndImport() throws {
        let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/mlops-dash").path
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build mlops-dash first (swift build)")
        func runTwice(_ arguments: [String]) throws -> [(status: Int32, output: String)] {
            let processes = (0..<2).map { _ in
                let p = Process()
                p.executableURL = URL(fileURLWithPath: binary)
                p.arguments = arguments
                let pipe = Pipe()
                p.standardOutput = pipe
                p.standardError = pipe
                return (p, pipe)
            }
            for (p, _) in processes { try p.run() }
            return processes.map { p, pipe in
                let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                p.waitUntilExit()
                return (p.terminationStatus, output)
            }
        }
        let runs = dir.write("runs.csv", """
            id,model,team,kind,status,trigger,started_at
            r1,churn,atlas,training,succeeded,schedule,2026-10-01T09:00:00Z
            """)
        for trial in 0..<5 {
            let path = dir.path("p-\(trial).sqlite")
            for result in try runTwice(["init", "--db", path]) {
                #expect(result.status == 0, "trial \(trial): \(result.output)")
            }
            let imports = try runTwice(["import", "runs", runs, "--db", path])
            for result in imports { #expect(result.status == 0, "trial \(trial): \(result.output)") }
            // One import inserted the run; the other, waiting for the lock, found it unchanged.
            #expect(imports.map(\.output).sorted() == [
                "\(runs): imported 1 runs rows: 0 inserted, 0 updated, 1 unchanged\n",
                "\(runs): imported 1 runs rows: 1 inserted, 0 updated, 0 unchanged\n",
            ])
        }
    }
}
