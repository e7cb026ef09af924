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

extension MaturityAssessment {
    /// Assesses `records` (already narrowed to the subject) over `window`; `history`
    /// months are each assessed on their own records.
    public static func assess(subject: String, kind: MaturitySubjectKind, records: RecordSet, window: TimeWindow,
                              thresholds: MaturityThresholds = MaturityThresholds(), historyMonths: [Month] = []) -> MaturityAssessment {
        let links = Links(records)
        let evidence = measure(records, window, thresholds, links)
        let hasData = records.runs.contains { $0.timestamp.map(window.contains) ?? false }
            || records.deployments.contains { window.contains($0.deployedAt) }
        let (level, progress) = hasData ? levelOf(evidence) : (nil, nil)
        let missing = level.map { l in evidence.filter { $0.level == l + 1 && !$0.met } } ?? []
        let history = historyMonths.map { month -> MonthlyPoint in
            let w = month.window
            let ev = measure(records, w, thresholds, links)
            let any = records.runs.contains { $0.timestamp.map(w.contains) ?? false } || records.deployments.contains { w.contains($0.deployedAt) }
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

    /// Lookups every measured window shares, built once per subject.
    struct Links {
        let registeredRuns: Set<String>
        let incidentDeployments: Set<String>

        init(_ r: RecordSet) {
            registeredRuns = Set(r.runs.lazy.filter(\.registered).map(\.id))
            incidentDeployments = Set(r.incidents.compactMap(\.deploymentId))
        }
    }

    struct TrainingCounts {
        var count = 0, orchestrated = 0, automated = 0, monitoringTriggered = 0

        mutating func add(_ run: Run) {
            count += 1
            if run.orchestrated { orchestrated += 1 }
            if run.trigger != .manual { automated += 1 }
            if run.trigger.isMonitoringTriggered { monitoringTriggered += 1 }
        }
    }

    static func measure(_ r: RecordSet, _ w: TimeWindow, _ t: MaturityThresholds, _ links: Links) -> [MaturityEvidence] {
        // Counted in one pass, not filtered into arrays: this runs per subject per month.
        var training = TrainingCounts()
        for run in r.runs where run.isTraining && (run.timestamp.map(w.contains) ?? false) { training.add(run) }
        let production = r.deployments.filter { $0.isProduction && $0.status != .failed && w.contains($0.deployedAt) }
        let incidentDeployments = links.incidentDeployments
        let failedChanges = production.filter { $0.status == .rolledBack || $0.rolledBackAt != nil || incidentDeployments.contains($0.id) }
        let rolledBack = failedChanges.filter { $0.status == .rolledBack || $0.rolledBackAt != nil }
        let deployedModels = Set(r.deployments.filter { $0.isProduction && $0.deployedAt < w.end }.map(\.model))
        let monitoredModels = Set(r.serving.filter { w.contains($0.date) }.map(\.model))
            .union(r.incidents.filter { $0.kind.isMonitoringSignal && w.contains($0.openedAt) }.compactMap(\.model))
        let triggered = training.monitoringTriggered

        func share(_ c: MaturityCriterion, _ part: Int, _ whole: Int, _ noun: String) -> MaturityEvidence {
            let v = Statistics.ratio(part, whole)
            return MaturityEvidence(criterion: c, level: c.level, title: c.title, measured: v, threshold: t[c],
                                    met: v.map { $0 >= t[c] } ?? false,
                                    detail: whole == 0 ? "no \(noun) in window" : "\(part) of \(whole) \(noun)")
        }
        var evidence = [
            share(.orchestratedTraining, training.orchestrated, training.count, "training runs"),
            share(.automatedTraining, training.automated, training.count, "training runs"),
            share(.registeredDeployments, production.filter { d in d.runId.map(links.registeredRuns.contains) ?? false }.count,
                  production.count, "prod deploys"),
            share(.automatedDeployments, production.filter { $0.method == .automated }.count, production.count, "prod deploys"),
        ]
        if failedChanges.isEmpty {
            // Nothing failed, so nothing needed rolling back: this neither proves nor blocks the level.
            evidence.append(MaturityEvidence(criterion: .rollbacks, level: 2, title: MaturityCriterion.rollbacks.title, measured: nil,
                                             threshold: t[.rollbacks], met: true, detail: "no failed changes to roll back"))
        } else {
            evidence.append(share(.rollbacks, rolledBack.count, failedChanges.count, "failed changes"))
        }
        evidence.append(share(.monitoringCoverage, deployedModels.intersection(monitoredModels).count, deployedModels.count, "deployed models"))
        evidence.append(MaturityEvidence(criterion: .triggeredRetraining, level: 2, title: MaturityCriterion.triggeredRetraining.title,
                                         measured: Double(triggered), threshold: t[.triggeredRetraining],
                                         met: Double(triggered) >= t[.triggeredRetraining],
                                         detail: "\(triggered) drift/data-triggered of \(training.count) training runs"))
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
        let teamNames = Set(records.teams.map(\.name)).union(records.models.map(\.team)).sorted()
        let modelNames = Set(records.models.map(\.name)).union(records.runs.map(\.model)).sorted()
        // Maturity reads no costs or maintenance: leave them out rather than split them per subject.
        var relevant = records
        relevant.costs = []
        relevant.maintenance = []
        let subjects = relevant.partitioned()
        return MaturityOverview(
            organisation: MaturityAssessment.assess(subject: organisationName, kind: .organisation, records: records, window: window,
                                                    thresholds: thresholds, historyMonths: historyMonths),
            teams: teamNames.map {
                MaturityAssessment.assess(subject: $0, kind: .team, records: subjects.byTeam[$0] ?? RecordSet(), window: window,
                                          thresholds: thresholds, historyMonths: historyMonths)
            },
            models: modelNames.map {
                MaturityAssessment.assess(subject: $0, kind: .model, records: subjects.byModel[$0] ?? RecordSet(), window: window,
                                          thresholds: thresholds, historyMonths: historyMonths)
            })
    }
}
