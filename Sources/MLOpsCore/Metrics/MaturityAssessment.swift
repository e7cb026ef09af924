/// One criterion as measured for one subject.
public struct MaturityEvidence: Sendable, Codable, Hashable {
    public var criterion: MaturityCriterion
    public var level: Int
    public var title: String
    /// The measured share (0...1) or count; nil when there was nothing to measure.
    public var measured: Double?
    public var threshold: Double
    public var met: Bool
    /// What was counted, e.g. "12 of 15 training runs".
    public var detail: String
}

/// Who a maturity assessment is about.
public enum MaturitySubjectKind: String, Sendable, Codable, Hashable {
    case organisation, team, model
}

/// A subject's maturity level from evidence in a window, and what the next level needs.
public struct MaturityAssessment: Sendable, Codable, Hashable {
    public var subject: String
    public var kind: MaturitySubjectKind
    /// 0, 1 or 2; nil when the window holds no runs or deployments for the subject.
    public var level: Int?
    /// The level plus the share of the next level's criteria already met, e.g. 1.5.
    public var progress: Double?
    public var evidence: [MaturityEvidence]
    /// The unmet criteria of the next level: what stands between the subject and it.
    public var missing: [MaturityEvidence]
    public var history: [MonthlyPoint]
}

/// What one subject's maturity is assessed on: its deployments, incidents and serving
/// days, and its runs counted for the window and for each month.
public struct MaturitySubjectInput: Sendable {
    public var records: RecordSet
    public var window: RunCounts
    public var monthly: [Month: RunCounts]
    public var producingRuns: [String: ProducingRun]
    /// Each model's first production deployment, ever (`ModelHistory`): a model shipped
    /// long before the records read is still in production.
    public var firstProduction: [String: Instant]

    public init(records: RecordSet, window: RunCounts, monthly: [Month: RunCounts], producingRuns: [String: ProducingRun],
                firstProduction: [String: Instant] = [:]) {
        self.records = records
        self.window = window
        self.monthly = monthly
        self.producingRuns = producingRuns
        self.firstProduction = firstProduction
    }
}

