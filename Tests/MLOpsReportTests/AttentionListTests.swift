@testable import MLOpsCore
import MLOpsReport
import Testing

/// A long "Needs attention" list is grouped by kind and capped, never one line of 100 names.
@Suite struct AttentionListTests {
    static func item(_ urgency: AttentionItem.Urgency, _ kind: AttentionItem.Kind, _ message: String) -> AttentionItem {
        AttentionItem(urgency: urgency, message: message, kind: kind)
    }

    @Test func groupsByKindAndUrgencyAndCountsWhatIsLeftOut() {
        let items = [Self.item(.critical, .incident, "i1")]
            + (1...4).map { Self.item(.warning, .suspectDeployment, "d\($0)") }
            + [Self.item(.warning, .maintenanceCap, "m1"), Self.item(.notice, .sloBreaches, "slo")]
        let groups = AttentionItem.grouped(items, perKind: 2)
        #expect(groups.map(\.kind) == [.incident, .suspectDeployment, .maintenanceCap, .sloBreaches])
        #expect(groups[1].shown.map(\.message) == ["d1", "d2"] && groups[1].all.count == 4)
        #expect(groups.map(\.moreLine) == [nil, "and 2 more suspect deployments", nil, nil])
        #expect(AttentionItem.Kind.suspectDeployment.more(1) == "and 1 more suspect deployment")
    }

    @Test func summaryTextCapsEachKindAndJSONKeepsEveryItem() {
        var s = blankSnapshot()
        s.attention = [Self.item(.critical, .incident, "Open sev-1 m: down")]
            + (1...8).map { Self.item(.warning, .suspectDeployment, "Deployment m v\($0) preceded open incident i") }
        let text = SummaryText.render(s)
        #expect(text.contains("Deployment m v5 preceded") && !text.contains("Deployment m v6 preceded"))
        #expect(text.contains("     and 3 more suspect deployments (--json lists every one)"))
        #expect(SummaryDocument(s).attention.count == 9)
    }

    @Test func sloBreachesAreOneLineNamingTheWorstWithEveryModelInDetails() {
        let at = Instant(iso8601: "2026-10-19T09:00:00Z")!
        var r = RecordSet()
        // p95 objective 100 ms: m3 is 300 % over, m1 100 %, m4 50 %, m2 20 %.
        r.models = ["m1", "m2", "m3", "m4"].map { Model(name: $0, team: "t", serving: .online, sloP95Ms: 100) }
        r.serving = [("m1", 200.0), ("m2", 120), ("m3", 400), ("m4", 150)].map {
            ServingDay(model: $0.0, date: Day(iso8601: "2026-10-19")!, requests: 10, errors: 0, p95Ms: $0.1)
        }
        let window = TimeWindow(start: Instant(iso8601: "2026-10-01T00:00:00Z")!, end: Instant(iso8601: "2026-10-20T00:00:00Z")!)
        let s = PlatformSnapshot.compute(records: r, history: ModelHistory(), window: window, previous: window.previous, windowLabel: "w", now: at)
        let slo = s.attention.filter { $0.kind == .sloBreaches }
        #expect(slo.map(\.listed) == ["SLO breaches in the last 24 h on 4 models: m3, m1, m4 and 1 more"])
        // The JSON keeps the whole message, every model by name, as before.
        #expect(slo.map(\.message) == ["SLO breaches in the last 24 h: m1, m2, m3, m4"])
        #expect(slo.first?.details == ["m3: p95 400 ms against 100 ms on 2026-10-19", "m1: p95 200 ms against 100 ms on 2026-10-19",
                                       "m4: p95 150 ms against 100 ms on 2026-10-19", "m2: p95 120 ms against 100 ms on 2026-10-19"])
        #expect(SummaryDocument(s).attention.first { $0.message.hasPrefix("SLO") }?.message == "SLO breaches in the last 24 h: m1, m2, m3, m4")
        #expect(SummaryText.render(s).contains("SLO breaches in the last 24 h on 4 models: m3, m1, m4 and 1 more"))
    }
}
