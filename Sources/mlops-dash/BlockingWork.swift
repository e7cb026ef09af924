import Foundation
import MLOpsStore

/// Long synchronous work (a store read, a report export) as an async call.
///
/// The work gets a thread of its own rather than one of the few threads Swift's task pool
/// has (two on a two-core machine), so a seconds-long read never starves the timer or
/// the store watch. Cancelling the calling task interrupts the work's store reads.
enum BlockingWork {
    static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        let interruption = ReadInterruption()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let thread = Thread {
                    continuation.resume(with: Result { try ReadInterruption.$current.withValue(interruption) { try work() } })
                }
                thread.stackSize = 8 << 20
                thread.start()
            }
        } onCancel: {
            interruption.cancel()
        }
    }
}
