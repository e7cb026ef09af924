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

        // The day r3 started holds it as stored: a whole day long (86,400 s, zigzag 172,800 in three
        // LEB128 bytes), an hour's queue wait (3,600 s), and its GPU hours.
        let nov11 = Day(year: 2026, month: 11, day: 11).daysSinceEpoch
        let stored = try store.read { db in
            try String.fetchOne(db, sql: """
                SELECT counts || ' ' || hex(durations) || ' ' || hex(queue_waits) FROM research_days WHERE day = ? AND team = 'atlas'
                """, arguments: [nov11])
        }
        #expect(stored == "experiment succeeded 1 5000000 1 80C60A A038")

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

    /// The counts' numbers are written as their decimal digits and read back the same.
    @Test func countsTextRoundTrips() {
        var slots = [ResearchDays.Count](repeating: ResearchDays.Count(), count: ResearchDays.kinds.count * ResearchDays.statuses.count)
        slots[ResearchDays.slot(kind: 1, status: 0)] = ResearchDays.Count(runs: 7, gpuMicroHours: Int64.max, gpuRuns: 0)
        slots[ResearchDays.slot(kind: 0, status: 3)] = ResearchDays.Count(runs: 10, gpuMicroHours: -42, gpuRuns: 1)
        let text = ResearchDays.countsText(slots[...])
        #expect(String(decoding: text, as: UTF8.self) == "experiment running 10 -42 1;training succeeded 7 9223372036854775807 0")
        var read: [String] = []
        text.withUnsafeBufferPointer { bytes in
            ResearchDays.forEachCount(in: bytes) { kind, status, count in read.append("\(kind) \(status) \(count.runs) \(count.gpuMicroHours) \(count.gpuRuns)") }
        }
        #expect(read == ["0 3 10 -42 1", "1 0 7 9223372036854775807 0"])
        var minimum: [UInt8] = []
        ResearchDays.appendDecimal(Int64.min, to: &minimum)
        #expect(String(decoding: minimum, as: UTF8.self) == "-9223372036854775808")
        // A store edited by hand: a number past 64 bits, or not a number, leaves its entry out rather than trapping.
        var kept: [Int64] = []
        for stored in ["training failed 1 -9223372036854775808 1", "training failed 1 9223372036854775808 1", "training failed 1 12x 1;bogus failed 1 1 1"] {
            Array(stored.utf8).withUnsafeBufferPointer { ResearchDays.forEachCount(in: $0) { _, _, count in kept.append(count.gpuMicroHours) } }
        }
        #expect(kept == [Int64.min])
    }

    /// Sorted seconds survive the blob whatever their range, and a damaged blob loses only its unfinished end.
    @Test func sortedSecondsRoundTripThroughTheBlob() {
        let values: [Int64] = [Int64.min, -5, 0, 0, 7, 600, 86_400, Int64.max]
        let blob = SortedSecondsBlob.encode(values)
        var read: [Int64] = []
        blob.withUnsafeBytes { SortedSecondsBlob.decode($0, appendingTo: &read) }
        #expect(read == values)
        // Seven small differences after a small first value: one byte each.
        #expect(SortedSecondsBlob.encode([600, 610, 620, 700, 800, 900, 1_000, 1_100]).count == 2 + 7)
        var damaged: [Int64] = [1]
        (SortedSecondsBlob.encode([3_600, 7_200]) + [0x80]).withUnsafeBytes { SortedSecondsBlob.decode($0, appendingTo: &damaged) }
        #expect(damaged == [1, 3_600, 7_200])
    }
}