extension MaturityAssessment {
    /// Assesses `records` (already narrowed to the subject) over `window`; `history`
    /// months are each assessed on their own records.
    public static func assess(subject: String, kind: MaturitySubjectKind, records: RecordSet, window: TimeWindow,
                              thresholds: MaturityThresholds = MaturityThresholds(), historyMonths: [Month] = []) -> MaturityAssessment {
        var counts = RunCounts(), monthly: [Month: RunCounts] = [:]
        for run in records.runs {
            guard let t = run.timestamp else { continue }
            if window.contains(t) { counts.add(run) }
            if let m = historyMonths.first(where: { $0.window.contains(t) }) { monthly[m, default: RunCounts()].add(run) }
        }
        let runsByID = Dictionary(records.runs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var producing: [String: ProducingRun] = [:]
        for d in records.deployments {
            if let id = d.runId, let run = runsByID[id] { producing[d.id] = ProducingRun(endedAt: run.endedAt, registered: run.registered) }
        }
        return assess(subject: subject, kind: kind, MaturitySubjectInput(records: records, window: counts, monthly: monthly, producingRuns: producing),
                      window: window, thresholds: thresholds, historyMonths: historyMonths)
    }

    /// Assesses one subject's input over `window`; `history` months are each assessed on
    /// their own counts.
    public static func assess(subject: String, kind: MaturitySubjectKind, _ input: MaturitySubjectInput, window: TimeWindow,
                              thresholds: MaturityThresholds = MaturityThresholds(), historyMonths: [Month] = []) -> MaturityAssessment {
        assess(subject: subject, kind: kind, links: MaturityLinks(input), counts: input.window, monthly: input.monthly,
               window: window, thresholds: thresholds, historyMonths: historyMonths)
    }

    /// Assesses one subject from its links and its run counts for the window and each month.
    static func assess(subject: String, kind: MaturitySubjectKind, links: MaturityLinks, counts windowCounts: RunCounts,
                       monthly: [Month: RunCounts], window: TimeWindow, thresholds: MaturityThresholds,
                       historyMonths: [Month]) -> MaturityAssessment {
        let evidence = measure(windowCounts, window, thresholds, links)
        let hasData = windowCounts.runs > 0 || links.hasDeployment(in: window)
        let (level, progress) = hasData ? levelOf(evidence) : (nil, nil)
        let missing = level.map { l in evidence.filter { $0.level == l + 1 && !$0.met } } ?? []
        let history = historyMonths.map { month -> MonthlyPoint in
            let w = month.window
            let counts = monthly[month] ?? RunCounts()
            let ev = measure(counts, w, thresholds, links)
            let any = counts.runs > 0 || links.hasDeployment(in: w)
            return MonthlyPoint(month: month, value: any ? Double(levelOf(ev).0) : nil)
        }
        return MaturityAssessment(subject: subject, kind: kind, level: level, progress: progress, evidence: evidence,
                                  missing: missing, history: history)
    }

    static func levelOf(_ evidence: [MaturityEvidence]) -> (Int, Double) {
        let l1 = evidence.filter { $0.level == 1 }, l2 = evidence.filter { $0.level == 2 }
        let l1Met = l1.filter(\.met).count, l2Met = l2.filter(\.met).count
        if l1Met < l1.count { return (0, Double(l1Met) / Double(l1.count)) }
        if l2Met < l2.count { return (1, 1 + Double(l2Met) / Double(l2.count)) }
        return (2, 2)
    }

    static func measure(_ training: RunCounts, _ w: TimeWindow, _ t: MaturityThresholds, _ links: MaturityLinks) -> [MaturityEvidence] {
        let production = links.shipped(in: w)
        let failedChanges = production.filter(\.failedChange)
        let rolledBack = failedChanges.filter(\.rolledBack)
        // In production: a production deployment before the window's end, however long ago
        // (the store records no retirement, so a shipped model stays in production).
        let deployedModels = links.firstDeployed.filter { $0.value < w.end }.keys
        let monitoredDeployed = deployedModels.filter { links.isMonitored($0, in: w) }.count
        let triggered = training.monitoringTriggered

        func share(_ c: MaturityCriterion, _ part: Int, _ whole: Int, _ noun: String) -> MaturityEvidence {
            let v = Statistics.ratio(part, whole)
            return MaturityEvidence(criterion: c, level: c.level, title: c.title, measured: v, threshold: t[c],
                                    met: v.map { $0 >= t[c] } ?? false,
                                    detail: whole == 0 ? "no \(noun) in window" : "\(part) of \(whole) \(noun)")
        }
        var evidence = [
            share(.orchestratedTraining, training.orchestrated, training.training, "training runs"),
            share(.automatedTraining, training.automated, training.training, "training runs"),
            share(.registeredDeployments, production.filter(\.registered).count, production.count, "prod deploys"),
            share(.automatedDeployments, production.filter(\.automated).count, production.count, "prod deploys"),
        ]
        if failedChanges.isEmpty {
            // Nothing failed, so nothing needed rolling back: this neither proves nor blocks the level.
            evidence.append(MaturityEvidence(criterion: .rollbacks, level: 2, title: MaturityCriterion.rollbacks.title, measured: nil,
                                             threshold: t[.rollbacks], met: true, detail: "no failed changes to roll back"))
        } else {
            evidence.append(share(.rollbacks, rolledBack.count, failedChanges.count, "failed changes"))
        }
        evidence.append(share(.monitoringCoverage, monitoredDeployed, deployedModels.count, "deployed models"))
        evidence.append(MaturityEvidence(criterion: .triggeredRetraining, level: 2, title: MaturityCriterion.triggeredRetraining.title,
                                         measured: Double(triggered), threshold: t[.triggeredRetraining],
                                         met: Double(triggered) >= t[.triggeredRetraining],
                                         detail: "\(triggered) drift/data-triggered of \(training.training) training runs"))
        return evidence
    }
}

/// Maturity for the organisation, each team and each model.
public struct MaturityOverview: Sendable, Codable, Hashable {
    public var organisation: MaturityAssessment
    public var teams: [MaturityAssessment]
    public var models: [MaturityAssessment]

