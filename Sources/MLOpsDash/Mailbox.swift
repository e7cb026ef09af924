import Synchronization
import TerminalUI

/// Where effect tasks leave their answers for the event loop, waking it as they do.
final class Mailbox: Sendable {
    let wakeUp = WakeUp()
    private let messages = Mutex<[DashboardMessage]>([])

    /// Safe from any thread or task.
    func post(_ message: DashboardMessage) {
        messages.withLock { $0.append(message) }
        wakeUp.signal()
    }

    /// Everything posted since the last call, oldest first.
    func take() -> [DashboardMessage] {
        messages.withLock { pending in
            defer { pending.removeAll() }
            return pending
        }
    }
}
