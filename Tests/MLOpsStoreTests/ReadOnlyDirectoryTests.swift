import Foundation
import GRDB
import MLOpsCore
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A store in a directory the reader may not write to (a shared read-only mount, another
/// user's home). SQLite wants to create the WAL index (`-shm`) beside it for any read.
///
/// Tests run as root, for whom `chmod 0555` stops nothing. So the reading happens on a
/// thread whose filesystem uid is `nobody` (`setfsuid` is per thread on Linux and drops
/// the thread's file capabilities), and the test first shows that a plain read-only open
/// really fails there, so the directory's protection is known to bite.
@Suite(.serialized) struct ReadOnlyDirectoryTests {
    static let nobody: UInt32 = 65534

    /// Runs `body` on a new thread with filesystem uid and gid `nobody`.
    static func asNobody<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
        let result = Locked<Result<T, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            _ = libc("setfsgid")(nobody)
            _ = libc("setfsuid")(nobody)
            result.set(Result { try body() })
            done.signal()
        }
        thread.start()
        done.wait()
        return try result.get()!.get()
    }

    /// glibc's `setfsuid` / `setfsgid`, which Swift's Glibc module does not declare.
    static func libc(_ name: String) -> @convention(c) (UInt32) -> Int32 {
        unsafeBitCast(dlsym(dlopen(nil, RTLD_NOW), name)!, to: (@convention(c) (UInt32) -> Int32).self)
    }

    /// A checkpointed demo store (no `-wal`, no `-shm`) in a directory of mode 0555.
    static func storeInReadOnlyDirectory(_ dir: TemporaryDirectory) throws -> String {
        let path = dir.path("shared.sqlite")
        do {
            let store = try Store.create(at: path)
            try store.insert(DemoOrganisation.generate(), now: DemoOrganisation.now, source: "demo")
        }
        // The last connection closed: SQLite checkpointed the WAL and removed both side files.
        #expect(!FileManager.default.fileExists(atPath: path + "-wal") && !FileManager.default.fileExists(atPath: path + "-shm"))
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dir.url.path)
        return path
    }

    @Test func aStoreInADirectoryNobodyMayWriteOpensForReading() throws {
        let dir = TemporaryDirectory()
        let path = try Self.storeInReadOnlyDirectory(dir)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir.url.path) }

        // Before: what Store.openReadOnly used to do fails here, even though we are root.
        let plain = try Self.asNobody { () -> String in
            var configuration = Configuration()
            configuration.readonly = true
            do {
                _ = try DatabaseQueue(path: path, configuration: configuration).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") }
                return "opened"
            } catch let error as DatabaseError {
                return error.resultCode == .SQLITE_READONLY ? "readonly" : "\(error)"
            }
        }
        #expect(plain == "readonly")

        // After: the store opens, immutable, and reads every record.
        let (immutable, runs, teams) = try Self.asNobody { () -> (Bool, Int, [String]) in
            let store = try Store.openReadOnly(at: path)
            let runs = try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? -1 }
            return (store.isImmutable, runs, try store.subjectNames().teams)
        }
        #expect(immutable)
        #expect(runs == DemoOrganisation.generate().runs.count)
        #expect(teams == ["atlas", "beacon", "cobalt", "delta"])
        // Nothing was created beside the store.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["shared.sqlite"])
    }

    @Test func aWritableDirectoryStillOpensNormallyAndWatchesForChanges() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("own.sqlite")
        let writer = try Store.create(at: path)
        let reader = try Store.openReadOnly(at: path)
        #expect(!reader.isImmutable)
        let before = try reader.dataVersion()
        try writer.insert(DemoOrganisation.generate(), now: DemoOrganisation.now, source: "demo")
        // data_version is read on one connection, so the change shows however reads are pooled.
        _ = try reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") }
        #expect(try reader.dataVersion() != before)
    }
}

/// Cancelling a `ReadInterruption` stops a store read that is already running.
@Suite struct ReadInterruptionTests {
    @Test func cancellingStopsARunningReadAndRefusesTheNext() throws {
        let dir = TemporaryDirectory()
        let store = try Store.create(at: dir.path("s.sqlite"))
        let interruption = ReadInterruption()
        let outcome = Locked<Result<Int, Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread {
            outcome.set(Result {
                try ReadInterruption.$current.withValue(interruption) {
                    // Never ends by itself: only an interrupt stops it.
                    try store.read { db in
                        try Int.fetchOne(db, sql: "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c") ?? 0
                    }
                }
            })
            done.signal()
        }.start()
        usleep(100_000)
        interruption.cancel()
        #expect(done.wait(timeout: .now() + 30) == .success)
        #expect(throws: CancellationError.self) { try outcome.get()!.get() }
        // A read started after the cancellation does not run at all.
        #expect(throws: CancellationError.self) {
            try ReadInterruption.$current.withValue(interruption) { try store.read { db in try Int.fetchOne(db, sql: "SELECT 1") } }
        }
        // Without the interruption the store reads as usual.
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT 1") } == 1)
    }
}

/// A value shared with another thread.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func get() -> Value { lock.withLock { value } }
    func set(_ new: Value) { lock.withLock { value = new } }
}
