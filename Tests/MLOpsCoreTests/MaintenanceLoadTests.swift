@testable import MLOpsCore
import Testing

@Suite struct MaintenanceLoadTests {
    static let records: RecordSet = {
        var r = RecordSet()
        r.teams = [Team(name: "t1", mlEngineers: 3, platformEngineers: 1, hoursPerWeek: 40),   // 160 h a week
                   Team(name: "t2", mlEngineers: 1, platformEngineers: 1, hoursPerWeek: 30)]   // 60 h a week
        r.maintenance = [
            MaintenanceEntry(id: "m0", team: "t1", category: .toil, system: "airflow", hours: 50, date: d("2026-09-28")),
            MaintenanceEntry(id: "m1", team: "t1", category: .toil, system: "airflow", hours: 100, date: d("2026-10-06")),
            MaintenanceEntry(id: "m2", team: "t1", category: .upgrade, system: "k8s", hours: 80, date: d("2026-10-13")),
            MaintenanceEntry(id: "m3", team: "t2", category: .toil, system: "airflow", hours: 70, date: d("2026-10-14")),
            MaintenanceEntry(id: "m4", team: "t2", category: .support, system: "k8s", hours: 5, date: d("2026-10-19")),  // after the window
        ]
        r.incidents = [incident("i1", "2026-10-06T00:00:00Z"), incident("i2", "2026-10-07T00:00:00Z"), incident("i3", "2026-10-18T23:59:59Z")]
        return r
    }()

    let m = MaintenanceLoad.compute(records: records, window: window, previous: previous, now: now, hourlyRate: 100)

    @Test func shareOfCapacity() {
        // 250 h of 2 weeks × (160 + 60) h = 440 h.
        #expect(m.hours.current == 250 && m.hours.previous == 50)
        #expect(m.capacityHours == 440)
        #expect(close(m.capacityShare.current, 250.0 / 440))
        #expect(close(m.capacityShare.previous, 50.0 / 440))
        #expect(m.capacityShare.judgement == .worse)
        #expect(m.cost.current == 25_000)
    }

    @Test func teamsOverHalfTheirCapacityAreFlagged() {
        let t1 = m.byTeam.first { $0.team == "t1" }!, t2 = m.byTeam.first { $0.team == "t2" }!
        #expect(t1.share == 180.0 / 320 && t1.overCap)      // 56 %
        #expect(close(t2.share, 70.0 / 120) && t2.overCap)  // 58 %
        #expect(t1.previousShare == 50.0 / 320)
    }

    @Test func categoriesAndRecurringPainPoints() {
        #expect(m.byCategory.map(\.name) == ["toil", "upgrade"])
        #expect(m.byCategory.map(\.hours) == [170, 80])
        let airflow = m.painPoints[0]
        #expect(airflow.system == "airflow" && airflow.hours == 170 && airflow.previousHours == 50 && airflow.weeksSeen == 2)
        #expect(airflow.weekly.map(\.value) == [100, 70])
        #expect(m.painPoints[1].system == "k8s" && m.painPoints[1].weeksSeen == 1 && m.painPoints[1].topCategory == "upgrade")
        // airflow: 170 h against 50 h, more than × 1.2: rising. k8s had none before: not rising.
        #expect(airflow.isRising && !m.painPoints[1].isRising)
    }

    @Test func aSystemWithNoHoursInTheWindowIsNoPainPoint() {
        // "vault" took 40 h in the previous window and none in this one: not listed
        // (it used to show as "vault 0h in 0 wks (down 100%)").
        var r = Self.records
        r.maintenance.append(MaintenanceEntry(id: "m5", team: "t1", category: .toil, system: "vault", hours: 40, date: d("2026-09-29")))
        let load = MaintenanceLoad.compute(records: r, window: window, previous: previous, now: now, hourlyRate: 100)
        #expect(load.painPoints.map(\.system) == ["airflow", "k8s"])
        #expect(load.hours.previous == 90)
    }

    @Test func staffingRatioAndPages() {
        #expect(m.staffing?.ratio == 2)
        #expect(m.staffing?.assessment.hasPrefix("platform-heavy") == true)
        #expect(m.pagesPerWeek.current == 1.5)  // 3 incidents in 2 weeks
        #expect(m.weeklyShare.map(\.value) == [100.0 / 220, 150.0 / 220])
    }

    @Test func aPartialWindowCountsOnlyElapsedCapacity() {
        // Half-way through the second week: 1.5 weeks of capacity.
        let midweek = t("2026-10-15T12:00:00Z")
        let partial = MaintenanceLoad.compute(records: Self.records, window: window, previous: previous, now: midweek, hourlyRate: 100)
        #expect(partial.capacityHours == 440 * 1.5 / 2)
    }

    @Test func noEntriesIsNoData() {
        var r = Self.records
        r.maintenance = []
        let empty = MaintenanceLoad.compute(records: r, window: window, previous: previous, now: now, hourlyRate: 100)
        #expect(empty.hours.current == nil && empty.capacityShare.current == nil && empty.cost.current == nil)
        var noTeams = Self.records
        noTeams.teams = []
        let unknown = MaintenanceLoad.compute(records: noTeams, window: window, previous: previous, now: now, hourlyRate: 100)
        #expect(unknown.capacityShare.current == nil && unknown.hours.current == 250 && unknown.staffing == nil)
    }
}
