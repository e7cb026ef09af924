import MLOpsCore

/// What the reading commands (`summary`, `report`, `check`) need of a store, whichever
/// engine holds it: metric inputs, subject names, data health and record pages.
public protocol ReadableStore: AnyObject, Sendable {
    /// The store's metric inputs, computed where its data lives.
    var metricsInputs: any MetricsSource { get }
    /// The file or address that names the store in messages (never a password).
    var displayName: String { get }
    func dataHealth() throws -> DataHealth
    func subjectNames() throws -> (teams: [String], models: [String])
    func recordPage(_ r: RecordPageRequest) throws -> RecordPage
    func schemaVersion() throws -> Int
    /// A number that changes when another process commits to the store.
    func dataVersion() throws -> Int64
    /// A store that cannot change while it is open (a file on read-only media): nothing to watch.
    var isImmutable: Bool { get }
}

extension ReadableStore {
    /// Every metric for a window, computed from the store's records at `now`.
    public func snapshot(window spec: WindowSpec, now: Instant, filter: SubjectFilter = .organisation,
                         configuration: MetricsConfiguration = MetricsConfiguration()) throws -> PlatformSnapshot {
        try PlatformSnapshot.compute(source: metricsInputs, query: MetricsQuery(spec: spec, now: now, filter: filter, configuration: configuration))
    }
}

extension Store: ReadableStore {
    public var metricsInputs: any MetricsSource { metricsSource }
    public var displayName: String { path }
}

extension PostgresStore: ReadableStore {
    public var metricsInputs: any MetricsSource { metricsSource }
    public var displayName: String { location.description }
    public var isImmutable: Bool { false }
}
