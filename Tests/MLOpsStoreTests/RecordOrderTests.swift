import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// A window's deployments come in `ORDER BY deployed_at, id` order (ids by their bytes, as
/// SQLite's BINARY compares them), though only the time is sorted in SQL.
@Suite struct RecordOrderTests {
    @Test func deploymentsAtOneTimeAreOrderedByTheBytesOfTheirIDs() throws {
        let dir = TemporaryDirectory()
        let store = try Store.create(at: dir.path("order.sqlite"))
        let at = Instant(seconds: 1_795_000_000)
        // Written out of order; "é" twice, precomposed and decomposed, which Swift's `<`
        // holds equal and bytes do not.
        let ids = ["d-b", "d-\u{E9}", "d-B", "d-e\u{301}", "d-a", "c-z"]
        var records = RecordSet()
        records.deployments = ids.enumerated().map { i, id in
            Deployment(id: id, model: "m", team: "t", version: "v\(i)", environment: .production,
                       deployedAt: id == "c-z" ? Instant(seconds: at.seconds + 60) : at, method: .automated)
        }
        try store.insert(records, now: at, source: "test")
        let query = MetricsQuery(spec: .lastDays(30), now: Instant(seconds: at.seconds + 3600))
        let read = try store.read { db in try SmallRecordsQuery.fetch(db, query, parts: .records) }
        let expected = try store.read { db in try String.fetchAll(db, sql: "SELECT id FROM deployments ORDER BY deployed_at, id") }
        #expect(read.deployments.map { Array($0.id.utf8) } == expected.map { Array($0.utf8) })
        #expect(read.deployments.map { Array($0.id.utf8) } == ["d-B", "d-a", "d-b", "d-e\u{301}", "d-\u{E9}", "c-z"].map { Array($0.utf8) })
    }
}
