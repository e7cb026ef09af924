import MLOpsCore

/// The effect performers the runner calls: every bit of I/O the dashboard does is behind
/// one of these async closures, so tests and benchmarks substitute their own.
///
/// Each runs in a task of its own; the runner cancels a load when a newer one supersedes
/// it, and cancels everything when the dashboard quits.
public struct DashboardEnvironment: Sendable {
    /// Loads the dashboard's data for a request, in the stage asked for; throws
    /// `CancellationError` once cancelled. Data with every part ends the load at once.
    public var load: @Sendable (LoadRequest, LoadStage) async throws -> DashboardData
    /// Reads one page of records for a drill-down.
    public var page: @Sendable (RecordPageRequest) async throws -> RecordPage
    /// Runs until cancelled, calling `changed` each time another process commits to the store.
    public var watchStore: @Sendable (_ changed: @escaping @Sendable () -> Void) async -> Void
    /// Exports the quarterly report; returns what the status line says (where it went, or why not).
    public var export: @Sendable (ExportRequest) async -> String
    /// Writes the screen's text to a file; returns what the status line says.
    public var saveScreen: @Sendable (_ text: String, _ screen: Screen) async -> String

    public init(load: @escaping @Sendable (LoadRequest, LoadStage) async throws -> DashboardData,
                page: @escaping @Sendable (RecordPageRequest) async throws -> RecordPage = { _ in throw EffectFailure.failed("no records here") },
                watchStore: @escaping @Sendable (_ changed: @escaping @Sendable () -> Void) async -> Void = { _ in },
                export: @escaping @Sendable (ExportRequest) async -> String = { _ in "export is not available here" },
                saveScreen: @escaping @Sendable (_ text: String, _ screen: Screen) async -> String = { _, _ in "saving is not available here" }) {
        self.load = load
        self.page = page
        self.watchStore = watchStore
        self.export = export
        self.saveScreen = saveScreen
    }
}
