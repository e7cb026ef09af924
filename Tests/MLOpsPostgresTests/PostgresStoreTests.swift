import Foundation
import MLOpsCore
@testable import MLOpsStore
import MLOpsSampleData
import SnapshotSupport
import Testing

/// Schema versions, moving stores, and what errors may say.
@Suite(.serialized, .enabled(if: PostgresServer.available, PostgresServer.skipReason))
struct PostgresStoreTests {
    let dir = TemporaryDirectory()

    @Test func sameSchemaVersionsAndNewerRefused() throws {
        let server = try PostgresServer.Database()
        #expect(throws: StoreError.missing(path: server.location.description)) { try PostgresStore.open(server.location, readOnly: true) }
        let store = try PostgresStore.create(server.location)
        #expect(try store.schemaVersion() == Schema.knownMigrations.count)
        #expect(PostgresSchema.migrations.map(\.identifier) == Schema.knownMigrations)
        _ = try PostgresStore.create(server.location)  // a second init leaves it as it is
        try store.write { try $0.execute("INSERT INTO \(PostgresSchema.migrationsTable) VALUES ('v99-from-the-future')") }
        #expect(throws: StoreError.newerSchema(path: server.location.description, storeVersion: Schema.knownMigrations.count + 1, supportedVersion: Schema.knownMigrations.count)) {
            try PostgresStore.open(server.location, readOnly: false)
        }
    }

    @Test func readOnlyStoreRefusesWrites() throws {
        let server = try PostgresServer.Database()
        _ = try PostgresStore.create(server.location)
        let reader = try PostgresStore.open(server.location, readOnly: true)
        let file = dir.write("teams.csv", "name,ml_engineers,platform_engineers\nt1,3,1\n")
        #expect(throws: StoreError.self) { try reader.importFile(kind: .teams, path: file, now: Instant(seconds: 0)) }
    }

    @Test func moveBothWaysKeepsEveryRowAndNumber() throws {
        let sqlite = try Store.create(at: dir.path("demo.sqlite"))
        for kind in RecordKind.importOrder {
            _ = try sqlite.importFile(kind: kind, path: "\(sampleDataDirectory)/\(kind.rawValue).csv", now: Instant(seconds: 0))
        }
        let server = try PostgresServer.Database()
        let postgres = try PostgresStore.create(server.location)
        let there = try StoreMove.copy(from: .sqlite(sqlite), to: .postgres(postgres))
        #expect(there["runs"] == 3715 && there["imports"] == 9)
        let back = try Store.create(at: dir.path("back.sqlite"))
        let again = try StoreMove.copy(from: .postgres(postgres), to: .sqlite(back))
        #expect(again == there)
        #expect(try StoreMove.counts(.sqlite(back)) == StoreMove.counts(.sqlite(sqlite)))
        let now = DemoOrganisation.now
        for spec in [WindowSpec.lastDays(30), .quarterToDate] {
            #expect(try sqlite.snapshot(window: spec, now: now) == back.snapshot(window: spec, now: now))
            #expect(try sqlite.snapshot(window: spec, now: now) == postgres.snapshot(window: spec, now: now))
        }
        // A destination with records is refused and left as it was.
        #expect(throws: StoreMoveError.self) { try StoreMove.copy(from: .sqlite(sqlite), to: .postgres(postgres)) }
        #expect(try StoreMove.counts(.postgres(postgres)) == there)
    }

    @Test func errorsNeverShowThePassword() throws {
        // A port nobody listens on: the connection fails, and the message names the store without the secret.
        let location = try PostgresLocation.parse("postgresql://dash:S3cretPw@127.0.0.1:9/none?sslmode=disable&connect_timeout=2", environment: [:])
        do {
            _ = try PostgresStore.open(location, readOnly: true)
            Issue.record("connected to a closed port")
        } catch {
            #expect("\(error)".contains("postgresql://dash@127.0.0.1:9/none"))
            #expect("\(error)".contains("connection refused"))
            #expect(!"\(error)".contains("S3cretPw"))
        }
    }
}
