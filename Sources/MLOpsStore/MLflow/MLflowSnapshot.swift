/// What an import reads from an MLflow tracking store: the rows that matter to
/// mlops-dash, as MLflow wrote them (times in epoch milliseconds, names as given).
///
/// Tables and columns that a release lacks are read as absent, not as errors:
/// `workspace` (2026), `registered_model_aliases` (2.3), `latest_metrics`.
struct MLflowSnapshot {
    var experiments: [Experiment]
    var runs: [Run]
    var registeredModels: [RegisteredModel]

    /// Names are qualified by workspace outside the default one, so two workspaces'
    /// `churn` models stay two models.
    static func qualified(_ name: String, workspace: String?) -> String {
        guard let workspace, workspace != "default", !workspace.isEmpty else { return name }
        return "\(workspace)/\(name)"
    }

    struct Experiment {
        var id: Int64
        var name: String
        var workspace: String?
        var creationTime: Int64?
        var isDeleted: Bool
        var tags: [String: String]
        var qualifiedName: String { MLflowSnapshot.qualified(name, workspace: workspace) }
    }

    struct Run {
        var uuid: String
        var experimentID: Int64
        var name: String?
        var user: String?
        var status: String
        var startTime: Int64?
        var endTime: Int64?
        var isDeleted: Bool
        /// MLflow's `mlflow.*` system tags and users' `mlops.*` tags; other tags are not read.
        var tags: [String: String]
        /// The latest value of the `mlops.gpu_hours` metric, when logged.
        var gpuHoursMetric: Double?
    }

    struct RegisteredModel {
        var name: String
        var workspace: String?
        var creationTime: Int64?
        var tags: [String: String]
        var versions: [ModelVersion]
        /// Alias → version number.
        var aliases: [String: Int]
        var qualifiedName: String { MLflowSnapshot.qualified(name, workspace: workspace) }
    }

    struct ModelVersion {
        var version: Int
        var creationTime: Int64?
        var lastUpdatedTime: Int64?
        /// `None`, `Staging`, `Production`, `Archived`, or `Deleted_Internal` for a deleted version.
        var stage: String
        var runID: String?
        var tags: [String: String]
        var isDeleted: Bool { stage == "Deleted_Internal" }
    }
}
