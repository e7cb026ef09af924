import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

@Suite struct MigrationTests {
    let dir = TemporaryDirectory()

    /// A store as the first release left it: only the first migration applied.
    func versionOneStore() throws -> String {
        let path = dir.path("old.sqlite")
        let q = try DatabaseQueue(path: path)
        try Schema.migrator(through: "v1-records").migrate(q)
        try q.write { db in
            try db.execute(sql: "INSERT INTO teams VALUES ('atlas', 8, 2, 40)")
        }
        return path
    }

    @Test func newStoreIsAtTheCurrentVersion() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        #expect(try store.schemaVersion() == Store.supportedSchemaVersion)
        #expect(Store.supportedSchemaVersion == 11)
    }

    @Test func olderStoreUpgradesWhenOpenedForWritingAndKeepsRecords() throws {
        let path = try versionOneStore()
        #expect(throws: StoreError.olderSchema(path: path, storeVersion: 1, supportedVersion: 11)) {
            try Store.openReadOnly(at: path)
        }
        let store = try Store.openForWriting(at: path)
        #expect(try store.schemaVersion() == 11)
        let (teams, index) = try store.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM teams"),
             try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE name IN ('incidents_by_deployment', 'runs_by_kind_model_time', 'runs_experiments_by_model',
                                                              'runs_succeeded_training_by_end', 'runs_by_end', 'costs_gpu_with_run', 'runs_failed_ids',
                                                              'maintenance_by_date', 'maintenance_by_date_cover', 'serving_by_date', 'serving_by_date_model',
                                                              'research_days', 'incidents_by_resolution') ORDER BY name
                """))
        }
        #expect(teams == ["atlas"])
        #expect(index == ["costs_gpu_with_run", "incidents_by_deployment", "incidents_by_resolution", "maintenance_by_date_cover", "research_days", "runs_by_end",
                          "runs_experiments_by_model", "runs_failed_ids", "serving_by_date_model"])
        #expect(try Store.openReadOnly(at: path).schemaVersion() == 11)
    }

    @Test func newerStoreIsRefusedAndUntouched() throws {
        let path = dir.path("new.sqlite")
        _ = try Store.create(at: path)
        let q = try DatabaseQueue(path: path)
        try q.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        let bytesBefore = try Data(contentsOf: URL(fileURLWithPath: path))
        let expected = StoreError.newerSchema(path: path, storeVersion: Store.supportedSchemaVersion + 1, supportedVersion: Store.supportedSchemaVersion)
        #expect(throws: expected) { try Store.openForWriting(at: path) }
        #expect(throws: expected) { try Store.openReadOnly(at: path) }
        #expect(throws: expected) { try Store.create(at: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytesBefore)
        #expect(expected.description.contains("newer than this mlops-dash understands"))
    }

    @Test func readOnlyStoreRefusesImports() throws {
        let path = dir.path("s.sqlite")
        _ = try Store.create(at: path)
        let ro = try Store.openReadOnly(at: path)
        let file = dir.write("t.csv", "name,ml_engineers,platform_engineers\natlas,1,1\n")
        #expect(throws: (any Error).self) { try ro.importFile(kind: .teams, path: file, now: Instant(seconds: 0)) }
    }
}
