@testable import MLOpsCore
import Testing

@Suite struct MaturityTests {
    /// A model that trains in an orchestrated, scheduled pipeline and ships registered
    /// runs by hand: level 1, missing automated deploys and triggered retrains for 2.
    static let levelOne: RecordSet = {
        var r = RecordSet()
        r.models = [Model(name: "m1", team: "t1", serving: .online)]
        r.runs = [
            run("p1", "m1", .pipeline, trigger: .schedule, orchestrated: true, registered: true, start: "2026-10-05T02:00:00Z", end: "2026-10-05T04:00:00Z"),
            run("p2", "m1", .pipeline, trigger: .schedule, orchestrated: true, registered: true, start: "2026-10-12T02:00:00Z", end: "2026-10-12T04:00:00Z"),
            run("p3", "m1", .pipeline, trigger: .manual, orchestrated: true, registered: false, start: "2026-10-13T02:00:00Z", end: "2026-10-13T04:00:00Z"),
            run("p4", "m1", .pipeline, .failed, trigger: .ci, orchestrated: true, start: "2026-10-14T02:00:00Z", end: "2026-10-14T03:00:00Z"),
            run("e1", "m1", .experiment, start: "2026-10-06T10:00:00Z", end: "2026-10-06T11:00:00Z"),
        ]
        r.deployments = [
            deploy("d1", "m1", "2026-10-06T00:00:00Z", run: "p1"),
            deploy("d2", "m1", "2026-10-13T00:00:00Z", run: "p2", method: .automated),
        ]
        r.serving = [ServingDay(model: "m1", date: d("2026-10-10"), requests: 10, errors: 0)]
        return r
    }()

    @Test func levelOneWithTheEvidenceAndWhatIsMissing() {
        let a = MaturityAssessment.assess(subject: "m1", kind: .model, records: Self.levelOne, window: window)
        let byID = Dictionary(uniqueKeysWithValues: a.evidence.map { ($0.criterion, $0) })
        #expect(byID[.orchestratedTraining]?.measured == 1 && byID[.orchestratedTraining]?.detail == "4 of 4 training runs")
        #expect(byID[.automatedTraining]?.measured == 0.75)            // schedule, schedule, ci of 4
        #expect(byID[.registeredDeployments]?.measured == 1)            // both deploys come from registered runs
        #expect(byID[.automatedDeployments]?.measured == 0.5 && byID[.automatedDeployments]?.met == false)
        #expect(byID[.rollbacks]?.met == true && byID[.rollbacks]?.measured == nil)   // nothing failed
        #expect(byID[.monitoringCoverage]?.measured == 1)
        #expect(byID[.triggeredRetraining]?.measured == 0 && byID[.triggeredRetraining]?.met == false)
        #expect(a.level == 1)
        #expect(a.progress == 1.5)  // 2 of 4 level-2 criteria met
        #expect(a.missing.map(\.criterion) == [.automatedDeployments, .triggeredRetraining])
    }

    @Test func aModelShippedLongAgoIsStillInProductionForCoverage() {
        // m2 was first deployed in 2025, long before any record read, and has no serving
        // stats or monitoring incident in the window: 1 of 2 production models monitored.
        var r = Self.levelOne
        r.models.append(Model(name: "m2", team: "t1", serving: .online))
        var counts = RunCounts()
        for run in r.runs where window.contains(run.timestamp!) { counts.add(run) }
        let input = MaturitySubjectInput(records: r, window: counts, monthly: [:], producingRuns: [:],
                                         firstProduction: ["m1": t("2026-10-06T00:00:00Z"), "m2": t("2025-01-15T00:00:00Z")])
        let a = MaturityAssessment.assess(subject: "t1", kind: .team, input, window: window)
        let coverage = a.evidence.first { $0.criterion == .monitoringCoverage }
        #expect(coverage?.measured == 0.5 && coverage?.detail == "1 of 2 deployed models")
    }

    @Test func levelTwoNeedsEveryCriterion() {
        var r = Self.levelOne
        r.deployments[0].method = .automated
        r.runs.append(run("p5", "m1", .pipeline, trigger: .drift, orchestrated: true, start: "2026-10-15T02:00:00Z", end: "2026-10-15T03:00:00Z"))
        let a = MaturityAssessment.assess(subject: "m1", kind: .model, records: r, window: window)
        #expect(a.level == 2 && a.progress == 2 && a.missing.isEmpty)
        // A failed change that was not rolled back takes level 2 away again.
        r.incidents = [incident("i1", "2026-10-13T01:00:00Z", resolved: "2026-10-13T02:00:00Z", deployment: "d2")]
        let b = MaturityAssessment.assess(subject: "m1", kind: .model, records: r, window: window)
        #expect(b.level == 1 && b.missing.map(\.criterion) == [.rollbacks])
    }

    @Test func manualWorkIsLevelZeroAndThresholdsAreConfigurable() {
        var r = Self.levelOne
        r.runs[0].orchestrated = false  // 3 of 4 orchestrated = 75 % < 80 %
        let a = MaturityAssessment.assess(subject: "m1", kind: .model, records: r, window: window)
        #expect(a.level == 0 && a.missing.map(\.criterion) == [.orchestratedTraining])
        #expect(close(a.progress, 2.0 / 3))
        let lenient = MaturityThresholds(parsing: "orchestrated_training=0.7")!
        #expect(MaturityAssessment.assess(subject: "m1", kind: .model, records: r, window: window, thresholds: lenient).level == 1)
        #expect(MaturityThresholds(parsing: "bogus=1") == nil)
    }

    @Test func noRecordsInTheWindowIsNoData() {
        let later = TimeWindow(start: t("2026-12-01T00:00:00Z"), end: t("2026-12-08T00:00:00Z"))
        let a = MaturityAssessment.assess(subject: "m1", kind: .model, records: Self.levelOne, window: later)
        #expect(a.level == nil && a.progress == nil && a.missing.isEmpty)
    }

    @Test func historyIsAssessedMonthByMonth() {
        var r = Self.levelOne
        r.runs.append(run("old", "m1", .training, start: "2026-09-10T10:00:00Z", end: "2026-09-10T12:00:00Z"))
        let a = MaturityAssessment.assess(subject: "m1", kind: .model, records: r, window: window,
                                          historyMonths: [Month(year: 2026, month: 8), Month(year: 2026, month: 9), Month(year: 2026, month: 10)])
        #expect(a.history.map(\.value) == [nil, 0, 1])
    }
}
