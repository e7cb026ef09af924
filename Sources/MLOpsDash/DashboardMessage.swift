import MLOpsCore
import TerminalUI

/// What happens to the dashboard: a key, or an answer from an effect the edge ran.
///
/// Every answer names the request it answers, so `DashboardUpdate.update` can tell a
/// current answer from one the user has already moved away from.
public enum DashboardMessage: Sendable {
    case key(Key)
    /// The event loop has drawn its first frame: ask for the first data.
    case launched
    /// Data installed directly, without a request (tests, benchmarks, a preloaded start).
    case loaded(DashboardData)
    /// A load has finished one phase of its work; shown in the status line.
    case loadProgress(LoadRequest, LoadPhase)
    /// The answer to `DashboardEffect.load`.
    case loadFinished(LoadRequest, Result<LoadedData, EffectFailure>)
    /// The request's data completed with every part, and the other screens' tables, after
    /// the screen on show was shown.
    case restLoaded(LoadRequest, LoadedData)
    /// The second read failed; the screen on show keeps its data.
    case restFailed(LoadRequest, String)
    case loadFailed(String)
    /// Another process committed to the store.
    case storeChanged
    /// The answer to `DashboardEffect.export`: where the report went, or why it did not.
    case exportFinished(ExportRequest, String)
    /// The answer to `DashboardEffect.saveScreen`.
    case screenSaved(String)
    /// The animation timer: it runs only while something is in progress.
    case tick
    /// A drill-down's page of records arrived.
    case pageLoaded(RecordPage)
    case pageFailed(RecordPageRequest, String)
    case status(String)
}

/// What the dashboard asks the edge to do; `update` itself does no I/O.
public enum DashboardEffect: Sendable, Equatable {
    /// Load data for a window and filter; supersedes (cancels) any load still running.
    case load(LoadRequest)
    /// Read the parts `data` lacks and build the other screens' tables. The runner starts it
    /// after drawing the frame that shows `data`, so that frame is not kept waiting by it.
    case loadRest(LoadRequest, DashboardData)
    /// Stop the running load; its answer, if one still comes, is dropped.
    case cancelLoad
    /// Read one page of records for a drill-down.
    case loadPage(RecordPageRequest)
    /// Write the current screen as plain text to a file and report where.
    case saveScreen
    /// Export the quarterly report for the quarter being viewed.
    case export(ExportRequest)
    case quit
}

/// Why an effect brought no result.
public enum EffectFailure: Error, Sendable, Equatable {
    /// Its task was cancelled: the user moved on, or asked to stop.
    case cancelled
    /// It failed; the text is for the status line.
    case failed(String)
}
