import Foundation
import MLOpsCore
@testable import MLOpsDash
import Synchronization
import TerminalUI
import Testing

/// The event loop driven through a `TestBackend`: keys in, frames out, effects answered by
/// hand so every ordering (late, cancelled, concurrent) is chosen by the test.
@Suite(.serialized) struct DashboardRunnerTests {
    /// The demo data with a different store path, so the Data health screen tells the two apart.
    static let otherData: DashboardData = {
        var d = DemoDashboard.data
        d.health.storePath = "stale.sqlite"
        return d
    }()

    @Test func theFrameIsDrawnBeforeAnyDataAndEachKeyGetsItsFrame() async throws {
        let loads = ScriptedLoads()
        let dash = RunningDashboard(loads.environment)
        // The first frame: tabs, the screen's panel and "Loading…", while the load is still unanswered.
        let first = try #require(await dash.frame(containing: "Loading…"))
        #expect(first.contains("1 Overview") && first.contains("Overview") && first.contains("loading all teams · 30d"))
        #expect(await loads.request(1)?.reason == .opening)
        #expect(loads.requests.count == 1)

        await loads.answer(1, with: DemoDashboard.data)
        #expect(await dash.ready() != nil)
        let framesWhenLoaded = dash.terminal.frameCount

        dash.press(.character("2"))
        #expect(await dash.frame(containing: "Production deploys per week") != nil)
        dash.press(.character("j"), .character("j"))
        #expect(await dash.settle())
        // Nothing arrives, so nothing is drawn: no timer runs while the dashboard is idle.
        let framesAfterKeys = dash.terminal.frameCount
        #expect(framesAfterKeys > framesWhenLoaded)
        try await Task.sleep(for: .milliseconds(700))
        #expect(dash.terminal.frameCount == framesAfterKeys)

        let final = try #require(await dash.quit())
        #expect(final.screen == .velocity && final.cursor(for: .velocity).selected == 2)
        #expect(final.shown?.id == 1 && final.loading == nil)
    }

    @Test func aResizeRedrawsAtTheNewSize() async throws {
        let loads = ScriptedLoads()
        let dash = RunningDashboard(loads.environment, width: 120, height: 40)
        await loads.answer(1, with: DemoDashboard.data)
        #expect(await dash.ready() != nil)
        #expect(dash.terminal.lastFrame?.width == 120)

        dash.terminal.resize(width: 80, height: 24)
        #expect(await dash.frame({ _ in dash.terminal.lastFrame?.width == 80 }) != nil)
        #expect(dash.terminal.lastFrame?.height == 24 && dash.terminal.lastFrame?.text().contains("Teams (4)") == true)
        dash.terminal.resize(width: 70, height: 20)
        #expect(await dash.frame(containing: "Terminal too small: 70x20.") != nil)
        _ = await dash.quit()
    }

