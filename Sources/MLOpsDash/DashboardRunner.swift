import MLOpsCore
import TerminalUI

/// The event loop: keys and effect answers become messages, `DashboardUpdate` turns them
/// into a new state and effects, effects run as tasks, and a frame is drawn only after
/// something arrived. Between events the loop sleeps in the backend's wait, so an idle
/// dashboard costs nothing.
///
/// ```swift
/// let runner = DashboardRunner(backend: NcursesBackend(), environment: .live(loader), themes: themes)
/// let final = runner.run(DashboardState(window: .lastDays(30)))
/// ```
///
/// The loop and every backend call stay on the thread that called `run` (curses is not
/// thread-safe); effects run in tasks and answer through the mailbox.
public final class DashboardRunner {
    /// The task slots: a new effect in a slot cancels the one still running there.
    enum Slot: Hashable {
        case load, page, export, save, watch, ticker
    }

    private let backend: any TerminalBackend
    private let environment: DashboardEnvironment
    private let themes: [String: Theme]
    private let mailbox = Mailbox()
    private var tasks: [Slot: Task<Void, Never>] = [:]
    private var lastFrame: ScreenBuffer?
    public private(set) var state = DashboardState()

    public init(backend: any TerminalBackend, environment: DashboardEnvironment, themes: [String: Theme] = [:]) {
        self.backend = backend
        self.environment = environment
        self.themes = themes
    }

    /// Runs until the user quits; returns the final state. The first frame is drawn as soon
    /// as the first load has been asked for, long before its data arrives.
    @discardableResult
    public func run(_ initial: DashboardState) -> DashboardState {
        state = initial
        startWatchingStore()
        process([.launched])
        while !state.wantsQuit {
            let keys = backend.waitForKeys(orWakeUp: mailbox.wakeUp)
            process(keys.map(DashboardMessage.key) + mailbox.take())
        }
        for task in tasks.values { task.cancel() }
        tasks = [:]
        return state
    }

    /// Updates the state with each message, starts the effects it asks for, then draws once.
    /// The rest of a load starts after the draw: its reads take both cores, and the frame
    /// showing the first part should not wait behind them.
    func process(_ messages: [DashboardMessage]) {
        guard !messages.isEmpty else { return }
        var resized = false
        var afterDrawing: [DashboardEffect] = []
        for message in messages {
            if case .key(.resize) = message { resized = true }
            for effect in DashboardUpdate.update(&state, message) {
                if case .loadRest = effect { afterDrawing.append(effect) } else { perform(effect) }
            }
            if state.wantsQuit { return }
        }
        animateWhileBusy()
        draw(force: resized)
        for effect in afterDrawing where DashboardUpdate.isStillWanted(effect, state) { perform(effect) }
    }

    private func draw(force: Bool) {
        let size = backend.size
        let buffer = DashboardView.render(state, width: size.width, height: size.height)
        guard force || buffer != lastFrame else { return }
        backend.draw(buffer, theme: themes[state.themeName] ?? Theme.standard)
        lastFrame = buffer
    }

    // MARK: - Effects

    private func perform(_ effect: DashboardEffect) {
        let environment = environment, mailbox = mailbox
        switch effect {
        case .load(let request):
            start(.load) {
                do {
                    // The screen on show first: its own parts, its own tables, shown as soon as they are.
                    let data = try await environment.load(request, .shown(request.firstParts))
                    try Task.checkCancellation()
                    mailbox.post(.loadProgress(request, .buildingTables))
                    let tables = try await ScreenTableSet.build(data, ascii: request.ascii, panels: ScreenTableSet.readyPanels(of: request.screen, in: data))
                    return .loadFinished(request, .success(LoadedData(data: data, tables: tables)))
                } catch is CancellationError {
                    return .loadFinished(request, .failure(.cancelled))
                } catch {
                    return .loadFinished(request, .failure(.failed(String(describing: error))))
                }
            }
        case .loadRest(let request, let first):
            // In the load's slot: a newer load cancels it too.
            start(.load) {
                var data = first
                if !data.isComplete {
                    do { data = try await environment.load(request, .rest(first)) } catch is CancellationError {
                        return nil
                    } catch {
                        return .restFailed(request, String(describing: error))
                    }
                }
                let shown = ScreenTableSet.readyPanels(of: request.screen, in: first)
                let rest = ScreenTableSet.allPanels.filter { !shown.contains($0) }
                guard let tables = try? await ScreenTableSet.build(data, ascii: request.ascii, panels: rest) else { return nil }
                return .restLoaded(request, LoadedData(data: data, tables: tables))
            }
        case .cancelLoad:
            tasks.removeValue(forKey: .load)?.cancel()
        case .loadPage(let request):
            start(.page) {
                do { return .pageLoaded(try await environment.page(request)) } catch {
                    return .pageFailed(request, String(describing: error))
                }
            }
        case .export(let request):
            start(.export) { .exportFinished(request, await environment.export(request)) }
        case .saveScreen:
            let text = lastFrame?.text() ?? "", screen = state.screen
            start(.save) { .screenSaved(await environment.saveScreen(text, screen)) }
        case .quit:
            break
        }
    }

    /// Runs `operation` in a task in `slot`, cancelling the slot's previous task; its answer
    /// goes to the mailbox even when cancelled, and `update` decides whether it still matters.
    private func start(_ slot: Slot, _ operation: @escaping @Sendable () async -> DashboardMessage?) {
        let mailbox = mailbox
        tasks[slot]?.cancel()
        tasks[slot] = Task.detached {
            if let answer = await operation() { mailbox.post(answer) }
        }
    }

    private func startWatchingStore() {
        let environment = environment, mailbox = mailbox
        tasks[.watch] = Task.detached { await environment.watchStore { mailbox.post(.storeChanged) } }
    }

    /// The only timer: it ticks while a load or an export runs, to animate the status line,
    /// and stops as soon as nothing does.
    private func animateWhileBusy() {
        if state.isBusy, tasks[.ticker] == nil {
            let mailbox = mailbox
            tasks[.ticker] = Task.detached {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(DashboardActivity.tickMilliseconds))
                    if !Task.isCancelled { mailbox.post(.tick) }
                }
            }
        } else if !state.isBusy {
            tasks.removeValue(forKey: .ticker)?.cancel()
        }
    }
}
