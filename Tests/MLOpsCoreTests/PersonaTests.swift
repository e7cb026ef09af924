@testable import MLOpsCore
import Testing

@Suite struct ProductAndResearchTests {
    static let records: RecordSet = {
        var r = RecordSet()
        r.models = [Model(name: "m1", team: "t1", serving: .online, sloP95Ms: 100, sloAvailability: 99.9),
                    Model(name: "b1", team: "t1", serving: .batch)]
        r.serving = [
            ServingDay(model: "m1", date: d("2026-10-06"), requests: 100_000, errors: 100, p50Ms: 40, p95Ms: 90, downtimeMinutes: 0),
            ServingDay(model: "m1", date: d("2026-10-07"), requests: 100_000, errors: 300, p50Ms: 60, p95Ms: 150, downtimeMinutes: 144),
            ServingDay(model: "b1", date: d("2026-10-07"), requests: 50_000, errors: 0),
        ]
        r.incidents = [incident("i1", "2026-10-07T10:00:00Z", resolved: "2026-10-07T12:00:00Z", severity: 1, kind: .outage),
                       incident("i2", "2026-10-08T10:00:00Z", severity: 3)]
        r.runs = [
            run("a", "m1", .experiment, .succeeded, queued: "2026-10-06T09:50:00Z", start: "2026-10-06T10:00:00Z", end: "2026-10-06T12:00:00Z", gpu: 4),
            run("b", "m1", .experiment, .failed, queued: "2026-10-06T09:30:00Z", start: "2026-10-06T10:00:00Z", end: "2026-10-06T11:00:00Z", gpu: 1.5),
            run("c", "m1", .training, .cancelled, start: "2026-10-13T10:00:00Z", end: "2026-10-13T10:30:00Z"),
            run("d", "m1", .training, .running, start: "2026-10-18T20:00:00Z"),
            run("e", "b1", .training, .succeeded, start: "2026-09-30T10:00:00Z", end: "2026-09-30T11:00:00Z"),
        ]
        r.deployments = [deploy("d1", "m1", "2026-10-10T10:00:00Z", run: "b", method: .manual)]  // a Saturday
        return r
    }()

    static let velocity = Velocity.compute(records: records, window: window, previous: previous, now: now, history: ModelHistory(records: records))

    @Test func availabilityLatencyAndErrorsAgainstObjectives() {
        let p = ProductHealth.compute(records: Self.records, window: window, previous: previous, now: now, velocity: Self.velocity)
        let m1 = p.models.first { $0.model == "m1" }!
        #expect(close(m1.availability, 95))          // 144 of 2 × 1,440 minutes down
        #expect(m1.meetsAvailability == false)
        #expect(m1.p95MedianMs == 120 && m1.p95WorstMs == 150 && m1.latencyBreachDays == 1)  // (90 + 150) / 2
        #expect(m1.meetsLatency == false)
        #expect(m1.errorRate == 0.002)
        #expect(close(p.availability.current, 95))   // only m1 is online
        #expect(close(p.errorRate.current, 400.0 / 250_000))
        #expect(p.models.first { $0.model == "b1" }!.availability == 100)
        #expect(p.incidentsBySeverity[0] == ProductHealth.SeverityCount(severity: 1, count: 1, previousCount: 0, open: 0))
        #expect(p.incidentsBySeverity[2].open == 1 && p.openIncidents == 1)
        #expect(p.riskyDeployments.map(\.reasons) == [["manual", "unregistered run", "weekend"]])
    }

    @Test func researchThroughput() {
        let r = ResearchThroughput.compute(records: Self.records, window: window, previous: previous, now: now)
        #expect(r.runs.current == 4 && r.runs.previous == 1)
        #expect(r.runsPerWeek.current == 2)
        #expect(close(r.successRate.current, 1.0 / 3))  // a succeeded, b failed, c cancelled; d still running
        #expect(r.successRate.previous == 1)
        #expect(r.durationMedianHours.current == 1)     // 2, 1, 0.5 h
        #expect(close(r.durationP90Hours.current, 1.8)) // 1 + 0.8 × (2 − 1)
        #expect(r.queueWaitMedianMinutes.current == 20)  // 10 and 30 min
        #expect(r.gpuHours.current == 5.5)
        #expect(r.running == 1)
        #expect(r.byKind.first { $0.kind == .experiment }?.failed == 1)
        #expect(r.modelsTrainedPerMonth == [MonthlyPoint(month: Month(year: 2026, month: 10), value: 0)])
        #expect(r.weeklyRuns.map(\.value) == [2, 2])
    }
}

