#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A terminal that exists only in memory, for driving an event loop in tests and benchmarks.
///
/// Another thread `send`s keys and `resize`s it; it keeps every frame drawn, with the
/// number of keys delivered before it, so a test can wait for "the frame after that key".
///
/// ```swift
/// let terminal = TestBackend(width: 80, height: 24)
/// terminal.send(.character("j"))
/// let frame = terminal.waitForFrame { $0.text().contains("Teams") }
/// ```
public final class TestBackend: TerminalBackend, Sendable {
    /// One drawn frame and how many keys had been handed to the loop when it was drawn.
    public struct Frame: Sendable {
        public var buffer: ScreenBuffer
        public var keysDelivered: Int
        public var themeName: String
    }

    private struct Terminal {
        var size: (width: Int, height: Int)
        var pending: [Key] = []
        var delivered = 0
        /// Keys the loop had delivered when it last came back to wait: those it has finished with.
        var handled = 0
        var frames: [Frame] = []
        var isShutDown = false
    }

    private let terminal: Mutex<Terminal>
    private let keysArrived = WakeUp()
    /// Keeps only the newest frames, so a long benchmark does not hold every buffer.
    private let keptFrames: Int

    public init(width: Int, height: Int, keptFrames: Int = 64) {
        terminal = Mutex(Terminal(size: (width, height)))
        self.keptFrames = keptFrames
    }

    // MARK: - The test's side

    /// Queues keys as if typed; the loop receives them on its next wait.
    public func send(_ keys: Key...) { send(keys) }

    public func send(_ keys: [Key]) {
        terminal.withLock { $0.pending += keys }
        keysArrived.signal()
    }

    /// Changes the size and queues `.resize`, as a terminal does on SIGWINCH.
    public func resize(width: Int, height: Int) {
        terminal.withLock { $0.size = (width, height); $0.pending.append(.resize) }
        keysArrived.signal()
    }

    /// Every frame kept so far, oldest first.
    public var frames: [Frame] { terminal.withLock { $0.frames } }

    /// How many frames have been drawn (kept or not).
    public var frameCount: Int { terminal.withLock { t in t.frames.count } }

    public var lastFrame: ScreenBuffer? { terminal.withLock { $0.frames.last?.buffer } }

    /// How many keys the loop has taken from the queue.
    public var keysDelivered: Int { terminal.withLock { $0.delivered } }

    /// How many keys the loop has finished with: it took them, updated, drew if the frame
    /// changed, and came back to wait.
    public var keysHandled: Int { terminal.withLock { $0.handled } }

    /// Waits until the loop has finished with `keys` keys; false after `timeoutSeconds`.
    public func waitUntilHandled(keys: Int, timeoutSeconds: Double = 10) -> Bool {
        let deadline = TestBackend.monotonicSeconds() + timeoutSeconds
        while keysHandled < keys {
            if TestBackend.monotonicSeconds() > deadline { return false }
            usleep(200)
        }
        return true
    }

    public var isShutDown: Bool { terminal.withLock { $0.isShutDown } }

    /// Waits (polling every millisecond) for a frame drawn after `keys` keys were delivered
    /// that satisfies `predicate`; nil after `timeoutSeconds`.
    public func waitForFrame(afterKeys keys: Int = 0, timeoutSeconds: Double = 10,
                             _ predicate: (ScreenBuffer) -> Bool = { _ in true }) -> ScreenBuffer? {
        let deadline = TestBackend.monotonicSeconds() + timeoutSeconds
        repeat {
            let match = terminal.withLock { t in t.frames.last { $0.keysDelivered >= keys && predicate($0.buffer) }?.buffer }
            if let match { return match }
            usleep(1000)
        } while TestBackend.monotonicSeconds() < deadline
        return nil
    }

    /// Seconds on a clock that never jumps, for timing key → frame.
    public static func monotonicSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    // MARK: - TerminalBackend

    public var size: (width: Int, height: Int) { terminal.withLock { $0.size } }

    public func draw(_ buffer: ScreenBuffer, theme: Theme) {
        terminal.withLock { t in
            t.frames.append(Frame(buffer: buffer, keysDelivered: t.delivered, themeName: theme.name))
            if t.frames.count > keptFrames { t.frames.removeFirst(t.frames.count - keptFrames) }
        }
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if let key = takeKeys(limit: 1).first { return key }
        guard timeoutMilliseconds != 0 else { return nil }
        _ = keysArrived.wait(timeoutMilliseconds: Int32(clamping: timeoutMilliseconds))
        return takeKeys(limit: 1).first
    }

    public func waitForKeys(orWakeUp wakeUp: WakeUp) -> [Key] {
        terminal.withLock { $0.handled = $0.delivered }
        while true {
            let keys = takeKeys(limit: Int.max)
            if !keys.isEmpty { return keys }
            let reason = wakeUp.wait(orReadable: keysArrived.fileDescriptor)
            if reason.input { _ = keysArrived.wait(timeoutMilliseconds: 0) }
            if reason.woken { return takeKeys(limit: Int.max) }
        }
    }

    public func shutdown() { terminal.withLock { $0.isShutDown = true } }

    private func takeKeys(limit: Int) -> [Key] {
        terminal.withLock { t in
            let keys = Array(t.pending.prefix(limit))
            t.pending.removeFirst(keys.count)
            t.delivered += keys.count
            return keys
        }
    }
}
