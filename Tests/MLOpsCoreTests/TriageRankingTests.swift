@testable import MLOpsCore
import Testing

@Suite struct TriageRankingTests {
    /// The fixture of `TriageTests`, at 2026-10-19 09:00.
    let ranked = Triage.compute(records: TriageTests.records, now: TriageTests.at).ranked(now: TriageTests.at)

    @Test func theWholePageInOrderOfUrgency() {
        // sev1 is unacknowledged sev-1; then the sev-3s, unacknowledged first; m1's two
        // breaches today, availability (94.4 % against 99.9 %: 54.6 allowances over) before
        // p95 (180 against 100: 0.8 over); suspects newest first (dm1 at 06:00, rb on
        // 10-17, which preceded new-sev3 on m2); the one failed run; t1's cost spike; dm2 last.
        #expect(ranked.map(\.kind) == [.unacknowledgedIncident, .openIncident, .openIncident, .sloBreach, .sloBreach,
                                       .suspectDeployment, .suspectDeployment, .failedRuns, .costAnomaly, .recentChange])
        let ids: [String] = ranked.map { item in
            switch item.subject {
            case .incident(let o): return o.incident.id
            case .sloBreach(let b, _): return "\(b.model) \(b.measure)"
            case .deployment(let d, _): return d.deployment.id
            case .rollback(let d): return d.id
            case .failedRuns(let signature, _): return signature
            case .costAnomaly(let a): return "cost \(a.scope)"
            }
        }
        #expect(ids == ["sev1", "new-sev3", "old-sev3", "m1 availability %", "m1 p95 latency ms", "dm1", "rb",
                        "no error message", "cost t1", "dm2"])
    }

    @Test func nextStepsSayWhatToDo() {
        // dm1's predecessor on m1 in production is dm1-old; the staging deploy does not count.
        #expect(ranked.map(\.nextStep) == ["acknowledge now", "investigate", "investigate", "revert to dm1-old", "revert to dm1-old",
                                           "revert to dm1-old", "investigate", "read log, rerun", "find new spend", "watch"])
        #expect(ranked.map(\.team).allSatisfy { $0 == "t1" })
    }

    @Test func rollbackTargetSkipsVersionsThatWereRolledBackOrFailed() {
        let at = t("2026-10-19T09:00:00Z")
        var r = RecordSet()
        r.deployments = [deploy("v1", "m", "2026-10-10T00:00:00Z"),
                         deploy("v2", "m", "2026-10-12T00:00:00Z", status: .rolledBack, rolledBack: "2026-10-12T02:00:00Z"),
                         deploy("v3", "m", "2026-10-13T00:00:00Z", status: .failed),
                         deploy("v4", "m", "2026-10-19T08:00:00Z"),
                         deploy("other", "n", "2026-10-11T00:00:00Z")]
        #expect(Triage.compute(records: r, now: at).rollbackTargets == ["v4": "v1"])
    }

    @Test func unacknowledgedBeforeAcknowledgedWithinASeverityThenOldestFirst() {
        let at = t("2026-10-19T09:00:00Z")
        var r = RecordSet()
        r.incidents = [incident("ack-new", "2026-10-19T08:00:00Z", model: nil, acknowledged: "2026-10-19T08:05:00Z"),
                       incident("unack-old", "2026-10-18T08:00:00Z", model: nil),
                       incident("unack-new", "2026-10-19T07:00:00Z", model: nil),
                       incident("sev2-ack", "2026-10-19T06:00:00Z", model: nil, severity: 2, acknowledged: "2026-10-19T06:01:00Z"),
                       incident("sev2", "2026-10-19T08:30:00Z", model: nil, severity: 2),
                       incident("sev4", "2026-10-10T08:30:00Z", model: nil, severity: 4)]
        let ranked = Triage.compute(records: r, now: at).ranked(now: at)
        let ids = ranked.map { item -> String in if case .incident(let o) = item.subject { return o.incident.id }; return "" }
        #expect(ids == ["sev2", "sev2-ack", "unack-old", "unack-new", "ack-new", "sev4"])
        #expect(ranked.map(\.kind) == [.unacknowledgedIncident] + Array(repeating: .openIncident, count: 5))
        #expect(ranked.map(\.nextStep) == ["acknowledge now", "investigate", "acknowledge", "acknowledge", "investigate", "acknowledge"])
    }

    @Test func errorSignaturesIgnoreNumbersAndIds() {
        #expect(Triage.errorSignature("CUDA out of memory. Tried to allocate 2.00 GiB") == "CUDA out of memory. Tried to allocate # GiB")
        #expect(Triage.errorSignature("OOM at step 1,200\nTraceback …") == "OOM at step #")
        #expect(Triage.errorSignature("run 3f9a0c1d2e4b failed") == "run # failed")
        #expect(Triage.errorSignature("  \n") == "no error message")
        #expect(Triage.errorSignature(nil) == "no error message")
        #expect(Triage.errorSignature("Task   timed out") == "Task timed out")
    }

    @Test func failedRunsGroupBySignatureMostFirst() {
        func failed(_ id: String, _ model: String, _ end: String, _ error: String?, team: String = "t1") -> Run {
            var r = run(id, model, .training, .failed, start: "2026-10-19T00:00:00Z", end: end, team: team)
            r.error = error
            return r
        }
        let runs = [failed("a", "m1", "2026-10-19T01:00:00Z", "CUDA out of memory at step 10"),
                    failed("b", "m2", "2026-10-19T03:00:00Z", "cuda out of memory at step 99", team: "t2"),
                    failed("c", "m1", "2026-10-19T02:00:00Z", "CUDA out of memory at step 7"),
                    failed("d", "m3", "2026-10-19T04:00:00Z", "Worker lost"),
                    failed("e", "m3", "2026-10-19T05:00:00Z", "Schema mismatch")]
        let groups = Triage.failureGroups(runs)
        // Three CUDA failures (case ignored), shown as the newest (b) wrote it; then the two singles by signature.
        #expect(groups.map(\.signature) == ["cuda out of memory at step #", "Schema mismatch", "Worker lost"])
        #expect(groups[0].runs.map(\.id) == ["b", "c", "a"])

        var tr = Triage(openIncidents: [], failedRuns: runs, recentDeployments: [], rollbacks: [], costAnomalies: [], sloBreaches: [])
        tr.failedRuns = runs
        let items = tr.ranked(now: t("2026-10-19T09:00:00Z"))
        #expect(items.map(\.about) == ["2 models", "m3", "m3"])
        #expect(items.map(\.team) == ["2 teams", "t1", "t1"])
        #expect(items[0].since == t("2026-10-19T03:00:00Z"))
    }
}

@Suite struct NumberFormatTests {
    @Test func largeNumbersAndDeltasSayTheirScaleAndUnit() {
        #expect(Format.compact(1_154_600_000) == "1.15 bn")
        #expect(Format.compact(-1_760_000) == "-1.8M")
        #expect(Format.compact(999_000_000) == "999.0M")
        #expect(Format.signed(0.47, unit: .perWeek) == "+0.47/wk")
        #expect(Format.signed(-12, unit: .milliseconds) == "-12ms")
        #expect(Format.signed(2, unit: .count) == "+2")
        #expect(Format.age(t("2026-10-19T08:15:00Z"), now: t("2026-10-19T09:00:00Z")) == "45m")
        #expect(Format.age(t("2026-10-17T10:00:00Z"), now: t("2026-10-19T09:00:00Z")) == "47h")
        #expect(Format.age(t("2026-10-17T09:00:00Z"), now: t("2026-10-19T09:00:00Z")) == "2d")
    }
}
