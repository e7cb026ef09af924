import MLOpsCore
import TerminalUI

/// What happens to the dashboard: a key, or data arriving from the edge.
public enum DashboardMessage: Sendable {
    case key(Key)
    case loaded(DashboardData)
    case loadFailed(String)
    /// A drill-down's page of records arrived.
    case pageLoaded(RecordPage)
    case pageFailed(RecordPageRequest, String)
    case status(String)
}

/// What the dashboard asks the edge to do; `update` itself does no I/O.
public enum DashboardEffect: Sendable, Equatable {
    /// Load data for the state's window and filter.
    case reload
    /// Read one page of records for a drill-down.
    case loadPage(RecordPageRequest)
    /// Write the current screen as plain text to a file and report where.
    case saveScreen
    /// Export the quarterly report for the quarter being viewed.
    case exportReport
    case quit
}
