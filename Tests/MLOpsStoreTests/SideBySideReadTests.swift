import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import Synchronization
import SnapshotSupport
import Testing

/// Reads run side by side must answer as one transaction would: from one state of the store.
@Suite struct SideBySideReadTests {
    let dir = TemporaryDirectory()

    func demoStore() throws -> String {
        let path = dir.path("s.sqlite")
        try Store.create(at: path).insert(try RecordFileReader.read(directory: sampleDataDirectory), now: Instant(seconds: 0), source: "demo")
        return path
    }

    static func teamCount(_ db: Database) throws -> Int { try Int.fetchOne(db, sql: "SELECT count(*) FROM teams") ?? -1 }

    @Test func readsGiveWhatOneTransactionGives() throws {
        let store = try Store.openReadOnly(at: try demoStore())
        let reads: [@Sendable (Database) throws -> Int] = [
            Self.teamCount,
            { try Int.fetchOne($0, sql: "SELECT count(*) FROM runs") ?? -1 },
            { try Int.fetchOne($0, sql: "SELECT count(*) FROM costs") ?? -1 },
        ]
        let oneTransaction = try store.read { db in try reads.map { try $0(db) } }
        #expect(try store.readSideBySide(reads) == oneTransaction)
        #expect(oneTransaction[0] == 4)
    }

    /// Another process commits while the reads run: they must not mix the states before and
    /// after it, so they run again in one transaction and both see the new team.
    @Test func aCommitDuringTheReadsMakesThemRunAgainTogether() throws {
        let path = try demoStore()
        let store = try Store.openReadOnly(at: path)
        let writer = try Store.openForWriting(at: path)
        let wrote = Mutex(false)
        let reads: [@Sendable (Database) throws -> Int] = [
            { db in
                let before = try Self.teamCount(db)
                let first = wrote.withLock { done in defer { done = true }; return !done }
                if first {
                    var team = RecordSet()
                    team.teams = [Team(name: "echo", mlEngineers: 1, platformEngineers: 1)]
                    try writer.insert(team, now: Instant(seconds: 0), source: "test")
                }
                return before
            },
            // Before or after the commit, depending on the threads: either way not trusted.
            Self.teamCount,
        ]
        #expect(try store.readSideBySide(reads) == [5, 5])
    }
}
