import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// Research's window read from the days the store keeps: whole days from `research_days`,
/// the hours at either end from the runs, and a run that ends after `now` running then.
@Suite struct ResearchDaysTests {
    let dir = TemporaryDirectory()

    @Test func aWindowsDaysHoursAndALateRunGiveTheNumbersWorkedByHand() throws {
        let store = try Store.create(at: dir.path("s.sqlite"))
        let header = "id,model,team,kind,status,trigger,orchestrated,registered,queued_at,started_at,ended_at,gpu_hours,user,error\n"
        let runs = dir.write("runs.csv", header + """
            r1,m1,atlas,training,succeeded,manual,false,false,2026-11-10T09:50:00Z,2026-11-10T10:00:00Z,2026-11-10T11:00:00Z,2.0,,
            r2,m1,atlas,training,failed,manual,false,false,,2026-11-10T12:00:00Z,2026-11-10T14:00:00Z,1.0,,
            r3,m1,atlas,experiment,succeeded,manual,false,false,2026-11-11T07:00:00Z,2026-11-11T08:00:00Z,2026-11-12T08:00:00Z,5.0,,
            r4,m2,beacon,experiment,succeeded,manual,false,false,2026-11-09T12:30:00Z,2026-11-09T13:00:00Z,2026-11-09T13:30:00Z,,,
            r5,m1,atlas,training,succeeded,manual,false,false,,2026-11-09T08:00:00Z,2026-11-09T09:00:00Z,4.0,,

            """)
        _ = try store.importFile(kind: .runs, path: runs, now: Instant(seconds: 0))

        // The day r3 started holds it as stored: a whole day long (86,400 s = 0x15180), with its GPU hours.
        let nov11 = Day(year: 2026, month: 11, day: 11).daysSinceEpoch
        let stored = try store.read { db in
            try String.fetchOne(db, sql: """
                SELECT counts || ' ' || hex(durations) || ' ' || hex(queue_waits) FROM research_days WHERE day = ? AND team = 'atlas'
                """, arguments: [nov11])
        }
        #expect(stored == "experiment succeeded 1 5000000 1 8051010000000000 100E000000000000")

        // From noon on the 9th to 06:00 on the 12th: the 10th and 11th are whole days; r4 is in
        // the first hours, r5 before them. r3 ends after `now`: running then, no duration, no GPU.
        let now = Instant(iso8601: "2026-11-12T06:00:00Z")!
        let window = TimeWindow(start: Instant(iso8601: "2026-11-09T12:00:00Z")!, end: now)
        let query = MetricsQuery(window: window, previous: window.previous, windowLabel: "by hand", now: now)
        let research = try store.metricsSource.input(for: query, parts: .research).runs.current
        #expect(research.byKindStatus == [RunKindStatus(.training, .succeeded): 1, RunKindStatus(.training, .failed): 1,
                                          RunKindStatus(.experiment, .running): 1, RunKindStatus(.experiment, .succeeded): 1])
        #expect(research.durationSeconds == [1_800, 3_600, 7_200])
        #expect(research.queueWaitSeconds == [600, 1_800, 3_600])
        #expect(research.gpuMicroHours == 3_000_000 && research.gpuRuns == 2)

        // Median 1 h; p90 (type 7) at position 1.8: 3,600 + 0.8 × 3,600 s = 1.8 h; median wait 30 min.
        let metrics = ResearchThroughput.compute(try store.metricsSource.input(for: query, parts: .researchParts), query)
        #expect(metrics.durationMedianHours.current == 1)
        #expect(abs((metrics.durationP90Hours.current ?? 0) - 1.8) < 1e-12)
        #expect(metrics.queueWaitMedianMinutes.current == 30)
        #expect(metrics.gpuHours.current == 3)

        // A team's days alone, and each team's from one read, give the same.
        let atlas = try store.metricsSource.input(for: query.with(filter: SubjectFilter(team: "atlas")), parts: .research).runs.current
        #expect(atlas.byKindStatus.values.reduce(0, +) == 3 && atlas.durationSeconds == [3_600, 7_200])
        let byTeam = try store.read { db in
            try RunAggregatesQuery.windowStats(db, window, weeks: [], now: now, .organisation, byTeam: true)
        }
        #expect(byTeam["atlas"]?.durationSeconds == [3_600, 7_200] && byTeam["beacon"]?.durationSeconds == [1_800])
        #expect(byTeam["atlas"]?.byKindStatus[RunKindStatus(.experiment, .running)] == 1)
    }
}
