import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore
import TerminalNcurses
import TerminalUI

/// The event loop: keys and store changes become messages, effects become I/O, and the
/// view is blitted through ncurses. Everything else is pure and lives in MLOpsDash.
struct DashboardRunner {
    let loader: DashboardLoader
    let themes: [String: Theme]
    static let autoRefreshing = "refreshing: the store changed…"

    func run(_ initial: DashboardState) throws {
        var state = initial
        let background = BackgroundLoader(loader: loader)
        let backend = NcursesBackend(colorMode: ProcessInfo.processInfo.environment["NO_COLOR"].map { $0.isEmpty ? .auto : .none } ?? .auto)
        NcursesBackend.installSignalRestorer()
        defer { backend.shutdown() }
        var lastVersion = (try? loader.store.dataVersion()) ?? 0
        var lastPoll = Date()
        var lastBuffer: ScreenBuffer?
        while !state.wantsQuit {
            let size = backend.size
            let buffer = DashboardView.render(state, width: size.width, height: size.height)
            if buffer != lastBuffer {
                backend.draw(buffer, theme: themes[state.themeName] ?? Theme.standard)
                lastBuffer = buffer
            }
            if let message = background.take(for: state) {
                _ = DashboardUpdate.update(&state, message)
                if !background.isBusy && state.loadError == nil {
                    if state.status == Self.autoRefreshing { state.status = "refreshed: the store changed" }
                    else if state.status?.hasPrefix("loading") == true || state.status == "refreshing…" { state.status = nil }
                }
                continue
            }
            // Poll faster while a load runs, so its result shows as soon as it is ready.
            if let key = backend.readKey(timeoutMilliseconds: background.isBusy ? 50 : 250) {
                if key == .resize { lastBuffer = nil; continue }
                for effect in DashboardUpdate.update(&state, .key(key)) { perform(effect, &state, buffer, background) }
                if background.isBusy && state.status == nil { state.status = "loading…" }
            }
            // Another process importing changes data_version; reload within a second.
            if Date().timeIntervalSince(lastPoll) >= 1 {
                lastPoll = Date()
                if let v = try? loader.store.dataVersion(), v != lastVersion {
                    lastVersion = v
                    state.status = Self.autoRefreshing
                    perform(.reload, &state, buffer, background)
                }
            }
        }
    }

    func perform(_ effect: DashboardEffect, _ state: inout DashboardState, _ buffer: ScreenBuffer, _ background: BackgroundLoader) {
        switch effect {
        case .reload:
            // The current data stays on screen, and keys keep working, until the new data arrives.
            background.request(state)
        case .saveScreen:
            let stamp = loader.clock().iso8601.replacingOccurrences(of: ":", with: "")
            let path = FileManager.default.currentDirectoryPath + "/mlops-dash-\(state.screen.title.lowercased().replacingOccurrences(of: " ", with: "-"))-\(stamp).txt"
            do {
                // Two saves in the same second keep both: `…-2.txt`.
                let written = try AtomicFile.writeToFreeName(Data(buffer.text().utf8), preferring: path)
                state.status = "saved screen to \(written)"
            } catch {
                state.status = "could not save: \(error.localizedDescription)"
            }
        case .loadPage(let request):
            // One bounded query (a count and a LIMIT over an index): quick enough to answer in place.
            for next in DashboardUpdate.update(&state, loader.page(request)) { perform(next, &state, buffer, background) }
        case .exportReport:
            state.status = ReportExport.export(state: state, loader: loader)
        case .quit:
            state.wantsQuit = true
        }
    }
}
