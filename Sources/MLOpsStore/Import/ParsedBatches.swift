import Foundation
import Synchronization

/// A file's records read and checked on a second thread, handed to the writer in batches
/// and in file order: reading and checking rows overlaps SQLite's writing of the rows
/// before them, so an import uses a second core when it has one.
///
/// What the writer sees is what reading on its own thread would give: the same rows in
/// the same order, then the error that stopped reading (after the rows before it), or the
/// end. The batches' buffers are reused, so no row allocates.
final class ParsedBatches: @unchecked Sendable {
    /// Up to `capacity` rows; `records[i]` and `values[i]` for `i < count`.
    final class Batch: @unchecked Sendable {
        var records: [RawRecord]
        var values: [FieldValues]
        var count = 0
        /// Set on the last batch: reading stopped here, by the end of the file or this error.
        var isLast = false
        var error: (any Error)?
        /// How far through the file reading was once `sampleRow` rows were read, when this
        /// batch holds that row.
        var progressAtSample: (consumed: Int, total: Int?)?

        init(capacity: Int, record: RawRecord, values: FieldValues) {
            records = Array(repeating: record, count: capacity)
            self.values = Array(repeating: values, count: capacity)
        }
    }

    static let batchRows = 512
    static let batchCount = 3

    // Only the reading thread touches these until it has stopped.
    private var source: RecordSource
    private let parser: RowParser
    private let sampleRow: Int

    private let filled = Mutex<[Batch]>([])
    private let emptied = Mutex<[Batch]>([])
    private let filledCount = DispatchSemaphore(value: 0)
    private let emptiedCount = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)

    /// Starts reading `source` on a thread of its own.
    init(source: RecordSource, parser: RowParser, sampleRow: Int) {
        self.source = source
        self.parser = parser
        self.sampleRow = sampleRow
        for _ in 0..<Self.batchCount {
            let batch = Batch(capacity: Self.batchRows, record: source.makeRecord(), values: FieldValues(schema: source.schema))
            emptied.withLock { $0.append(batch) }
            emptiedCount.signal()
        }
        let thread = Thread { [self] in read() }
        // Room for the parsers' deepest calls, as on the main thread.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch in file order; give it back with `recycle` once its rows are written.
    func next() -> Batch {
        filledCount.wait()
        return filled.withLock { $0.removeFirst() }
    }

    func recycle(_ batch: Batch) {
        emptied.withLock { $0.append(batch) }
        emptiedCount.signal()
    }

    /// Tells the reading thread to stop; call it once, whatever happened. It does not wait:
    /// a thread blocked reading a pipe that stays open would otherwise hold back the error
    /// that stopped the import. The thread owns the source and this object until it ends,
    /// and the writer no longer touches the batches.
    func stop() {
        cancelled.store(true, ordering: .relaxed)
        emptiedCount.signal()
    }

    private func read() {
        var rows = 0
        while true {
            emptiedCount.wait()
            if cancelled.load(ordering: .relaxed) { return }
            let batch = emptied.withLock { $0.removeFirst() }
            batch.count = 0
            batch.progressAtSample = nil
            do {
                while batch.count < batch.records.count {
                    guard try source.next(into: &batch.records[batch.count]) else {
                        batch.isLast = true
                        break
                    }
                    try parser.parse(&batch.records[batch.count], into: &batch.values[batch.count])
                    batch.count += 1
                    rows += 1
                    if rows == sampleRow { batch.progressAtSample = source.progress }
                    if cancelled.load(ordering: .relaxed) { return }
                }
            } catch {
                batch.error = error
                batch.isLast = true
            }
            filled.withLock { $0.append(batch) }
            filledCount.signal()
            if batch.isLast { return }
        }
    }
}
