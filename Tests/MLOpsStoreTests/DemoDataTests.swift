import Foundation
import GRDB
import MLOpsCore
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// The repository's `sample-data/` directory.
let sampleDataDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-data").path

@Suite struct DemoDataTests {
    let dir = TemporaryDirectory()

    @Test func bundledFilesAreWhatTheGeneratorWrites() throws {
        try RecordFileWriter.writeCSV(DemoOrganisation.generate(), to: dir.path("gen"))
        for kind in RecordKind.allCases {
            let bundled = try Data(contentsOf: URL(fileURLWithPath: "\(sampleDataDirectory)/\(kind.rawValue).csv"))
            let generated = try Data(contentsOf: URL(fileURLWithPath: dir.path("gen/\(kind.rawValue).csv")))
            #expect(bundled == generated, "sample-data/\(kind.rawValue).csv differs from `mlops-dash sample --scale demo`")
        }
        #expect(try DemoStore.readManifest(sampleDirectory: sampleDataDirectory).anchor == "2026-11-18")
    }

    @Test func demoLoadsIntoAFreshStoreWithoutErrors() throws {
        let store = try Store.create(at: dir.path("demo.sqlite"))
        for file in RecordFileReader.files(in: sampleDataDirectory) {
            let summary = try store.importFile(kind: file.kind, path: file.path, now: DemoOrganisation.now)
            #expect(summary.inserted == summary.rows)
        }
        let counts = try store.read { db in
            try RecordKind.allCases.map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(RecordSchema.of($0).table)")! }
        }
        #expect(counts[0] == 4 && counts[1] == 15)
        #expect(counts.allSatisfy { $0 > 0 })
    }

    @Test func demoTellsItsStories() throws {
        let demo = try RecordFileReader.read(directory: sampleDataDirectory)
        let now = DemoOrganisation.now
        // The bad release, its incident and rollback.
        let bad = try #require(demo.deployments.first { $0.id == DemoOrganisation.badDeploymentID })
        #expect(bad.isProduction && bad.status == .rolledBack && bad.rolledBackAt != nil)
        let incident = try #require(demo.incidents.first { $0.deploymentId == bad.id })
        #expect(incident.resolvedAt != nil && incident.model == "search-ranker")
        // Incidents open now, one of them sev-1.
        let open = demo.incidents.filter { $0.isOpen(at: now) }
        #expect(open.contains { $0.severity == 1 })
        #expect(open.count >= 3)
        // Batch and online models.
        #expect(Set(demo.models.map(\.serving)) == [.online, .batch])
        // atlas trains by hand in Q2 and through orchestrated, drift-triggered pipelines in Q4.
        let atlasTraining = demo.runs.filter { $0.team == "atlas" && $0.isTraining }
        let q2 = Quarter(year: 2026, quarter: 2).window, q4 = Quarter(year: 2026, quarter: 4).window
        #expect(atlasTraining.filter { q2.contains($0.startedAt!) }.allSatisfy { !$0.orchestrated })
        #expect(atlasTraining.filter { q4.contains($0.startedAt!) }.allSatisfy { $0.orchestrated })
        #expect(atlasTraining.contains { q4.contains($0.startedAt!) && $0.trigger.isMonitoringTriggered })
        // beacon never orchestrates training or automates a deployment.
        #expect(demo.runs.filter { $0.team == "beacon" && $0.isTraining }.allSatisfy { !$0.orchestrated })
        #expect(demo.deployments.filter { $0.team == "beacon" }.allSatisfy { $0.method == .manual })
        // cobalt's October GPU spend alone passes its October budget.
        let october = Month(year: 2026, month: 10)
        let cobaltOctober = demo.costs.filter { $0.team == "cobalt" && october.window.contains($0.date) }.reduce(0) { $0 + $1.amount }
        let budget = try #require(demo.budgets.first { $0.scope == "cobalt" && $0.period == .month(october) })
        #expect(cobaltOctober > budget.amount)
        // delta spends more than half its capacity on maintenance in November's first two weeks.
        let weeks = TimeWindow(start: Day(year: 2026, month: 11, day: 2).start, end: Day(year: 2026, month: 11, day: 16).start)
        let deltaHours = demo.maintenance.filter { $0.team == "delta" && weeks.contains($0.date) }.reduce(0) { $0 + $1.hours }
        #expect(deltaHours > 0.5 * 5 * 40 * 2)
    }

    /// Opened before 09:00 UTC, the demo ends yesterday: its "now" is 09:00 of its last day.
    @Test func demoEndsYesterdayWhenOpenedBeforeItsHourOfNow() throws {
        let day = Day(year: 2026, month: 12, day: 2)
        #expect(DemoOrganisation.lastDay(openedAt: day.start.adding(seconds: 32 * 60)) == Day(year: 2026, month: 12, day: 1))
        #expect(DemoOrganisation.lastDay(openedAt: day.start.adding(seconds: 9 * 3600 - 1)) == Day(year: 2026, month: 12, day: 1))
        #expect(DemoOrganisation.lastDay(openedAt: day.start.adding(hours: 9)) == day)
        #expect(DemoOrganisation.lastDay(openedAt: day.start.adding(seconds: 86_399)) == day)
    }

    @Test func demoStoreIsShiftedSoItsLastDayIsToday() throws {
        let today = Day(year: 2027, month: 3, day: 2)
        let shift = DemoOrganisation.anchor.distance(to: today)
        let path = try DemoStore.prepare(sampleDirectory: sampleDataDirectory, dataDirectory: dir.path("data"),
                                         today: today, now: today.start)
        let store = try Store.openReadOnly(at: path)
        let (lastServing, badAt) = try store.read { db in
            (try String.fetchOne(db, sql: "SELECT max(date) FROM serving"),
             try Int64.fetchOne(db, sql: "SELECT deployed_at FROM deployments WHERE id = ?", arguments: [DemoOrganisation.badDeploymentID]))
        }
        #expect(lastServing == "2027-03-02")
        let original = try RecordFileReader.read(directory: sampleDataDirectory).deployments.first { $0.id == DemoOrganisation.badDeploymentID }!
        #expect(badAt == original.deployedAt.seconds + Int64(shift) * 86_400)
        // A second call on the same day reuses the store; a new day rebuilds it.
        let mtime = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
        _ = try DemoStore.prepare(sampleDirectory: sampleDataDirectory, dataDirectory: dir.path("data"), today: today, now: today.start)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date == mtime)
        let next = try DemoStore.prepare(sampleDirectory: sampleDataDirectory, dataDirectory: dir.path("data"),
                                         today: today.advanced(by: 1), now: today.start)
        #expect(try Store.openReadOnly(at: next).read { db in try String.fetchOne(db, sql: "SELECT max(date) FROM serving") } == "2027-03-03")
    }
}
