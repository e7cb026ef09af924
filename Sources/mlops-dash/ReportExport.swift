import Foundation
import MLOpsCore
import MLOpsDash
import MLOpsReport
import MLOpsStore

/// `e` in the dashboard: the quarter being viewed, written next to where it was started.
enum ReportExport {
    static func export(state: DashboardState, loader: DashboardLoader) -> String {
        guard let s = state.data?.snapshot else { return "nothing loaded to export" }
        let path = FileManager.default.currentDirectoryPath + "/mlops-summary-\(s.windowLabel.replacingOccurrences(of: " ", with: "-")).txt"
        do {
            try AtomicFile.write(Data(SummaryText.render(s).utf8), to: path)
            return "exported summary to \(path)"
        } catch {
            return "export failed: \(error.localizedDescription)"
        }
    }
}