@Suite struct TriageTests {
    static let at = t("2026-10-19T09:00:00Z")
    static let records: RecordSet = {
        var r = RecordSet()
        r.models = [Model(name: "m1", team: "t1", serving: .online, sloP95Ms: 100, sloAvailability: 99.9),
                    Model(name: "m2", team: "t1", serving: .online, sloP95Ms: 100)]
        r.incidents = [
            incident("old-sev3", "2026-10-15T09:00:00Z", severity: 3, acknowledged: "2026-10-15T09:10:00Z"),
            incident("sev1", "2026-10-19T08:00:00Z", model: "m1", severity: 1),
            incident("new-sev3", "2026-10-19T07:00:00Z", model: "m2", severity: 3),
            incident("closed", "2026-10-18T08:00:00Z", resolved: "2026-10-18T09:00:00Z", severity: 1),
        ]
        r.deployments = [
            deploy("dm1", "m1", "2026-10-19T06:00:00Z"),                      // 2 h before sev1: suspect
            deploy("dm1-old", "m1", "2026-10-15T06:00:00Z"),                  // 98 h before: too old to suspect
            deploy("dm2", "m2", "2026-10-19T07:30:00Z"),                      // after m2's incident opened: not a suspect
            deploy("rb", "m2", "2026-10-17T10:00:00Z", status: .rolledBack, rolledBack: "2026-10-17T12:00:00Z"),
            deploy("stage", "m1", "2026-10-19T05:00:00Z", env: .staging),
        ]
        r.runs = [
            run("f1", "m1", .training, .failed, start: "2026-10-19T01:00:00Z", end: "2026-10-19T02:00:00Z"),
            run("f0", "m1", .training, .failed, start: "2026-10-17T01:00:00Z", end: "2026-10-17T02:00:00Z"),  // older than 24 h
        ]
        r.costs = (1...28).map { CostEntry(id: "c\($0)", date: d("2026-10-19").advanced(by: -$0), amount: 100, currency: "EUR", category: .gpu, team: "t1") }
            + [CostEntry(id: "today", date: d("2026-10-19"), amount: 130, currency: "EUR", category: .gpu, team: "t1")]
        r.serving = [ServingDay(model: "m1", date: d("2026-10-19"), requests: 10, errors: 0, p95Ms: 180, downtimeMinutes: 30),
                     ServingDay(model: "m2", date: d("2026-10-17"), requests: 10, errors: 0, p95Ms: 500)]
        return r
    }()

    let tr = Triage.compute(records: records, now: at)

    @Test func openIncidentsWorstFirstThenNewest() {
        #expect(tr.openIncidents.map(\.incident.id) == ["sev1", "new-sev3", "old-sev3"])
        #expect(tr.openIncidents[0].ageHours == 1 && !tr.openIncidents[0].acknowledged)
        #expect(tr.openIncidents[2].acknowledged)
    }

    @Test func deploymentsThatPrecedeAnOpenIncidentAreSuspects() {
        #expect(tr.recentDeployments.map(\.deployment.id) == ["dm2", "dm1", "rb"])
        #expect(tr.recentDeployments.first { $0.deployment.id == "dm1" }?.suspectFor == ["sev1"])
        #expect(tr.recentDeployments.first { $0.deployment.id == "dm2" }?.isSuspect == false)
        #expect(tr.openIncidents[0].suspectDeployments == ["dm1"])
        #expect(tr.rollbacks.map(\.id) == ["rb"])
    }

    @Test func failedRunsCostAnomaliesAndSLOBreaches() {
        #expect(tr.failedRuns.map(\.id) == ["f1"])
        // 130 spent by 09:00 is already over the baseline 100 + 3 × 5% floor = 115.
        #expect(tr.costAnomalies.map(\.day) == [d("2026-10-19")])
        #expect(tr.costAnomalies.first?.threshold == 115)
        // m1 today: p95 180 > 100, and 30 of 540 minutes down = 94.4 % < 99.9 %. m2's was 2 days ago.
        #expect(tr.sloBreaches.map(\.measure) == ["p95 latency ms", "availability %"])
        #expect(close(tr.sloBreaches[1].measured, 100 * (1 - 30.0 / 540)))
    }

    @Test func aQuietNightIsEmpty() {
        let quiet = Triage.compute(records: RecordSet(), now: Self.at)
        #expect(quiet.openIncidents.isEmpty && quiet.failedRuns.isEmpty && quiet.recentDeployments.isEmpty && quiet.costAnomalies.isEmpty)
    }
}
