@testable import MLOpsCore
import Testing

@Suite struct VelocityTests {
    /// Five production deployments in the window (one exactly on its start), one in the
    /// window before, and the ones that must not count.
    static let records: RecordSet = {
        var r = RecordSet()
        r.runs = [
            run("exp1", "m1", .experiment, start: "2026-09-01T00:00:00Z", end: "2026-09-01T02:00:00Z"),
            run("r0", "m2", start: "2026-09-26T20:00:00Z", end: "2026-09-27T00:00:00Z"),
            run("r2", "m1", start: "2026-10-05T08:00:00Z", end: "2026-10-05T10:00:00Z"),
            run("r3", "m2", start: "2026-10-05T20:00:00Z", end: "2026-10-06T00:00:00Z"),
            run("r4", "m1", start: "2026-10-12T10:00:00Z", end: "2026-10-12T12:00:00Z"),
            run("r5", "m2", start: "2026-10-13T22:00:00Z", end: "2026-10-14T00:00:00Z"),
        ]
        r.deployments = [
            deploy("d9", "m2", "2026-09-28T00:00:00Z", run: "r0"),                               // previous window
            deploy("d8", "m3", "2026-10-05T00:00:00Z"),                                          // on the window's start: counts
            deploy("d1", "m1", "2026-10-05T12:00:00Z", run: "r2"),                               // lead 2 h
            deploy("d2", "m2", "2026-10-07T00:00:00Z", run: "r3", status: .rolledBack,
                   rolledBack: "2026-10-07T03:00:00Z"),                                          // lead 24 h, failed change
            deploy("d5", "m1", "2026-10-08T00:00:00Z", run: "r2", env: .staging),                // not production
            deploy("d6", "m1", "2026-10-09T00:00:00Z", run: "r2", status: .failed),              // never went live
            deploy("d3", "m1", "2026-10-13T00:00:00Z", run: "r4"),                               // lead 12 h, caused i1
            deploy("d4", "m2", "2026-10-14T06:00:00Z", run: "r5"),                               // lead 6 h
            deploy("d7", "m1", "2026-10-19T00:00:00Z", run: "r4"),                               // on the window's end: does not count
        ]
        r.incidents = [
            incident("i4", "2026-09-30T00:00:00Z", resolved: "2026-09-30T10:00:00Z"),
            incident("i2", "2026-10-10T00:00:00Z", resolved: "2026-10-10T00:30:00Z"),
            incident("i1", "2026-10-13T02:00:00Z", resolved: "2026-10-13T05:00:00Z", deployment: "d3"),
            incident("i3", "2026-10-18T23:00:00Z"),                                              // still open
        ]
        return r
    }()

    let v = Velocity.compute(records: records, window: window, previous: previous, now: now,
                             history: ModelHistory(records: records))

    @Test func frequencyCountsProductionDeploymentsThatWentLive() {
        #expect(v.deployments.current == 5 && v.deployments.previous == 1)
        #expect(v.deploymentsPerWeek.current == 2.5 && v.deploymentsPerWeek.previous == 0.5)
        #expect(close(v.deploymentsPerDay.current, 5.0 / 14))
        #expect(v.deployDays == 4 && v.daysWithoutDeployments == 10 && v.weeksWithoutDeployments == 0)
        #expect(v.weeklyDeployments == [WeeklyPoint(weekStart: d("2026-10-05"), value: 3), WeeklyPoint(weekStart: d("2026-10-12"), value: 2)])
        #expect(v.deploymentsPerWeek.judgement == .better)
    }

    @Test func leadTimeIsMedianAndP90FromTheProducingRun() {
        // Lead times 2, 24, 12, 6 h (d8 has no run): median (6 + 12) / 2, p90 12 + 0.7 × 12.
        #expect(v.leadTimeMedianHours.current == 9)
        #expect(close(v.leadTimeP90Hours.current, 20.4))
        #expect(v.leadTimeMedianHours.previous == 24)
        #expect(v.leadTimeMedianHours.judgement == .better)
    }

    @Test func changeFailureRateCountsRollbacksAndIncidentLinks() {
        #expect(v.changeFailureRate.current == 0.4)  // d2 rolled back, d3 caused i1: 2 of 5
        #expect(v.changeFailureRate.previous == 0)
        #expect(v.failedChanges == 2)
        #expect(v.changeFailureRate.judgement == .worse)
    }

    @Test func timeToRestoreIsTheMedianOfResolvedIncidents() {
        #expect(v.timeToRestoreMedianHours.current == 1.75)  // 0.5 h and 3 h; i3 still open
        #expect(v.unresolvedIncidents == 1)
        #expect(v.timeToRestoreMedianHours.previous == 10)
    }

    @Test func ideaToProductionRunsFromFirstExperimentToFirstProduction() {
        // m1: experiment 2026-09-01T00:00, first production d1 2026-10-05T12:00 = 34.5 days.
        #expect(v.ideaToProductionMedianDays.current == 34.5)
        #expect(v.ideaToProductionMedianDays.previous == nil)  // m2 shipped then, but never ran an experiment
    }

