import MLOpsCore

/// The records an MLflow snapshot stands for: runs, models and teams, with the
/// ownership rules that tie them together. Pure: reads the snapshot, writes nothing.
///
/// - A run's model: an `mlops.model` run tag; else the registered model of a version
///   the run produced; else its experiment's model: an `mlops.model` experiment tag,
///   else the one registered model the experiment's runs produced versions of, else the
///   experiment's name.
/// - Teams come from the team tag (default `team`): on the experiment, else on the
///   registered model, else the experiment's (or registered model's) name.
/// - Deleted experiments and deleted runs are skipped; so is experiment 0 "Default"
///   unless it has runs, since every MLflow store has it.
struct MLflowMapping {
    var runs: [Run] = []
    var models: [Model] = []
    var teams: [String] = []
    /// Registered models with their owning team, for the deployment rules.
    var registry: [(model: MLflowSnapshot.RegisteredModel, team: String)] = []
    /// MLflow run ids of the imported runs.
    var importedRunIDs: Set<String> = []
    var skippedDeletedRuns = 0
    var skippedRunsWithoutTime = 0

    /// Our run ids are MLflow's run uuids behind this prefix.
    static let runIDPrefix = "mlflow:"
    static func runID(_ uuid: String) -> String { runIDPrefix + uuid }

