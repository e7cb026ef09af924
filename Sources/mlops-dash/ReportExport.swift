import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsReport
import MLOpsStore

/// `e` in the dashboard: the quarterly report (HTML) for the quarter being viewed, or the
/// last complete quarter when the window is not a quarter, written to the working directory
/// under a name no file has yet.
enum ReportExport {
    static func export(state: DashboardState, loader: DashboardLoader) -> String {
        let now = loader.clock()
        let quarter: Quarter
        switch state.window {
        case .quarter(let q): quarter = q
        default: quarter = Quarter(containing: now.day).previous
        }
        do {
            // Never replaces a file: an earlier export (or anything else) under the name keeps
            // it, and this one is written beside it as `…-2.html`.
            let path = try QuarterlyReportExporter.exportToFreeName(store: loader.store, quarter: quarter, team: state.filter.team, format: .html,
                                                                    directory: FileManager.default.currentDirectoryPath, now: now,
                                                                    configuration: loader.configuration)
            return "exported \(quarter) report to \(path)"
        } catch {
            return "export failed: \(error)"
        }
    }
}