    @Test func aLoadThatAnswersAfterTheUserMovedOnIsDropped() async throws {
        // This loader ignores cancellation and answers late, like a read that had already finished.
        let loads = ScriptedLoads(honoursCancellation: false)
        let dash = RunningDashboard(loads.environment)
        await loads.answer(1, with: DemoDashboard.data)
        #expect(await dash.ready() != nil)

        dash.press(.character("w"), .down, .enter)               // 30d → 90d: request 2
        #expect(await loads.request(2)?.window == .lastDays(90))
        dash.press(.character("w"), .up, .up, .enter)            // 90d → 7d: request 3 supersedes 2
        #expect(await loads.request(3)?.window == .lastDays(7))
        #expect(await dash.settle())
        #expect(loads.cancelled == [2])                          // the runner cancelled the superseded task

        await loads.answer(3, with: DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", window: .lastDays(7)))
        #expect(await dash.frame { !$0.contains("loading") && $0.contains("· 7d") } != nil)
        await loads.answer(2, with: Self.otherData)               // the late answer for 90d
        dash.press(.character("d"))
        let health = try #require(await dash.frame(containing: "Records in the store"))
        #expect(health.contains("Store demo.sqlite") && !health.contains("stale.sqlite"))

        let final = try #require(await dash.quit())
        #expect(final.window == .lastDays(7) && final.shown?.id == 3 && final.data?.health.storePath == "demo.sqlite")
    }

    @Test func escapeCancelsARunningLoadAndKeepsWhatIsOnScreen() async throws {
        let loads = ScriptedLoads()
        let dash = RunningDashboard(loads.environment)
        await loads.answer(1, with: DemoDashboard.data)
        #expect(await dash.ready() != nil)

        dash.press(.character("w"), .down, .enter)
        #expect(await loads.request(2) != nil)
        #expect(await dash.frame(containing: "loading all teams · 90d") != nil)
        dash.press(.escape)
        let cancelled = try #require(await dash.frame(containing: "loading cancelled"))
        // Back to the window whose data is on screen.
        #expect(cancelled.contains("· 30d") && cancelled.contains("Teams (4)"))
        #expect(loads.cancelled == [2])

        let final = try #require(await dash.quit())
        #expect(final.window == .lastDays(30) && final.loading == nil && final.shown?.id == 1)
    }

    @Test func keysKeepWorkingWhileAReportExports() async throws {
        let loads = ScriptedLoads()
        let exportGate = Gate<String>()
        let exports = Locked<[ExportRequest]>([])
        var environment = loads.environment
        environment.export = { request in
            exports.withLock { $0.append(request) }
            return await exportGate.wait()
        }
        let dash = RunningDashboard(environment)
        await loads.answer(1, with: DemoDashboard.data)
        #expect(await dash.ready() != nil)

        dash.press(.character("e"))
        #expect(await dash.frame(containing: "exporting the report…") != nil)
        dash.press(.character("5"))
        let finance = try #require(await dash.frame(containing: "Spend by model"))
        #expect(finance.contains("exporting the report…"))
        dash.press(.character("j"), .character("e"))
        #expect(await dash.frame(containing: "the report is still being exported") != nil)
        #expect(exports.withLock { $0.count } == 1)

        exportGate.open("exported 2026-Q3 report to /tmp/report.html")
        #expect(await dash.frame(containing: "exported 2026-Q3 report to /tmp/report.html") != nil)
        let final = try #require(await dash.quit())
        #expect(final.exporting == nil && final.cursor(for: .finance).selected == 1)
    }

    @Test func aStoreChangeReloadsAndSaysSo() async throws {
        let loads = ScriptedLoads()
        let change = Gate<Bool>()
        var environment = loads.environment
        environment.watchStore = { changed in
            _ = await change.wait()
            changed()
        }
        let dash = RunningDashboard(environment)
        await loads.answer(1, with: DemoDashboard.data)
        #expect(await dash.ready() != nil)

        change.open(true)
        #expect(await loads.request(2)?.reason == .storeChanged)
        #expect(await dash.frame(containing: "refreshing: the store changed") != nil)
        await loads.answer(2, with: DemoDashboard.data)
        #expect(await dash.frame(containing: "refreshed: the store changed") != nil)
        _ = await dash.quit()
    }

    @Test func aFailedLoadIsShownWhereTheDataWouldBe() async throws {
        struct Broken: Error, CustomStringConvertible { var description = "store.sqlite: disk I/O error" }
        let dash = RunningDashboard(DashboardEnvironment(load: { _, _ in throw Broken() }))
        #expect(await dash.frame(containing: "Could not load the store: store.sqlite: disk I/O error") != nil)
        _ = await dash.quit()
    }
}

/// Staleness is `update`'s decision, checked here without a runner.
@Suite struct LoadStalenessTests {
    @Test func onlyTheAwaitedRequestsAnswerIsShown() {
        var s = DemoDashboard.emptyState()
        guard case .load(let first)? = DashboardUpdate.update(&s, .launched).first else { Issue.record("no load"); return }
        #expect(first == LoadRequest(id: 1, window: .lastDays(30), filter: .organisation, reason: .opening))
        s.window = .lastDays(90)
        guard case .load(let second)? = DashboardUpdate.update(&s, .key(.character("r"))).first else { Issue.record("no reload"); return }
        #expect(second.id == 2 && second.window == .lastDays(90) && second.reason == .refresh)

        let tables = ScreenTableSet.build(DemoDashboard.data, ascii: false)
        _ = DashboardUpdate.update(&s, .loadFinished(first, .success(LoadedData(data: DashboardRunnerTests.otherData, tables: tables))))
        #expect(s.data == nil && s.loading?.request == second)
        _ = DashboardUpdate.update(&s, .loadFinished(second, .success(LoadedData(data: DemoDashboard.data, tables: tables))))
        #expect(s.data?.health.storePath == "demo.sqlite" && s.loading == nil && s.shown == second)
        #expect(s.tables.count == ScreenTableSet.allPanels.count)
    }