    init(_ snapshot: MLflowSnapshot, options: MLflowImportOptions, file: String) throws {
        let experiments = Dictionary(snapshot.experiments.filter { !$0.isDeleted }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let liveRuns = snapshot.runs.filter { !$0.isDeleted && experiments[$0.experimentID] != nil }
        skippedDeletedRuns = snapshot.runs.count - liveRuns.count
        let runsByID = Dictionary(liveRuns.map { ($0.uuid, $0) }, uniquingKeysWith: { a, _ in a })

        // Which registered model each run produced a version of.
        var producedModel: [String: MLflowSnapshot.RegisteredModel] = [:]
        var experimentRegistry: [Int64: Set<String>] = [:]
        for model in snapshot.registeredModels {
            for v in model.versions where !v.isDeleted {
                guard let id = v.runID, let run = runsByID[id] else { continue }
                producedModel[id] = model
                experimentRegistry[run.experimentID, default: []].insert(model.qualifiedName)
            }
        }
        func experimentModel(_ e: MLflowSnapshot.Experiment) -> String {
            if let tagged = e.tags["mlops.model"] { return tagged }
            if let only = experimentRegistry[e.id], only.count == 1 { return only.first! }
            return e.qualifiedName
        }
        let teamTag = options.teamTag
        func registryTeam(_ m: MLflowSnapshot.RegisteredModel) -> String {
            if let tagged = m.tags[teamTag] { return tagged }
            for v in m.versions where !v.isDeleted {
                if let id = v.runID, let run = runsByID[id], let e = experiments[run.experimentID] {
                    return e.tags[teamTag] ?? e.qualifiedName
                }
            }
            return m.qualifiedName
        }

        var modelsByName: [String: Model] = [:]
        var order: [String] = []
        func addModel(_ m: Model) {
            if modelsByName[m.name] == nil { order.append(m.name) }
            modelsByName[m.name] = modelsByName[m.name] ?? m
        }
        for m in snapshot.registeredModels {
            let team = registryTeam(m)
            registry.append((m, team))
            addModel(Model(name: m.qualifiedName, team: team, serving: try Self.serving(m.tags, file: file, owner: "registered model \(m.qualifiedName)"),
                           createdAt: MLflowRunRules.instant(milliseconds: m.creationTime)))
        }

        let parents = Set(liveRuns.compactMap { $0.tags["mlflow.parentRunId"] })
        for r in liveRuns {
            let e = experiments[r.experimentID]!
            let modelName = r.tags["mlops.model"] ?? producedModel[r.uuid]?.qualifiedName ?? experimentModel(e)
            let team = e.tags[teamTag] ?? producedModel[r.uuid].flatMap { $0.tags[teamTag] } ?? e.qualifiedName
            guard let run = try Self.run(r, model: modelName, team: team, isParent: parents.contains(r.uuid),
                                         registered: producedModel[r.uuid] != nil, file: file) else {
                skippedRunsWithoutTime += 1
                continue
            }
            runs.append(run)
            importedRunIDs.insert(r.uuid)
            if modelsByName[modelName] == nil {
                addModel(Model(name: modelName, team: team, serving: try Self.serving(e.tags, file: file, owner: "experiment \(e.qualifiedName)"),
                               createdAt: MLflowRunRules.instant(milliseconds: e.creationTime)))
            }
        }
        models = order.map { modelsByName[$0]! }
        teams = Array(Set(models.map(\.team) + runs.map(\.team))).sorted()
    }

    /// The run, or nil when MLflow recorded no time for it at all.
    private static func run(_ r: MLflowSnapshot.Run, model: String, team: String, isParent: Bool,
                            registered: Bool, file: String) throws -> Run? {
        func bad(_ tag: String, _ value: String, _ expected: String) -> ImportError {
            ImportError(file: file, field: tag, value: value, problem: "on run \(r.uuid) is not valid; expected \(expected)")
        }
        guard let status = MLflowRunRules.status(r.status) else {
            throw bad("runs.status", r.status, "one of FINISHED, FAILED, KILLED, RUNNING, SCHEDULED")
        }
        var explicitKind: RunKind?
        if let text = r.tags["mlops.kind"] {
            guard let k = RunKind(rawValue: text.lowercased()) else { throw bad("mlops.kind", text, FieldType.choice(of: RunKind.self).expectation) }
            explicitKind = k
        }
        var explicitTrigger: RunTrigger?
        if let text = r.tags["mlops.trigger"] {
            guard let t = RunTrigger(rawValue: text.lowercased()) else { throw bad("mlops.trigger", text, FieldType.choice(of: RunTrigger.self).expectation) }
            explicitTrigger = t
        }
        var gpuHours = r.gpuHoursMetric
        if let text = r.tags["mlops.gpu_hours"] {
            guard let g = Double(text), g.isFinite, g >= 0 else { throw bad("mlops.gpu_hours", text, "a number ≥ 0 of GPU hours") }
            gpuHours = g
        }
        if let g = gpuHours, !(g.isFinite && g >= 0) { throw bad("mlops.gpu_hours", String(g), "a metric ≥ 0 of GPU hours") }

        let start = MLflowRunRules.instant(milliseconds: r.startTime)
        var end = status == .running ? nil : MLflowRunRules.instant(milliseconds: r.endTime)
        if let s = start, let e = end, e < s { end = nil }  // a clock skew MLflow allows; the end is dropped, not invented
        guard start != nil || end != nil else { return nil }
        // A SCHEDULED run has been submitted and not started: its time is when it was queued.
        let scheduled = r.status.uppercased() == "SCHEDULED"
        let trigger = MLflowRunRules.trigger(tags: r.tags, explicit: explicitTrigger)
        return Run(id: runID(r.uuid), model: model, team: team,
                   kind: MLflowRunRules.kind(tags: r.tags, isParent: isParent, explicit: explicitKind),
                   status: status, trigger: trigger, orchestrated: MLflowRunRules.orchestrated(tags: r.tags, trigger: trigger),
                   registered: registered, queuedAt: scheduled ? start : nil, startedAt: scheduled ? nil : (start ?? end),
                   endedAt: end, gpuHours: gpuHours, user: r.user)
    }

    /// An `mlops.serving` tag (online or batch); batch when absent, as most models are.
    private static func serving(_ tags: [String: String], file: String, owner: String) throws -> ServingMode {
        guard let text = tags["mlops.serving"] else { return .batch }
        guard let mode = ServingMode(rawValue: text.lowercased()) else {
            throw ImportError(file: file, field: "mlops.serving", value: text, problem: "on \(owner) is not valid; expected online or batch")
        }
        return mode
    }
}
