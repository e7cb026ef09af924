import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsStore
import TerminalUI

extension DashboardEnvironment {
    /// How often the store is asked whether another process has committed.
    static let storeWatchInterval: Duration = .seconds(1)

    /// The dashboard's real effects: the store, the report exporter and the file system.
    static func live(loader: DashboardLoader) -> DashboardEnvironment {
        DashboardEnvironment(
            load: { request, stage in
                try await BlockingWork.run { try loader.load(request, stage) }
            },
            page: { request in
                try await BlockingWork.run { try loader.store.recordPage(request) }
            },
            watchStore: { changed in
                let store = loader.store
                // An immutable store cannot change: nothing to watch.
                guard !store.isImmutable else { return }
                var seen = try? store.dataVersion()
                while !Task.isCancelled {
                    try? await Task.sleep(for: storeWatchInterval)
                    guard !Task.isCancelled, let version = try? store.dataVersion() else { continue }
                    if version != seen {
                        seen = version
                        changed()
                    }
                }
            },
            export: { request in
                let outcome = try? await BlockingWork.run {
                    ReportExport.export(state: DashboardState(window: request.window, filter: request.filter), loader: loader)
                }
                return outcome ?? "export cancelled"
            },
            saveScreen: { text, screen in
                let stamp = loader.clock().iso8601.replacingOccurrences(of: ":", with: "")
                let name = screen.title.lowercased().replacingOccurrences(of: " ", with: "-")
                let path = FileManager.default.currentDirectoryPath + "/mlops-dash-\(name)-\(stamp).txt"
                do {
                    // Two saves in the same second keep both: `…-2.txt`.
                    let written = try AtomicFile.writeToFreeName(Data(text.utf8), preferring: path)
                    return "saved screen to \(written)"
                } catch {
                    return "could not save: \(describe(error))"
                }
            })
    }
}

/// A load that failed with a reason already put into words.
private struct LoadFailure: Error, CustomStringConvertible {
    var description: String
}