    public static func compute(records: RecordSet, window: TimeWindow, thresholds: MaturityThresholds = MaturityThresholds(),
                               historyMonths: [Month] = [], organisationName: String = "organisation") -> MaturityOverview {
        var configuration = MetricsConfiguration()
        configuration.maturityThresholds = thresholds
        let query = MetricsQuery(window: window, previous: window, windowLabel: "", now: window.end, configuration: configuration)
        var input = MetricsInput(records: records, history: ModelHistory(), query: query)
        // Counted over the months asked for, whatever the query's own history would be.
        var monthly: [Month: [SubjectKey: RunCounts]] = [:]
        for run in records.runs {
            guard let t = run.timestamp, let m = historyMonths.first(where: { $0.window.contains(t) }) else { continue }
            monthly[m, default: [:]][SubjectKey(team: run.team, model: run.model), default: RunCounts()].add(run)
        }
        input.runs.monthly = monthly
        input.runs.models = Set(records.runs.map(\.model))
        return compute(input, window: window, thresholds: thresholds, historyMonths: historyMonths, organisationName: organisationName)
    }

    public static func compute(_ input: MetricsInput, window: TimeWindow, thresholds: MaturityThresholds = MaturityThresholds(),
                               historyMonths: [Month] = [], organisationName: String = "organisation") -> MaturityOverview {
        let records = input.records, runs = input.runs
        let teamNames = records.teamNames
        let modelNames = Set(records.models.map(\.name)).union(runs.models).sorted()
        let links = MaturityLinks.everySubject(records, served: input.served, producingRuns: runs.producingRuns,
                                               firstProduction: input.history.firstProduction)
        let none = MaturityLinks(shipped: [], firstDeployed: [:], monitoredAt: [:], deployedAt: [])
        // The counts summed per team and per model once: summing every subject key for each
        // of hundreds of subjects and months cost more than assessing them.
        var windowBy = SubjectSums(), monthlyBy: [Month: SubjectSums] = [:]
        for (key, counts) in runs.window { windowBy.add(key, counts) }
        for (month, keys) in runs.monthly { for (key, counts) in keys { monthlyBy[month, default: SubjectSums()].add(key, counts) } }
        func assess(_ subject: String, _ kind: MaturitySubjectKind, _ links: MaturityLinks?, _ counts: (SubjectSums) -> RunCounts) -> MaturityAssessment {
            MaturityAssessment.assess(subject: subject, kind: kind, links: links ?? none, counts: counts(windowBy),
                                      monthly: runs.monthly.mapValues { _ in RunCounts() }.merging(monthlyBy.mapValues(counts)) { _, sum in sum },
                                      window: window, thresholds: thresholds, historyMonths: historyMonths)
        }
        return MaturityOverview(
            organisation: assess(organisationName, .organisation, links.organisation) { $0.all },
            teams: teamNames.map { name in assess(name, .team, links.byTeam[name]) { $0.byTeam[name] ?? RunCounts() } },
            models: modelNames.map { name in assess(name, .model, links.byModel[name]) { $0.byModel[name] ?? RunCounts() } })
    }
}

/// Run counts summed over every subject key, per team and per model.
private struct SubjectSums {
    var all = RunCounts()
    var byTeam: [String: RunCounts] = [:]
    var byModel: [String: RunCounts] = [:]

    mutating func add(_ key: SubjectKey, _ counts: RunCounts) {
        all = all + counts
        byTeam[key.team] = (byTeam[key.team] ?? RunCounts()) + counts
        byModel[key.model] = (byModel[key.model] ?? RunCounts()) + counts
    }
}