    @Test func theScreenOnShowIsBuiltFirstAndTheRestArriveLater() {
        var s = DemoDashboard.emptyState()
        s.screen = .finance
        guard case .load(let request)? = DashboardUpdate.update(&s, .launched).first else { Issue.record("no load"); return }
        #expect(request.screen == .finance)
        let data = DemoDashboard.data
        let first = ScreenTableSet.build(data, ascii: false, screen: .finance)
        _ = DashboardUpdate.update(&s, .loadFinished(request, .success(LoadedData(data: data, tables: first))))
        #expect(Set(s.tables.keys) == [PanelID(.finance, .budgets), PanelID(.finance)])
        #expect(s.data == data && s.tablesPending && DashboardActivity.text(s) == "⠋ loading all teams · 30d… (building tables)")

        // Switching before the rest arrive shows the screen with its table "building…";
        // nothing is built on the loop, and keys on the missing table do nothing.
        _ = DashboardUpdate.update(&s, .key(.character("2")))
        #expect(s.tables[PanelID(.velocity)] == nil)
        let waiting = DashboardView.render(s, width: 120, height: 40).text()
        #expect(waiting.contains("building this table…") && waiting.contains("Production deploys per week"))
        _ = DashboardUpdate.update(&s, .key(.character("j")))
        #expect(s.cursor(for: .velocity).selected == 0)

        // The rest: ignored for a request whose data is not on screen, merged for the one that is.
        let all = ScreenTableSet.build(data, ascii: false)
        var stale = request
        stale.id = 99
        _ = DashboardUpdate.update(&s, .restLoaded(stale, LoadedData(data: data, tables: all)))
        #expect(s.tables.count == 2 && s.tablesPending)
        _ = DashboardUpdate.update(&s, .restLoaded(request, LoadedData(data: data, tables: all)))
        #expect(s.tables.count == ScreenTableSet.allPanels.count && !s.tablesPending && s.loading == nil)
        #expect(s.tables[PanelID(.velocity)]?.table == ScreenTables.table(for: .velocity, data: data))
        _ = DashboardUpdate.update(&s, .key(.character("j")))
        #expect(s.cursor(for: .velocity).selected == 1)
    }

    @Test func aCancelledAnswerChangesNothing() {
        var s = DemoDashboard.state()
        let effects = DashboardUpdate.update(&s, .key(.character("r")))
        guard case .load(let request)? = effects.first else { Issue.record("no reload"); return }
        _ = DashboardUpdate.update(&s, .loadFinished(request, .failure(.cancelled)))
        #expect(s.loadError == nil && s.loading == nil && s.data == DemoDashboard.data)
    }

    @Test func aFailedLoadKeepsTheDataOnScreenAndTheWindowItAnswers() {
        var s = DemoDashboard.emptyState()
        guard case .load(let first)? = DashboardUpdate.update(&s, .launched).first else { Issue.record("no load"); return }
        let tables = ScreenTableSet.build(DemoDashboard.data, ascii: false)
        _ = DashboardUpdate.update(&s, .loadFinished(first, .success(LoadedData(data: DemoDashboard.data, tables: tables))))
        var effects: [DashboardEffect] = []
        for key: Key in [.character("w"), .down, .enter] { effects += DashboardUpdate.update(&s, .key(key)) }
        guard case .load(let second)? = effects.first else { Issue.record("no load for 90d"); return }
        #expect(second.window == .lastDays(90) && s.window == .lastDays(90))
        _ = DashboardUpdate.update(&s, .loadFinished(second, .failure(.failed("disk I/O error"))))
        #expect(s.window == .lastDays(30) && s.data == DemoDashboard.data && s.shown == first)
        #expect(s.status == "could not load: disk I/O error" && s.loading == nil)
    }

    @Test func theTimerAnimatesOnlyWhatIsInProgress() {
        var s = DemoDashboard.state()
        _ = DashboardUpdate.update(&s, .key(.character("r")))
        for _ in 0..<9 { _ = DashboardUpdate.update(&s, .tick) }
        // 9 ticks of 250 ms: the tenth spinner frame (index 9) and 2 whole seconds.
        #expect(DashboardActivity.text(s) == "⠏ refreshing… 2 s")
        s.ascii = true
        #expect(DashboardActivity.text(s) == "/ refreshing… 2 s")
    }
}
