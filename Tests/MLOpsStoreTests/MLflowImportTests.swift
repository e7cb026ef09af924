import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

private func at(_ text: String) -> Instant { Instant(iso8601: text)! }

/// The fixture's MLflow run ids by run name (MLflow draws them at random).
private func runIDs(_ mlflowPath: String) throws -> [String: String] {
    var config = Configuration()
    config.readonly = true
    let q = try DatabaseQueue(path: mlflowPath, configuration: config)
    return try q.read { db in
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, run_uuid FROM runs").map {
            ($0["name"] as String, "mlflow:" + ($0["run_uuid"] as String))
        })
    }
}

@Suite struct MLflowImportTests {
    let dir = TemporaryDirectory()
    let firstImport = at("2026-10-10T08:00:00Z")

    /// A copy of the fixture, for tests that change it as MLflow would.
    func fixtureCopy() throws -> String {
        let copy = dir.path("mlflow.db")
        try FileManager.default.copyItem(atPath: Fixtures.mlflow, toPath: copy)
        return copy
    }

    @Test(arguments: [Fixtures.mlflow, Fixtures.mlflow2])
    func runsKeepMLflowTimesAndGetStatusKindAndTriggerFromTags(mlflow: String) throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let summary = try store.importMLflow(path: mlflow, now: firstImport)
        // 10 runs in the fixture, one deleted.
        #expect(summary.counts(.runs)?.inserted == 9)
        #expect(summary.notes.contains("skipped 1 deleted runs"))
        let ids = try runIDs(mlflow)
        let runs = try store.read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT * FROM runs").map { ($0["id"] as String, Run(row: $0)) })
        }
        #expect(runs.count == 9)
        #expect(runs[ids["deleted"]!] == nil)

        struct Expected {
            var kind: RunKind, status: RunStatus, trigger: RunTrigger, orchestrated: Bool, registered: Bool
            var queued: String? = nil
            var started: String? = nil
            var ended: String? = nil
            var gpu: Double? = nil
            var model: String, team: String, user: String
        }
        let expected: [String: Expected] = [
            // 09:00:00.250 and 10:30:00.900 in milliseconds: whole seconds, rounded down.
            "notebook": Expected(kind: .experiment, status: .succeeded, trigger: .manual, orchestrated: false, registered: false,
                                 started: "2026-10-01T09:00:00Z", ended: "2026-10-01T10:30:00Z", model: "churn", team: "atlas", user: "ana"),
            "job": Expected(kind: .training, status: .succeeded, trigger: .schedule, orchestrated: true, registered: true,
                            started: "2026-10-02T02:00:00Z", ended: "2026-10-02T04:00:00Z", gpu: 2.5, model: "churn", team: "atlas", user: "ana"),
            "pipeline": Expected(kind: .pipeline, status: .succeeded, trigger: .drift, orchestrated: true, registered: false,
                                 started: "2026-10-03T02:00:00Z", ended: "2026-10-03T03:00:00Z", model: "churn", team: "atlas", user: "ana"),
            "step": Expected(kind: .training, status: .succeeded, trigger: .pipeline, orchestrated: true, registered: true,
                             started: "2026-10-03T02:10:00Z", ended: "2026-10-03T02:50:00Z", gpu: 1.25, model: "churn", team: "atlas", user: "ana"),
            "failed": Expected(kind: .experiment, status: .failed, trigger: .manual, orchestrated: false, registered: false,
                               started: "2026-10-04T09:00:00Z", ended: "2026-10-04T09:05:00Z", model: "churn", team: "atlas", user: "ana"),
            "killed": Expected(kind: .training, status: .cancelled, trigger: .manual, orchestrated: false, registered: false,
                               started: "2026-10-04T11:00:00Z", ended: "2026-10-04T11:30:00Z", model: "churn", team: "atlas", user: "ana"),
            "retrain": Expected(kind: .training, status: .succeeded, trigger: .schedule, orchestrated: true, registered: true,
                                started: "2026-10-06T02:00:00Z", ended: "2026-10-06T05:00:00Z", model: "churn", team: "atlas", user: "ana"),
            "explore": Expected(kind: .experiment, status: .running, trigger: .manual, orchestrated: false, registered: false,
                                started: "2026-10-05T08:00:00Z", model: "search-ranking", team: "beacon", user: "bo"),
            // SCHEDULED: submitted, not started, so its time is a queueing time.
            "eval": Expected(kind: .evaluation, status: .running, trigger: .ci, orchestrated: true, registered: false,
                             queued: "2026-10-05T09:00:00Z", model: "search-ranking", team: "beacon", user: "bo"),
        ]
        for (name, e) in expected {
            let run = try #require(runs[ids[name]!], "run \(name)")
            #expect(run.kind == e.kind, "\(name) kind")
            #expect(run.status == e.status, "\(name) status")
            #expect(run.trigger == e.trigger, "\(name) trigger")
            #expect(run.orchestrated == e.orchestrated, "\(name) orchestrated")
            #expect(run.registered == e.registered, "\(name) registered")
            #expect(run.queuedAt == e.queued.map(at), "\(name) queued_at")
            #expect(run.startedAt == e.started.map(at), "\(name) started_at")
            #expect(run.endedAt == e.ended.map(at), "\(name) ended_at")
            #expect(run.gpuHours == e.gpu, "\(name) gpu_hours")
            #expect((run.model, run.team, run.user) == (e.model, e.team, e.user), "\(name) owner")
        }
    }

    @Test func modelsAndTeamsComeFromTagsAndDefaultIsNoModel() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        // A team the user already described keeps its head count.
        let teams = dir.write("teams.csv", "name,ml_engineers,platform_engineers\natlas,8,2\n")
        _ = try store.importFile(kind: .teams, path: teams, now: firstImport)
        _ = try store.importMLflow(path: Fixtures.mlflow, now: firstImport)
        let (models, teamRows) = try store.read { db in
            (try Row.fetchAll(db, sql: "SELECT name, team, serving, created_at FROM models ORDER BY name").map {
                "\($0["name"] as String)|\($0["team"] as String)|\($0["serving"] as String)|\(Instant(seconds: $0["created_at"]))"
            },
             try Row.fetchAll(db, sql: "SELECT name, ml_engineers, platform_engineers FROM teams ORDER BY name").map {
                 "\($0["name"] as String) \($0["ml_engineers"] as Int)/\($0["platform_engineers"] as Int)"
             })
        }
        // churn: the registered model (created 10-02T04:05); search-ranking: an experiment
        // without registered models (created 09-30T08:00). No "Default": it has no runs.
        #expect(models == ["churn|atlas|batch|2026-10-02T04:05:00Z", "search-ranking|beacon|batch|2026-09-30T08:00:00Z"])
        #expect(teamRows == ["atlas 8/2", "beacon 0/0"])
    }

    @Test(arguments: [Fixtures.mlflow, Fixtures.mlflow2])
    func deploymentsAreDerivedFromStagesAndAliases(mlflow: String) throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        _ = try store.importMLflow(path: mlflow, now: firstImport)
        let ids = try runIDs(mlflow)
        let deployments = try store.read { db in try Store.fetch(Deployment.self, db, "ORDER BY id") }
        #expect(deployments == [
            // v1: Archived with later versions: superseded, placed at its creation time.
            Deployment(id: "mlflow:churn/1/production", model: "churn", team: "atlas", version: "1", environment: .production,
                       deployedAt: at("2026-10-02T04:05:00Z"), method: .manual, runId: ids["job"]),
            // v2: Staging stage, at its last_updated_time.
            Deployment(id: "mlflow:churn/2/staging", model: "churn", team: "atlas", version: "2", environment: .staging,
                       deployedAt: at("2026-10-03T06:00:00Z"), method: .manual, runId: ids["step"]),
            // v3: alias champion; its deployed_at tag wins over last_updated_time (05:10);
            // mlops.method=automated. v4 is deleted (Deleted_Internal): no deployment.
            Deployment(id: "mlflow:churn/3/production", model: "churn", team: "atlas", version: "3", environment: .production,
                       deployedAt: at("2026-10-06T12:00:00Z"), method: .automated, runId: ids["retrain"]),
        ])
    }

    @Test func reimportIsIdempotentAndLeavesTheMLflowFileUntouched() throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: Fixtures.mlflow))
        let store = try Store.create(at: dir.path("s.sqlite"))
        _ = try store.importMLflow(path: Fixtures.mlflow, now: firstImport)
        let afterFirst = try storeContents(store).filter { !$0.hasPrefix("imports:") }
        let again = try store.importMLflow(path: Fixtures.mlflow, now: at("2026-10-11T08:00:00Z"))
        for kind in [RecordKind.teams, .models, .runs, .deployments] {
            let k = try #require(again.counts(kind))
            #expect((k.inserted, k.updated, k.unchanged) == (0, 0, k.rows), "\(kind)")
        }
        #expect(try storeContents(store).filter { !$0.hasPrefix("imports:") } == afterFirst)
        #expect(try Data(contentsOf: URL(fileURLWithPath: Fixtures.mlflow)) == before)
    }

    @Test func movingProductionToALowerVersionIsARollback() throws {
        let mlflow = try fixtureCopy()
        let store = try Store.create(at: dir.path("s.sqlite"))
        _ = try store.importMLflow(path: mlflow, now: firstImport)

        // Someone points the champion alias back at version 2, as `set_registered_model_alias` would.
        let q = try DatabaseQueue(path: mlflow)
        try q.write { db in try db.execute(sql: "UPDATE registered_model_aliases SET version = 2 WHERE name = 'churn' AND alias = 'champion'") }
        try q.close()
        let second = at("2026-10-12T09:30:00Z")
        let summary = try store.importMLflow(path: mlflow, now: second)
        #expect(summary.notes.contains("churn: production moved from version 3 to 2, a rollback of mlflow:churn/3/production"))

        let rows = try store.read { db in
            try Store.fetch(Deployment.self, db, "WHERE environment = 'production' ORDER BY deployed_at")
        }
        let ids = try runIDs(mlflow)
        #expect(rows.map(\.id) == ["mlflow:churn/1/production", "mlflow:churn/3/production", "mlflow:churn/2/production@\(second.seconds)"])
        // v3 was rolled back at the import that saw the move; v2 went (back) live then.
        #expect(rows[1].status == .rolledBack)
        #expect(rows[1].rolledBackAt == second)
        #expect(rows[2] == Deployment(id: "mlflow:churn/2/production@\(second.seconds)", model: "churn", team: "atlas", version: "2",
                                      environment: .production, deployedAt: second, method: .manual, runId: ids["step"]))

        // Seeing the same state again changes nothing.
        let contents = try storeContents(store).filter { !$0.hasPrefix("imports:") }
        _ = try store.importMLflow(path: mlflow, now: at("2026-10-13T09:30:00Z"))
        #expect(try storeContents(store).filter { !$0.hasPrefix("imports:") } == contents)

        // Moving forward again is a new deployment, not a rollback.
        try DatabaseQueue(path: mlflow).write { db in
            try db.execute(sql: "UPDATE registered_model_aliases SET version = 3 WHERE name = 'churn' AND alias = 'champion'")
        }
        let third = at("2026-10-14T10:00:00Z")
        _ = try store.importMLflow(path: mlflow, now: third)
        let latest = try store.read { db in try Row.fetchAll(db, sql: "SELECT id, status FROM deployments WHERE deployed_at >= ? ORDER BY deployed_at", arguments: [second]) }
        #expect(latest.map { "\($0["id"] as String) \($0["status"] as String)" } == [
            "mlflow:churn/2/production@\(second.seconds) succeeded",
            "mlflow:churn/3/production@\(third.seconds) succeeded",
        ])
    }

    @Test func aProductionStageWithoutAliasesIsProduction() throws {
        let mlflow = try fixtureCopy()
        try DatabaseQueue(path: mlflow).write { db in
            try db.execute(sql: "DELETE FROM registered_model_aliases")
            try db.execute(sql: "UPDATE model_versions SET current_stage = 'Production' WHERE name = 'churn' AND version = 2")
        }
        let store = try Store.create(at: dir.path("s.sqlite"))
        _ = try store.importMLflow(path: mlflow, now: firstImport)
        let production = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT id, deployed_at FROM deployments WHERE environment = 'production' ORDER BY id").map {
                "\($0["id"] as String) \(Instant(seconds: $0["deployed_at"]))"
            }
        }
        // v2 at its last_updated_time; v3 holds no alias and no stage, so it is not deployed,
        // and v1 (Archived) is still a superseded production deployment.
        #expect(production == ["mlflow:churn/1/production 2026-10-02T04:05:00Z", "mlflow:churn/2/production 2026-10-03T06:00:00Z"])
    }

    @Test func dryRunWritesNothing() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let before = try storeContents(store)
        let summary = try store.importMLflow(path: Fixtures.mlflow, options: MLflowImportOptions(dryRun: true), now: firstImport)
        #expect(summary.counts(.runs)?.inserted == 9)
        #expect(summary.dryRun)
        #expect(try storeContents(store) == before)
    }

    @Test func aFileThatIsNotAnMLflowStoreIsRefused() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let other = dir.path("other.db")
        try DatabaseQueue(path: other).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: ImportError(file: other, problem: "is not an MLflow tracking store: it has no experiments and runs tables")) {
            try store.importMLflow(path: other, now: firstImport)
        }
        let text = dir.write("notes.txt", "not a database at all, just some words to fill a page header......\n")
        #expect(throws: ImportError.self) { try store.importMLflow(path: text, now: firstImport) }
    }

    @Test func aBadMLOpsTagNamesTheRunAndWritesNothing() throws {
        let mlflow = try fixtureCopy()
        try DatabaseQueue(path: mlflow).write { db in
            try db.execute(sql: "UPDATE tags SET value = 'nightly' WHERE key = 'mlops.trigger' AND value = 'drift'")
        }
        let store = try Store.create(at: dir.path("s.sqlite"))
        let before = try storeContents(store)
        let pipeline = try runIDs(mlflow)["pipeline"]!.dropFirst("mlflow:".count)
        #expect(throws: ImportError(file: mlflow, field: "mlops.trigger", value: "nightly",
                                    problem: "on run \(pipeline) is not valid; expected one of manual, schedule, pipeline, ci, drift, data")) {
            try store.importMLflow(path: mlflow, now: firstImport)
        }
        #expect(try storeContents(store) == before)
    }
}
