/// What the app needs from a terminal: a size, a way to show a buffer, and keys.
///
/// Kept minimal so tests can use a fake (`TestBackend`) and the curses code stays in one module.
public protocol TerminalBackend: AnyObject {
    /// Current size in columns and rows.
    var size: (width: Int, height: Int) { get }
    /// Puts `buffer` on screen using `theme` for colours.
    func draw(_ buffer: ScreenBuffer, theme: Theme)
    /// Waits up to `timeoutMilliseconds` (negative: forever) for a key; nil on timeout.
    func readKey(timeoutMilliseconds: Int) -> Key?
    /// Sleeps until keys arrive (a resize counts as `.resize`) or `wakeUp` is signalled,
    /// and returns every key that is ready, in order: possibly none, when only woken.
    ///
    /// The event loop's only wait: it must not return on a timer, so an idle app sleeps.
    func waitForKeys(orWakeUp wakeUp: WakeUp) -> [Key]
    /// Restores the terminal; safe to call more than once.
    func shutdown()
}
