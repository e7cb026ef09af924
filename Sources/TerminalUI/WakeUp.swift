#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Lets another thread end a backend's wait for keys: a self-pipe.
///
/// The event loop sleeps in `poll` on the terminal and on this pipe, so it wakes for a
/// key, a resize (the signal interrupts `poll`) or a message from a task, and for
/// nothing else: an idle dashboard costs no CPU.
///
/// ```swift
/// let wake = WakeUp()
/// Task { let data = try await load(); mailbox.post(data); wake.signal() }
/// let ready = wake.wait(orReadable: STDIN_FILENO)
/// ```
public final class WakeUp: Sendable {
    private let readEnd: Int32
    private let writeEnd: Int32

    /// What ended a wait.
    public struct Reason: Sendable, Equatable {
        /// `signal()` was called since the last wait.
        public var woken: Bool
        /// The watched descriptor has input (or the wait was interrupted by a signal, such as a resize).
        public var input: Bool
    }

    public init() {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { fatalError("WakeUp: pipe() failed: errno \(errno)") }
        readEnd = fds[0]
        writeEnd = fds[1]
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// The end of the pipe a wait watches; another `WakeUp` can watch it as its input.
    public var fileDescriptor: Int32 { readEnd }

    /// Ends the current (or next) wait; safe from any thread, never blocks.
    public func signal() {
        var byte: UInt8 = 1
        // A full pipe already holds a wake-up, so a failed write loses nothing.
        _ = write(writeEnd, &byte, 1)
    }

    /// Sleeps until `signal()` is called, `fd` has input, or a signal interrupts the
    /// wait; `timeoutMilliseconds` negative waits without limit.
    public func wait(orReadable fd: Int32? = nil, timeoutMilliseconds: Int32 = -1) -> Reason {
        var fds = [pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)]
        if let fd { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
        let result = poll(&fds, nfds_t(fds.count), timeoutMilliseconds)
        if result < 0 {
            // EINTR: SIGWINCH and friends; let the caller look for what the signal left behind.
            return Reason(woken: drain(), input: true)
        }
        let woken = fds[0].revents != 0 && drain()
        let input = fds.count > 1 && fds[1].revents != 0
        return Reason(woken: woken, input: input)
    }

    /// Empties the pipe; true if it held a wake-up.
    @discardableResult
    private func drain() -> Bool {
        var bytes = [UInt8](repeating: 0, count: 64)
        var any = false
        while read(readEnd, &bytes, bytes.count) > 0 { any = true }
        return any
    }
}
