import MLOpsCore
@testable import MLOpsDash
import MLOpsSampleData
import MLOpsStore
import TerminalUI
import Testing

/// Drilling into runs, costs or maintenance asks the edge for one page of records; the
/// dashboard holds none of them until then, and drops a page it no longer waits for.
@Suite struct DrillDownPageTests {
    @Test func enterOnAModelsSpendAsksForItsCostLinesAndShowsThePage() throws {
        var state = DemoDashboard.state(.finance)
        let table = try #require(DashboardUpdate.activeTable(state)?.table)
        let model = try #require(table.rows.first?.cells.first)
        let effects = DashboardUpdate.update(&state, .key(.enter))
        let window = DemoDashboard.data.snapshot.window
        let expected = RecordPageRequest(kind: .costs, window: window, filter: SubjectFilter(model: model))
        #expect(effects == [.loadPage(expected)])
        #expect(state.pendingPage == expected && state.drill.isEmpty)

        // The same lines the records give, worked out by filtering them by hand.
        let all = DemoOrganisation.generate()
        let lines = all.costs.filter { $0.model == model && window.contains($0.date) }
        let page = try DemoDashboard.store.recordPage(expected)
        #expect(page.total == lines.count && page.count == min(500, lines.count))
        #expect(page.records.costs.first?.date == lines.map(\.date).max())

        _ = DashboardUpdate.update(&state, .pageLoaded(page))
        #expect(state.pendingPage == nil)
        #expect(state.drill.last?.table.title == "\(model): cost lines")
        #expect(state.drill.last?.table.rows.count == lines.count)
    }

    @Test func aPageForAnotherRequestIsDroppedAndEscapeCancelsTheWait() throws {
        var state = DemoDashboard.state(.research)
        _ = DashboardUpdate.update(&state, .key(.enter))
        let waiting = try #require(state.pendingPage)
        #expect(waiting.kind == .runs && waiting.runKind == RunKind.allCases.first)
        var other = waiting
        other.runKind = .evaluation
        _ = DashboardUpdate.update(&state, .pageLoaded(try DemoDashboard.store.recordPage(other)))
        #expect(state.drill.isEmpty && state.pendingPage == waiting)
        _ = DashboardUpdate.update(&state, .key(.escape))
        #expect(state.pendingPage == nil && state.status == "cancelled")
        _ = DashboardUpdate.update(&state, .pageLoaded(try DemoDashboard.store.recordPage(waiting)))
        #expect(state.drill.isEmpty)
    }

    @Test func aPageShortOfTheWholeSaysHowManyItShows() throws {
        let window = DemoDashboard.data.snapshot.window
        let request = RecordPageRequest(kind: .runs, window: window, filter: SubjectFilter(team: "atlas"), limit: 5)
        let page = try DemoDashboard.store.recordPage(request)
        #expect(page.total > 5 && page.count == 5)
        #expect(RecordFields.table(for: page).title == "atlas: runs, newest 5 of \(page.total)")
    }

    @Test func storePagesEqualThePagesOfTheRecords() throws {
        let all = DemoOrganisation.generate()
        let window = DemoDashboard.data.snapshot.window
        let requests = [
            RecordPageRequest(kind: .runs, window: window),
            RecordPageRequest(kind: .runs, window: window, filter: SubjectFilter(team: "atlas"), limit: 7, offset: 3),
            RecordPageRequest(kind: .runs, window: window, filter: SubjectFilter(model: "search-ranker"), runKind: .training),
            RecordPageRequest(kind: .costs, window: window, filter: SubjectFilter(team: "cobalt"), limit: 50),
            RecordPageRequest(kind: .maintenance, window: window, filter: SubjectFilter(team: "delta")),
            RecordPageRequest(kind: .maintenance, window: window, category: .toil, limit: 10, offset: 10),
            RecordPageRequest(kind: .maintenance, window: window, filter: SubjectFilter(model: "search-ranker")),
        ]
        for r in requests {
            let fromStore = try DemoDashboard.store.recordPage(r), fromRecords = all.page(r)
            #expect(fromStore == fromRecords, "\(r)")
        }
        #expect(all.page(requests[1]).records.runs.count == 7)
        #expect(all.page(requests[6]).total == 0)
    }
}