    @Test func bandsFollowDORA2023() {
        #expect(v.bands.leadTime == .elite)                   // 9 h < 1 day
        #expect(v.bands.changeFailureRate == .low)            // 40 % > 15 %
        #expect(v.bands.failedDeploymentRecovery == .high)    // 4 h < 1 day (see failedDeploymentRecovery…)
        #expect(v.bands.timeToRestore == nil)                 // all-incident restore is not a 2023 key
        #expect(v.bands.deploymentFrequency == .high)         // 4 of 10 working days, 2.5 a week
        let b = DORABenchmark.dora2023
        #expect(b.leadTimeBand(hours: 24) == .high && b.leadTimeBand(hours: 168) == .high && b.leadTimeBand(hours: 169) == .medium)
        #expect(b.changeFailureBand(rate: 0.05) == .elite && b.changeFailureBand(rate: 0.1) == .high && b.changeFailureBand(rate: 0.16) == .low)
        #expect(b.timeToRestoreBand(hours: 0.99) == .elite && b.timeToRestoreBand(hours: 24) == .medium)
        #expect(b.deploymentFrequencyBand(perWeek: 0.2, deployDayShare: 0.04) == .low)
        let old = DORABenchmark.dora2021
        #expect(old.leadTimeBand(hours: 2) == .high && old.changeFailureBand(rate: 0.2) == .high && old.changeFailureBand(rate: 0.31) == .low)
    }

    @Test func noDeploymentRecordsIsNoDataNotZero() {
        var r = Self.records
        r.deployments = []
        let empty = Velocity.compute(records: r, window: window, previous: previous, now: now, history: ModelHistory(records: r))
        #expect(empty.deploymentsPerWeek.current == nil && empty.deployments.current == nil)
        #expect(empty.leadTimeMedianHours.current == nil && empty.changeFailureRate.current == nil)
        #expect(empty.bands.deploymentFrequency == nil && empty.bands.leadTime == nil)
        #expect(empty.weeklyDeployments.allSatisfy { $0.value == nil })
        // An empty window when deployments exist elsewhere is a true zero.
        let later = TimeWindow(start: t("2026-11-02T00:00:00Z"), end: t("2026-11-16T00:00:00Z"))
        let quiet = Velocity.compute(records: Self.records, window: later, previous: later.previous, now: t("2026-11-16T00:00:00Z"),
                                     history: ModelHistory(records: Self.records))
        #expect(quiet.deploymentsPerWeek.current == 0 && quiet.weeksWithoutDeployments == 2)
        #expect(quiet.leadTimeMedianHours.current == nil)
    }

    @Test func offsetTimestampsCountInTheirUTCWindow() {
        // 2026-10-19T01:30+02:00 is 2026-10-18T23:30Z: inside the window.
        var r = Self.records
        r.deployments.append(Deployment(id: "late", model: "m1", team: "t1", version: "x", environment: .production,
                                        deployedAt: t("2026-10-19T01:30:00+02:00"), method: .automated))
        let v2 = Velocity.compute(records: r, window: window, previous: previous, now: now, history: ModelHistory(records: r))
        #expect(v2.deployments.current == 6)
    }

    @Test func failedDeploymentRecoveryRunsFromTheFailedDeploymentToItsRecovery() {
        // d2 deployed 10-07T00:00, rolled back 03:00: 3 h. d3 deployed 10-13T00:00, caused
        // i1, resolved 05:00: 5 h. Median 4 h; nothing left unrecovered.
        #expect(v.failedDeploymentRecoveryMedianHours.current == 4)
        #expect(v.unrecoveredFailedChanges == 0)
        #expect(v.benchmark == .dora2023)
        // Under 2021 the key is all-incident time to restore (1.75 h, high).
        let old = Velocity.compute(records: Self.records, window: window, previous: previous, now: now,
                                   history: ModelHistory(records: Self.records), benchmark: .dora2021)
        #expect(old.bands.timeToRestore == .high && old.bands.failedDeploymentRecovery == nil)
        // Before i1 was resolved, d3 had not recovered: only d2's 3 h counts.
        let early = Velocity.compute(records: Self.records, window: window, previous: previous, now: t("2026-10-13T04:00:00Z"),
                                     history: ModelHistory(records: Self.records))
        #expect(early.failedDeploymentRecoveryMedianHours.current == 3 && early.unrecoveredFailedChanges == 1)
    }

    @Test func recoveryIsTheFirstOfRollbackAndTheLastCausedIncidentResolved() {
        let d = Deployment(id: "x", model: "m1", team: "t1", version: "1", environment: .production, deployedAt: t("2026-10-01T00:00:00Z"),
                           method: .automated, rolledBackAt: t("2026-10-01T06:00:00Z"))
        let a = Incident(id: "a", team: "t1", severity: 2, kind: .outage, openedAt: t("2026-10-01T01:00:00Z"),
                         resolvedAt: t("2026-10-01T02:00:00Z"), deploymentId: "x", title: "a")
        var b = a
        b.id = "b"
        b.resolvedAt = t("2026-10-01T04:00:00Z")
        let later = t("2026-10-02T00:00:00Z")
        #expect(d.recoveryHours(incidents: [a, b], now: later) == 4)    // both resolved by 04:00, before the 06:00 rollback
        b.resolvedAt = nil
        #expect(d.recoveryHours(incidents: [a, b], now: later) == 6)    // b still open: the rollback restored service
        #expect(d.recoveryHours(incidents: [a, b], now: t("2026-10-01T05:00:00Z")) == nil)
    }

