import MLOpsCore

/// How an MLflow run becomes a mlops-dash run: its status, and the kind, trigger and
/// orchestration that MLflow does not record but its tags imply.
///
/// The SQL store always writes `runs.source_type = 'UNKNOWN'`; the source lives in the
/// `mlflow.source.type` tag (NOTEBOOK, JOB, PROJECT, LOCAL). Rules, first match wins:
///
/// - kind: an `mlops.kind` tag; else `pipeline` for a run that is the parent of other
///   runs; else `training` for a child run (a pipeline step) or a JOB/PROJECT source;
///   else `experiment` (NOTEBOOK, LOCAL, no source).
/// - trigger: an `mlops.trigger` tag; else `pipeline` for a child run; else `schedule`
///   for a JOB source (scheduled jobs); else `manual`.
/// - orchestrated: a child run, a JOB source, or a trigger other than manual.
enum MLflowRunRules {
    /// MLflow's run status: FINISHED, FAILED, KILLED, RUNNING, SCHEDULED.
    static func status(_ mlflow: String) -> RunStatus? {
        switch mlflow.uppercased() {
        case "FINISHED": return .succeeded
        case "FAILED": return .failed
        case "KILLED": return .cancelled
        case "RUNNING", "SCHEDULED": return .running
        default: return nil
        }
    }

    static func kind(tags: [String: String], isParent: Bool, explicit: RunKind?) -> RunKind {
        if let explicit { return explicit }
        if isParent { return .pipeline }
        if tags["mlflow.parentRunId"] != nil { return .training }
        switch tags["mlflow.source.type"]?.uppercased() {
        case "JOB", "PROJECT": return .training
        default: return .experiment
        }
    }

    static func trigger(tags: [String: String], explicit: RunTrigger?) -> RunTrigger {
        if let explicit { return explicit }
        if tags["mlflow.parentRunId"] != nil { return .pipeline }
        if tags["mlflow.source.type"]?.uppercased() == "JOB" { return .schedule }
        return .manual
    }

    static func orchestrated(tags: [String: String], trigger: RunTrigger) -> Bool {
        tags["mlflow.parentRunId"] != nil || tags["mlflow.source.type"]?.uppercased() == "JOB" || trigger != .manual
    }

    /// MLflow's epoch milliseconds as whole UTC seconds, rounded down.
    static func instant(milliseconds: Int64?) -> Instant? {
        milliseconds.map { ms in Instant(seconds: ms / 1000 - (ms % 1000 < 0 ? 1 : 0)) }
    }
}
