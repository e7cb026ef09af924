import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// The metrics on the bundled demo, through the store, show the stories the demo tells.
@Suite struct DemoSummaryTests {
    let dir = TemporaryDirectory()

    func demoStore() throws -> Store {
        let store = try Store.create(at: dir.path("demo.sqlite"))
        try store.insert(try RecordFileReader.read(directory: sampleDataDirectory), now: DemoOrganisation.now, source: "test")
        return store
    }

    @Test func windowedLoadingGivesTheSameMetricsAsAllRecords() throws {
        let store = try demoStore()
        let all = try RecordFileReader.read(directory: sampleDataDirectory)
        let spec = WindowSpec.lastDays(30)
        let now = DemoOrganisation.now
        let fromStore = try store.snapshot(window: spec, now: now)
        let fromAll = PlatformSnapshot.compute(records: all, history: ModelHistory(records: all), window: spec.resolve(now: now),
                                               previous: spec.comparisonWindow(now: now), windowLabel: spec.description, now: now)
        #expect(fromStore.velocity == fromAll.velocity)
        #expect(fromStore.maintenance == fromAll.maintenance)
        #expect(fromStore.maturity == fromAll.maturity)
        #expect(fromStore.finance == fromAll.finance)
        #expect(fromStore.product == fromAll.product)
        #expect(fromStore.research == fromAll.research)
        #expect(fromStore.triage == fromAll.triage)
        #expect(fromStore.attention == fromAll.attention)
    }

    @Test func summaryTellsTheDemoStories() throws {
        let store = try demoStore()
        let s = try store.snapshot(window: .quarterToDate, now: DemoOrganisation.now)
        // atlas climbs: level 0 in April–June, 1 in July–September, 2 in October–November.
        let atlas = try #require(s.maturity.teams.first { $0.subject == "atlas" })
        #expect(atlas.level == 2)
        #expect(atlas.history.map(\.value) == [0, 0, 0, 1, 1, 1, 2, 2])
        #expect(s.maturity.teams.first { $0.subject == "beacon" }?.history.allSatisfy { $0.value == 0 } == true)
        // cobalt's GPU spike passes its November budget.
        let cobalt = try #require(s.finance.teamBudgets.first { $0.scope == "cobalt" && $0.period == .month(Month(year: 2026, month: 11)) })
        #expect(cobalt.isOver)
        // The rolled-back search-ranker release is a risky deployment and a failed change.
        #expect(s.product.riskyDeployments.contains { $0.deployment.id == DemoOrganisation.badDeploymentID && $0.reasons.contains("rolled back") })
        // delta is over the maintenance cap; the sev-1 is open.
        #expect(s.maintenance.byTeam.first { $0.team == "delta" }?.overCap == true)
        #expect(s.triage.openIncidents.first?.incident.id == DemoOrganisation.openSeverityOneIncidentID)

        let text = SummaryText.render(s)
        #expect(text.contains("atlas          level 2   by month 00011122"))
        #expect(text.contains("!! cobalt 2026-11 budget"))
        #expect(text.contains("search-ranker v-bad: rolled back, caused an incident"))
        #expect(text.contains("!! Open sev-1 assistant-llm"))
        #expect(text.contains("delta 6") && text.contains("OVER 50%"))
        let json = try SummaryDocument(s).json()
        let decoded = try JSONDecoder().decode(SummaryDocument.self, from: Data(json.utf8))
        #expect(decoded.schemaVersion == 1 && decoded == SummaryDocument(s))
        #expect(decoded.maturity.first { $0.subject == "atlas" }?.history["2026-07"] == 1)
    }

    @Test func onCallLineSaysTheConfiguredHours() throws {
        let store = try demoStore()
        var configuration = MetricsConfiguration()
        configuration.triageHours = 12
        configuration.changeHours = 48
        let s = try store.snapshot(window: .lastDays(30), now: DemoOrganisation.now, configuration: configuration)
        let text = SummaryText.render(s)
        #expect(text.contains("ON CALL (last 12 h):") && text.contains(" in 48 h ("))
        #expect(!text.contains("72 h") && !text.contains("24 h"))
    }

    @Test func teamFilterNarrowsEveryMetric() throws {
        let store = try demoStore()
        let s = try store.snapshot(window: .lastDays(30), now: DemoOrganisation.now, filter: SubjectFilter(team: "beacon"))
        #expect(s.maturity.teams.map(\.subject) == ["beacon"])
        #expect(s.finance.byTeam.map(\.name) == ["beacon"])
        #expect(s.triage.openIncidents.allSatisfy { $0.incident.team == "beacon" })
        #expect(s.maintenance.byTeam.map(\.team) == ["beacon"])
        #expect(s.finance.budgets.allSatisfy { $0.scope == "beacon" })
    }
}
