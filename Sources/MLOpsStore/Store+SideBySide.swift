import Dispatch
import GRDB
import Synchronization

extension Store {
    /// Runs each read in its own transaction, side by side on the cores when the store's
    /// reads can run beside each other (a read-only store's pool), and returns their results
    /// in order.
    ///
    /// The reads must see one state of the store, as one transaction would. SQLite here
    /// cannot pin one snapshot for several connections, so `data_version` is read before and
    /// after: when no other connection committed in between, every read saw the same
    /// state; when one did, the reads run again, in one transaction.
    public func readSideBySide<T: Sendable>(_ reads: [@Sendable (Database) throws -> T]) throws -> [T] {
        guard reader is DatabasePool, reads.count > 1 else { return try read { db in try reads.map { try $0(db) } } }
        let interruption = ReadInterruption.current
        let before = try dataVersion()
        let results = Mutex<[Int: Result<T, any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: reads.count) { i in
            let result = Result { try ReadInterruption.$current.withValue(interruption) { try self.read(reads[i]) } }
            results.withLock { $0[i] = result }
        }
        let done = results.withLock { $0 }
        let values = try (0..<reads.count).map { try done[$0]!.get() }
        guard try dataVersion() == before else { return try read { db in try reads.map { try $0(db) } } }
        return values
    }
}