    @Test func deployDaysCountOnlyDaysThatHaveBegun() {
        // A 7-day window ending at midnight after 2026-10-01 (Thursday), read at that
        // midnight: d1 on Monday 28 Sep counts; d2 later on 1 October has not happened.
        let r: RecordSet = {
            var r = RecordSet()
            r.deployments = [deploy("d0", "m1", "2026-09-28T10:00:00Z"), deploy("d1", "m1", "2026-09-30T10:00:00Z"),
                             deploy("d2", "m1", "2026-10-01T10:00:00Z")]
            return r
        }()
        let w = TimeWindow(start: t("2026-09-25T00:00:00Z"), end: t("2026-10-02T00:00:00Z"))
        let at = t("2026-10-01T00:00:00Z")
        let v = Velocity.compute(records: r, window: w, previous: w.previous, now: at, history: ModelHistory(records: r))
        // Elapsed days 25–30 Sep (6), deploy days 28 and 30 Sep: 2 with, 4 without. Working
        // days elapsed: Fri 25, Mon 28, Tue 29, Wed 30 = 4; 2 of 4 is half: elite.
        #expect(v.deployments.current == 2 && v.deployDays == 2 && v.daysWithoutDeployments == 4)
        #expect(v.bands.deploymentFrequency == .elite)
        // Drop the Wednesday: 1 of 4 working days and 1 in 6/7 of a week (≥ 1 a week): high.
        var one = r
        one.deployments.remove(at: 1)
        let v1 = Velocity.compute(records: one, window: w, previous: w.previous, now: at, history: ModelHistory(records: one))
        #expect(v1.deployDays == 1 && v1.daysWithoutDeployments == 5 && v1.bands.deploymentFrequency == .high)
        // A one-day window read at its own midnight has no elapsed day and no deployment yet.
        let today = TimeWindow(start: at, end: t("2026-10-02T00:00:00Z"))
        let v0 = Velocity.compute(records: r, window: today, previous: today.previous, now: at, history: ModelHistory(records: r))
        #expect(v0.deployments.current == 0 && v0.deployDays == 0 && v0.daysWithoutDeployments == 0)
    }

    @Test func aRollbackAfterNowHasNotHappened() {
        // d2 was rolled back at 10-07T03:00; read at 02:00 it was a live, good change.
        let at = t("2026-10-07T02:00:00Z")
        let v = Velocity.compute(records: Self.records, window: window, previous: previous, now: at, history: ModelHistory(records: Self.records))
        #expect(v.deployments.current == 3)      // d8, d1, d2
        #expect(v.failedChanges == 0)
    }
}

@Suite struct SubjectVelocityTests {
    /// The per-model and per-team rows use the tile's rules, so they add up to it, and a
    /// succeeded deployment with a rollback time is a failed change in both.
    @Test func rowsAddUpToTheTiles() {
        var r = VelocityTests.records
        r.deployments.append(deploy("d10", "m3", "2026-10-15T00:00:00Z", status: .succeeded, rolledBack: "2026-10-15T01:00:00Z", team: "t2"))
        let v = Velocity.compute(records: r, window: window, previous: previous, now: now, history: ModelHistory(records: r))
        let input = MetricsInput(records: r, history: ModelHistory(records: r),
                                 query: MetricsQuery(window: window, previous: previous, windowLabel: "", now: now))
        let byModel = SubjectVelocity.rows(deployments: input.records.deployments, incidents: input.records.incidents,
                                           producingRuns: input.runs.producingRuns, window: window, by: \.model)
        let byTeam = SubjectVelocity.rows(deployments: input.records.deployments, incidents: input.records.incidents,
                                          producingRuns: input.runs.producingRuns, window: window, by: \.team)
        // d2 (rolled back), d3 (caused i1) and d10 (succeeded, rolled back at 01:00): 3 of 6.
        #expect(v.deployments.current == 6 && v.failedChanges == 3)
        // m1: d1, d3 (1 failed; leads 2, 12 → 7 h); m2: d2, d4 (1 failed; leads 24, 6 → 15 h); m3: d8, d10 (1 failed; no runs).
        #expect(byModel.map(\.subject) == ["m1", "m2", "m3"])
        #expect(byModel.map(\.deployments.count) == [2, 2, 2] && byModel.map(\.failedChanges) == [1, 1, 1])
        #expect(byModel.map(\.leadTimeMedianHours) == [7, 15, nil])
        for rows in [byModel, byTeam] {
            #expect(Double(rows.reduce(0) { $0 + $1.deployments.count }) == v.deployments.current)
            #expect(rows.reduce(0) { $0 + $1.failedChanges } == v.failedChanges)
        }
        #expect(byTeam.map(\.subject) == ["t1", "t2"] && byTeam.map(\.failedChanges) == [2, 1])
    }
}
