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

    func run(_ initial: DashboardState) throws {
        var state = initial
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
            if let key = backend.readKey(timeoutMilliseconds: 250) {
                if key == .resize { lastBuffer = nil; continue }
                for effect in DashboardUpdate.update(&state, .key(key)) { perform(effect, &state, buffer) }
            }
            // Another process importing changes data_version; reload within a second.
            if Date().timeIntervalSince(lastPoll) >= 1 {
                lastPoll = Date()
                if let v = try? loader.store.dataVersion(), v != lastVersion {
                    lastVersion = v
                    perform(.reload, &state, buffer)
                    if state.loadError == nil { state.status = "refreshed: the store changed" }
                }
            }
        }
    }

    func perform(_ effect: DashboardEffect, _ state: inout DashboardState, _ buffer: ScreenBuffer) {
        switch effect {
        case .reload:
            do {
                _ = DashboardUpdate.update(&state, try loader.load(state))
                if state.status?.hasPrefix("loading") == true || state.status == "refreshing…" { state.status = nil }
            } catch {
                _ = DashboardUpdate.update(&state, .loadFailed("\(error)"))
            }
        case .saveScreen:
            let stamp = loader.clock().iso8601.replacingOccurrences(of: ":", with: "")
            let path = FileManager.default.currentDirectoryPath + "/mlops-dash-\(state.screen.title.lowercased().replacingOccurrences(of: " ", with: "-"))-\(stamp).txt"
            do {
                try AtomicFile.write(Data(buffer.text().utf8), to: path)
                state.status = "saved screen to \(path)"
            } catch {
                state.status = "could not save: \(error.localizedDescription)"
            }
        case .exportReport:
            state.status = ReportExport.export(state: state, loader: loader)
        case .quit:
            state.wantsQuit = true
        }
    }
}
