import MLOpsCore
@testable import MLOpsDash
import MLOpsSampleData
import SnapshotSupport
import TerminalUI
import Testing

/// A load reads the shown screen's parts first and the rest after: the screen shown from
/// its own parts must look exactly as it does from all of them, and the second stage must
/// complete the first into what one whole read gives.
@Suite struct StagedLoadTests {
    static let windows: [WindowSpec] = [.lastDays(7), .lastDays(30), .lastDays(90), .quarterToDate, .previousQuarter]

    static func subjects() throws -> [SubjectFilter] {
        let (teams, models) = try DemoDashboard.store.subjectNames()
        return [.organisation, SubjectFilter(team: teams[0]), SubjectFilter(team: teams[teams.count - 1]), SubjectFilter(model: models[1])]
    }

    static func text(_ data: DashboardData, _ screen: Screen, width: Int = 200, height: Int = 60) -> String {
        var state = DemoDashboard.emptyState()
        state.data = data
        state.screen = screen
        return DashboardView.render(state, width: width, height: height).text()
    }

    @Test(arguments: Screen.allCases)
    func aScreenFromItsOwnPartsLooksAsFromAll(_ screen: Screen) throws {
        for window in Self.windows {
            for filter in try Self.subjects() {
                let whole = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", window: window, filter: filter)
                let first = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", window: window, filter: filter,
                                               .shown(screen.metricParts))
                #expect(first.isReady(for: screen))
                if screen.completeParts == screen.metricParts {
                    #expect(Self.text(first, screen) == Self.text(whole, screen), "\(screen) \(window) \(filter)")
                } else {
                    // What is drawn from the first stage is what the whole read draws.
                    let shown = HeadlineMetric.tiles(first.snapshot), complete = HeadlineMetric.tiles(whole.snapshot)
                    #expect(shown.count == complete.count)
                    for (a, b) in zip(shown, complete) where first.has(a.needs) {
                        #expect(a.title == b.title && a.value == b.value && a.band == b.band, "\(a.title) \(window) \(filter)")
                    }
                    #expect(shown.filter { first.has($0.needs) }.count == 6)
                }
                for table in ScreenTableSet.readyPanels(of: screen, in: first) {
                    #expect(ScreenTables.table(table.panel, on: screen, data: first, ascii: false)
                        == ScreenTables.table(table.panel, on: screen, data: whole, ascii: false), "\(screen) \(table.panel) \(window) \(filter)")
                }
                let completed = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", window: window, filter: filter, .rest(first))
                #expect(completed == whole, "\(screen) \(window) \(filter)")
            }
        }
    }

    @Test func onlyTheOverviewNeedsEveryPart() {
        #expect(Screen.allCases.filter { $0.metricParts == .all }.isEmpty)
        #expect(Screen.allCases.filter { $0.completeParts == .all } == [.overview])
        // The Overview is shown before the two longest reads, costs and research.
        #expect(Screen.overview.metricParts.isDisjoint(with: [.costs, .research, .runCounts, .servingHistory]))
        // Leaving a part out of a screen's list makes `aScreenFromItsOwnPartsLooksAsFromAll` fail:
        // maintenance without its aggregates shows no hours.
        let starved = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", .shown([]))
        #expect(Self.text(starved, .maintenance) != Self.text(DemoDashboard.data, .maintenance))
    }

    /// The dashboard opened on `screen`, its first stage answered: its own parts and tables.
    /// The rest is asked for with the first stage's data, to be started once it is drawn.
    static func openedOn(_ screen: Screen) throws -> (state: DashboardState, request: LoadRequest, first: DashboardData) {
        var s = DemoDashboard.emptyState()
        s.screen = screen
        guard case .load(let request)? = DashboardUpdate.update(&s, .launched).first else { throw LoadNotAsked() }
        let first = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", .shown(screen.metricParts))
        let effects = DashboardUpdate.update(&s, .loadFinished(request, .success(LoadedData(data: first, tables: ScreenTableSet.build(first, ascii: false, screen: screen)))))
        guard effects == [.loadRest(request, first)] else { throw LoadNotAsked() }
        return (s, request, first)
    }

    struct LoadNotAsked: Error {}

    @Test func aScreenWhosePartsAreStillComingSaysSo() throws {
        var (s, request, first) = try Self.openedOn(.maintenance)
        #expect(s.loading?.phase == .readingRest && DashboardActivity.text(s) == "⠋ loading all teams · 30d… (other screens)")
        #expect(Self.text(s.data!, .maintenance).contains("Maint cost EUR"))

        // Velocity's parts are not here yet: its screen waits, nothing is built, no second load is asked for.
        let effects = DashboardUpdate.update(&s, .key(.character("2")))
        #expect(effects.isEmpty && s.tables[PanelID(.velocity)] == nil)
        let waiting = DashboardView.render(s, width: 120, height: 40).text()
        #expect(waiting.contains("Loading Velocity…") && !waiting.contains("Production deploys per week"))

        let whole = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", .rest(first))
        _ = DashboardUpdate.update(&s, .restLoaded(request, LoadedData(data: whole, tables: ScreenTableSet.build(whole, ascii: false))))
        #expect(s.loading == nil && s.data == whole && s.tables.count == ScreenTableSet.allPanels.count)
        #expect(DashboardView.render(s, width: 120, height: 40).text().contains("Production deploys per week"))
    }

    @Test func theOverviewFillsInAsTheRestArrives() throws {
        var (s, request, first) = try Self.openedOn(.overview)
        #expect(s.loading?.phase == .readingRest && DashboardActivity.text(s) == "⠋ loading all teams · 30d… (rest of this screen)")
        // Nothing of the Overview's is built from half the parts: both its lists wait.
        #expect(s.tables.isEmpty)
        for (width, height) in [(80, 24), (200, 60)] {
            let partial = DashboardView.render(s, width: width, height: height).text()
            let whole = Self.text(DemoDashboard.data, .overview, width: width, height: height)
            // Six tiles as the whole read draws them; spend and maturity wait.
            let tiles = partial.split(separator: "\n").prefix(7).joined(separator: "\n")
            for value in HeadlineMetric.tiles(first.snapshot).filter({ first.has($0.needs) }).map({ Format.value($0.value.current, unit: $0.value.unit) }) {
                #expect(tiles.contains(value) && whole.contains(value), "\(value) at \(width)x\(height)")
            }
            #expect(partial.contains("Spend EUR") && !partial.contains("Spend EUR (") && whole.contains("Spend EUR ("))
            #expect(partial.contains("loading…") && !partial.contains("building this table…") && !partial.contains("Loading Overview…"))
            if width == 200 { #expect(partial.contains("runs · …") || partial.contains("runs          …")) }
        }
        let whole = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", .rest(first))
        _ = DashboardUpdate.update(&s, .restLoaded(request, LoadedData(data: whole, tables: ScreenTableSet.build(whole, ascii: false))))
        #expect(s.loading == nil && s.tables.count == ScreenTableSet.allPanels.count)
        for (width, height) in [(80, 24), (200, 60)] {
            #expect(DashboardView.render(s, width: width, height: height).text() == Self.text(DemoDashboard.data, .overview, width: width, height: height))
        }
    }

    @Test func anOverviewLeftWithItsFirstTilesSaysSoAndAsksAgain() throws {
        // Esc stops the second stage.
        var (s, _, _) = try Self.openedOn(.overview)
        _ = DashboardUpdate.update(&s, .key(.escape))
        #expect(s.loading == nil)
        let text = DashboardView.render(s, width: 80, height: 24).text()
        #expect(text.contains("not loaded · r loads it") && !text.contains("loading…"))
        #expect(DashboardUpdate.update(&s, .key(.enter)).isEmpty && s.status == "this list is not loaded · r loads it")
        _ = DashboardUpdate.update(&s, .key(.character("2")))
        guard case .load(let again)? = DashboardUpdate.update(&s, .key(.character("1"))).first else { throw LoadNotAsked() }
        #expect(again.screen == .overview && again.firstParts == Screen.overview.metricParts)

        // The second stage fails.
        var (t, request, _) = try Self.openedOn(.overview)
        #expect(DashboardUpdate.update(&t, .key(.enter)).isEmpty && t.status == "this list is still loading")
        _ = DashboardUpdate.update(&t, .restFailed(request, "store.sqlite: disk I/O error"))
        #expect(t.status == "could not load the rest of this screen: store.sqlite: disk I/O error · r tries again")
        _ = DashboardUpdate.update(&t, .key(.character("2")))
        #expect(DashboardUpdate.update(&t, .key(.character("1"))).count == 1)
    }

    @Test func aRefreshOfTheWholeOverviewKeepsItWhole() throws {
        var (s, request, first) = try Self.openedOn(.overview)
        let whole = DemoDashboard.load(DemoDashboard.store, shownAs: "demo.sqlite", .rest(first))
        _ = DashboardUpdate.update(&s, .restLoaded(request, LoadedData(data: whole, tables: ScreenTableSet.build(whole, ascii: false))))
        for reason in [DashboardMessage.key(.character("r")), .storeChanged] {
            guard case .load(let again)? = DashboardUpdate.update(&s, reason).first else { throw LoadNotAsked() }
            #expect(again.keepsScreenWhole && again.firstParts == .all)
        }
        // A new window shows its first tiles as soon as they are read.
        s.window = .lastDays(90)
        guard case .load(let switched)? = DashboardUpdate.update(&s, .key(.character("r"))).first else { throw LoadNotAsked() }
        #expect(!switched.keepsScreenWhole && switched.firstParts == Screen.overview.metricParts)
        // Other screens show from their own parts, which are all they draw.
        _ = DashboardUpdate.update(&s, .key(.character("3")))
        s.window = .lastDays(30)
        guard case .load(let maintenance)? = DashboardUpdate.update(&s, .key(.character("r"))).first else { throw LoadNotAsked() }
        #expect(!maintenance.keepsScreenWhole && maintenance.firstParts == .maintenanceParts)
    }

    /// The Overview between its two stages, reviewed by eye once.
    @Test func theOverviewBetweenItsStages() throws {
        let (s, _, _) = try Self.openedOn(.overview)
        for (w, h) in [(80, 24), (200, 60)] {
            assertSnapshot(DashboardView.render(s, width: w, height: h), named: "overview-first-stage-\(w)x\(h)")
        }
    }

    @Test func aNewerLoadInTheSameBatchSupersedesTheRest() throws {
        var (s, request, first) = try Self.openedOn(.maintenance)
        // `r` arrives in the batch that brought the first stage: the runner starts the rest
        // only after drawing, and by then it answers nothing the user waits for.
        guard case .load(let newer)? = DashboardUpdate.update(&s, .key(.character("r"))).first else { throw LoadNotAsked() }
        #expect(newer.id == request.id + 1)
        #expect(!DashboardUpdate.isStillWanted(.loadRest(request, first), s))
        #expect(DashboardUpdate.isStillWanted(.loadRest(newer, first), s))
        #expect(DashboardUpdate.isStillWanted(.saveScreen, s))
    }

    @Test func aScreenLeftWithoutItsPartsSaysSoAndItsKeysDoNothing() throws {
        var (s, _, _) = try Self.openedOn(.maintenance)
        _ = DashboardUpdate.update(&s, .key(.character("2")))
        _ = DashboardUpdate.update(&s, .key(.escape))              // stops the second stage
        #expect(s.loading == nil)
        for key: Key in [.character("j"), .enter] { _ = DashboardUpdate.update(&s, .key(key)) }
        #expect(s.drill.isEmpty && s.pendingPage == nil && s.cursor(for: .velocity).selected == 0)
        let text = DashboardView.render(s, width: 120, height: 40).text()
        #expect(text.contains("Velocity is not loaded · r loads it") && !text.contains("production deployments"))
        // `r` asks for it.
        guard case .load(let again)? = DashboardUpdate.update(&s, .key(.character("r"))).first else { throw LoadNotAsked() }
        #expect(again.screen == .velocity)
    }

    @Test func aNewLoadInProgressLeavesAScreenWithoutItsPartsAlone() throws {
        var (s, _, _) = try Self.openedOn(.maintenance)
        _ = DashboardUpdate.update(&s, .key(.character("r")))       // a new load, still reading
        _ = DashboardUpdate.update(&s, .key(.character("2")))
        #expect(DashboardUpdate.update(&s, .key(.enter)).isEmpty)
        #expect(s.drill.isEmpty && DashboardView.render(s, width: 120, height: 40).text().contains("Loading Velocity…"))
    }

    @Test func aScreenWhosePartsAreHereShowsWhileTheRestIsRead() throws {
        var (s, _, _) = try Self.openedOn(.velocity)
        #expect(s.loading?.phase == .readingRest)
        _ = DashboardUpdate.update(&s, .key(.character("6")))       // product reads velocity's parts
        #expect(s.tables[PanelID(.product)] != nil)
        #expect(DashboardView.render(s, width: 120, height: 40).text().contains("Models against their objectives"))
    }

    @Test func whenTheRestFailsAScreenWithoutItsPartsAsksAgain() throws {
        var (s, request, _) = try Self.openedOn(.finance)
        _ = DashboardUpdate.update(&s, .restFailed(request, "store.sqlite: disk I/O error"))
        #expect(s.loading == nil && s.status == "could not load the other screens: store.sqlite: disk I/O error")
        #expect(DashboardUpdate.update(&s, .key(.character("6"))) == [.load(LoadRequest(id: 2, window: .lastDays(30), filter: .organisation,
                                                                                   reason: .selectionChanged, screen: .product))])
        // A screen whose parts are there asks for nothing.
        _ = DashboardUpdate.update(&s, .loadFinished(LoadRequest(id: 2, window: .lastDays(30), filter: .organisation, reason: .selectionChanged, screen: .product),
                                                     .failure(.cancelled)))
        s.loading = nil
        #expect(DashboardUpdate.update(&s, .key(.character("5"))).isEmpty)
    }
}
