import GRDB
import GRDBSQLite
import Synchronization

/// Cancels a store's reads from another thread: the reads already running stop at their
/// next step (`sqlite3_interrupt`), and later ones do not start.
///
/// Synchronous store calls cannot see a Swift task's cancellation, so the caller binds an
/// interruption for the work and cancels it when its task is cancelled:
///
/// ```swift
/// let interruption = ReadInterruption()
/// try await withTaskCancellationHandler {
///     try ReadInterruption.$current.withValue(interruption) { try store.metricsSource.input(for: query) }
/// } onCancel: { interruption.cancel() }
/// ```
///
/// Every read under it then throws `CancellationError` once it is cancelled.
public final class ReadInterruption: Sendable {
    /// The interruption reads made on this thread or task answer to, if any.
    @TaskLocal public static var current: ReadInterruption?

    /// A connection handle as the cancelling thread sees it; only passed to sqlite3_interrupt,
    /// which SQLite documents as safe to call from any thread.
    private struct Connection: @unchecked Sendable, Equatable {
        var handle: OpaquePointer
    }

    private struct Reads {
        var cancelled = false
        var running: [Connection] = []
    }

    private let reads = Mutex(Reads())

    public init() {}

    public var isCancelled: Bool { reads.withLock { $0.cancelled } }

    /// Stops the running reads and refuses new ones.
    public func cancel() {
        reads.withLock { reads in
            reads.cancelled = true
            for connection in reads.running { sqlite3_interrupt(connection.handle) }
        }
    }

    /// Runs one read on `db`, interruptible by `cancel()`.
    func during<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        guard let handle = db.sqliteConnection else { return try body() }
        let connection = Connection(handle: handle)
        try reads.withLock { reads in
            if reads.cancelled { throw CancellationError() }
            reads.running.append(connection)
        }
        defer { reads.withLock { $0.running.removeAll { $0 == connection } } }
        do {
            return try body()
        } catch {
            if isCancelled { throw CancellationError() }
            throw error
        }
    }
}
