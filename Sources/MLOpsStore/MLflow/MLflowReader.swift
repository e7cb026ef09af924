import Foundation
import GRDB

/// Reads an MLflow tracking store kept in SQLite, opened read-only so the file is never changed.
///
/// Columns are found with `PRAGMA table_info`, not inferred from an MLflow version:
/// releases add columns (`workspace` in 2026) and tables (`registered_model_aliases`).
enum MLflowReader {
    static func read(path: String) throws -> MLflowSnapshot {
        guard FileManager.default.fileExists(atPath: path) else { throw ImportError(file: path, problem: "no such file") }
        var config = Configuration()
        config.readonly = true
        config.label = "mlflow (read-only)"
        // A tracking server may be writing; wait out its short transactions.
        config.busyMode = .timeout(5)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
            return try queue.read { db in try read(db, path: path) }
        } catch let error as ImportError {
            throw error
        } catch let error as DatabaseError {
            throw ImportError(file: path, problem: "cannot be read as an MLflow SQLite store (\(error.message ?? error.description))")
        }
    }

    private static func read(_ db: Database, path: String) throws -> MLflowSnapshot {
        let runColumns = try columns(db, "runs")
        let experimentColumns = try columns(db, "experiments")
        guard !runColumns.isEmpty, !experimentColumns.isEmpty else {
            throw ImportError(file: path, problem: "is not an MLflow tracking store: it has no experiments and runs tables")
        }
        for needed in ["run_uuid", "experiment_id", "status", "lifecycle_stage"] where !runColumns.contains(needed) {
            throw ImportError(file: path, field: "runs.\(needed)", problem: "column is missing; this MLflow schema is not supported")
        }

        // Experiments and their tags.
        var experimentTags: [Int64: [String: String]] = [:]
        if try !columns(db, "experiment_tags").isEmpty {
            for row in try Row.fetchAll(db, sql: "SELECT experiment_id, key, value FROM experiment_tags") {
                experimentTags[row["experiment_id"], default: [:]][row["key"]] = row["value"]
            }
        }
        let experiments = try Row.fetchAll(db, sql: """
            SELECT experiment_id, name, lifecycle_stage,
                   \(optional("creation_time", in: experimentColumns)) AS creation_time,
                   \(optional("workspace", in: experimentColumns)) AS workspace
            FROM experiments ORDER BY experiment_id
            """).map { row in
            MLflowSnapshot.Experiment(id: row["experiment_id"], name: row["name"], workspace: row["workspace"],
                                      creationTime: row["creation_time"], isDeleted: (row["lifecycle_stage"] as String?) == "deleted",
                                      tags: experimentTags[row["experiment_id"]] ?? [:])
        }

        // Runs, with the tags the inference rules read.
        var runTags: [String: [String: String]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT run_uuid, key, value FROM tags
            WHERE key IN ('mlflow.source.type', 'mlflow.parentRunId', 'mlflow.runName', 'mlflow.user') OR key LIKE 'mlops.%'
            """) {
            runTags[row["run_uuid"], default: [:]][row["key"]] = row["value"]
        }
        var gpuMetric: [String: Double] = [:]
        if try !columns(db, "latest_metrics").isEmpty {
            for row in try Row.fetchAll(db, sql: "SELECT run_uuid, value FROM latest_metrics WHERE key = 'mlops.gpu_hours' AND NOT is_nan") {
                gpuMetric[row["run_uuid"]] = row["value"]
            }
        } else if try !columns(db, "metrics").isEmpty {
            // Older stores: the last value by step, then timestamp.
            for row in try Row.fetchAll(db, sql: """
                SELECT run_uuid, value FROM metrics WHERE key = 'mlops.gpu_hours' ORDER BY run_uuid, step, timestamp
                """) {
                gpuMetric[row["run_uuid"]] = row["value"]
            }
        }
        let runs = try Row.fetchAll(db, sql: """
            SELECT run_uuid, experiment_id, status, lifecycle_stage,
                   \(optional("name", in: runColumns)) AS name,
                   \(optional("user_id", in: runColumns)) AS user_id,
                   \(optional("start_time", in: runColumns)) AS start_time,
                   \(optional("end_time", in: runColumns)) AS end_time
            FROM runs ORDER BY start_time, run_uuid
            """).map { row -> MLflowSnapshot.Run in
            let uuid: String = row["run_uuid"]
            let tags = runTags[uuid] ?? [:]
            return MLflowSnapshot.Run(uuid: uuid, experimentID: row["experiment_id"], name: row["name"] ?? tags["mlflow.runName"],
                                      user: (row["user_id"] as String?) ?? tags["mlflow.user"], status: row["status"] ?? "UNKNOWN",
                                      startTime: row["start_time"], endTime: row["end_time"],
                                      isDeleted: (row["lifecycle_stage"] as String?) == "deleted", tags: tags, gpuHoursMetric: gpuMetric[uuid])
        }

        return MLflowSnapshot(experiments: experiments, runs: runs, registeredModels: try readRegistry(db))
    }

    /// The model registry; a tracking store without one yields no models.
    private static func readRegistry(_ db: Database) throws -> [MLflowSnapshot.RegisteredModel] {
        let modelColumns = try columns(db, "registered_models")
        let versionColumns = try columns(db, "model_versions")
        guard !modelColumns.isEmpty, !versionColumns.isEmpty else { return [] }
        struct Key: Hashable { var workspace: String?; var name: String }
        func workspace(_ set: Set<String>) -> String { optional("workspace", in: set) }

        var modelTags: [Key: [String: String]] = [:]
        let modelTagColumns = try columns(db, "registered_model_tags")
        if !modelTagColumns.isEmpty {
            for row in try Row.fetchAll(db, sql: "SELECT \(workspace(modelTagColumns)) AS workspace, name, key, value FROM registered_model_tags") {
                modelTags[Key(workspace: row["workspace"], name: row["name"]), default: [:]][row["key"]] = row["value"]
            }
        }
        struct VersionKey: Hashable { var model: Key; var version: Int }
        var versionTags: [VersionKey: [String: String]] = [:]
        let versionTagColumns = try columns(db, "model_version_tags")
        if !versionTagColumns.isEmpty {
            for row in try Row.fetchAll(db, sql: "SELECT \(workspace(versionTagColumns)) AS workspace, name, version, key, value FROM model_version_tags") {
                let key = VersionKey(model: Key(workspace: row["workspace"], name: row["name"]), version: row["version"])
                versionTags[key, default: [:]][row["key"]] = row["value"]
            }
        }
        var aliases: [Key: [String: Int]] = [:]
        let aliasColumns = try columns(db, "registered_model_aliases")
        if !aliasColumns.isEmpty {
            for row in try Row.fetchAll(db, sql: "SELECT \(workspace(aliasColumns)) AS workspace, name, alias, version FROM registered_model_aliases") {
                aliases[Key(workspace: row["workspace"], name: row["name"]), default: [:]][row["alias"]] = row["version"]
            }
        }
        var versions: [Key: [MLflowSnapshot.ModelVersion]] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT \(workspace(versionColumns)) AS workspace, name, version, creation_time, last_updated_time, current_stage, run_id
            FROM model_versions ORDER BY version
            """) {
            let key = Key(workspace: row["workspace"], name: row["name"])
            let version: Int = row["version"]
            versions[key, default: []].append(MLflowSnapshot.ModelVersion(
                version: version, creationTime: row["creation_time"], lastUpdatedTime: row["last_updated_time"],
                stage: row["current_stage"] ?? "None", runID: row["run_id"],
                tags: versionTags[VersionKey(model: key, version: version)] ?? [:]))
        }
        return try Row.fetchAll(db, sql: """
            SELECT \(workspace(modelColumns)) AS workspace, name, creation_time FROM registered_models ORDER BY workspace, name
            """).map { row in
            let key = Key(workspace: row["workspace"], name: row["name"])
            return MLflowSnapshot.RegisteredModel(name: key.name, workspace: key.workspace, creationTime: row["creation_time"],
                                                  tags: modelTags[key] ?? [:], versions: versions[key] ?? [],
                                                  aliases: aliases[key] ?? [:])
        }
    }

    /// The table's column names; empty when the table does not exist.
    private static func columns(_ db: Database, _ table: String) throws -> Set<String> {
        Set(try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]).map { $0["name"] as String })
    }

    /// The column when the table has it, else NULL, for a SELECT list.
    private static func optional(_ column: String, in columns: Set<String>) -> String {
        columns.contains(column) ? "\"\(column)\"" : "NULL"
    }
}
