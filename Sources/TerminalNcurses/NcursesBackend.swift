#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import TerminalUI

// Read from the signal handler and atexit hook, which cannot capture context.
// Written only on the main thread around initscr/endwin.
nonisolated(unsafe) private var cursesActive = false

/// Restores the terminal if curses is still active; safe to call repeatedly.
private func restoreTerminal() {
    if cursesActive {
        cursesActive = false
        endwin()
    }
}

/// A `TerminalBackend` on top of ncursesw.
///
/// Only cells that changed since the previous frame are sent, and the screen is
/// updated once per frame (`wnoutrefresh` + `doupdate`), so redraws do not flicker.
public final class NcursesBackend: TerminalBackend {
    /// Whether colours may be used at all.
    public enum ColorMode: Sendable {
        /// Colours when the terminal has them and `NO_COLOR` is unset or empty.
        case auto
        /// Attributes (bold/reverse/underline) only.
        case none
    }

    /// True when colour pairs are in use.
    public private(set) var colorsEnabled = false
    private var colorCount = 0
    private var hasDefaultColors = false
    private var previous: ScreenBuffer?
    private var currentTheme: Theme?
    private var isShutDown = false

    public init(colorMode: ColorMode = .auto) {
        _ = cn_setlocale_all()
        initscr()
        cursesActive = true
        cbreak()
        noecho()
        nonl()
        NcursesBackend.disableFlowControl()
        _ = cn_keypad(true)
        curs_set(0)
        // The default one-second delay makes Esc feel broken; 25 ms still catches arrow-key sequences.
        _ = cn_set_escdelay(25)
        if colorMode == .auto, has_colors(), !NcursesBackend.noColorRequested() {
            start_color()
            hasDefaultColors = use_default_colors() == CN_OK
            colorCount = Int(cn_colors())
            colorsEnabled = Int(cn_color_pairs()) > ThemeRole.allCases.count
        }
    }

    deinit {
        shutdown()
    }

    /// Installs handlers for SIGHUP, SIGINT, SIGQUIT and SIGTERM and an `atexit` hook that
    /// restore the terminal: keypad, cursor, alternate screen and tty modes as they were.
    ///
    /// The handlers call `endwin` and exit with 128 + the signal (129 for a closed terminal
    /// window or a dropped ssh connection, 130 for Ctrl-C, 131, 143). `endwin` is not
    /// formally async-signal-safe, but it is what ncurses programs conventionally do, and
    /// a terminal left in raw mode with the cursor hidden is the worse outcome.
    public static func installSignalRestorer() {
        let handler: @convention(c) (Int32) -> Void = { signal in
            restoreTerminal()
            _exit(128 + signal)
        }
        for signalNumber in restoringSignals { signal(signalNumber, handler) }
        atexit { restoreTerminal() }
    }

    /// The signals that end the dashboard and give the terminal back first.
    static let restoringSignals: [Int32] = [SIGHUP, SIGINT, SIGQUIT, SIGTERM]

    /// Turns off XON/XOFF flow control (IXON) in the program's tty mode, so Ctrl-S reaches
    /// the app (it saves the screen) instead of freezing the output until Ctrl-Q.
    ///
    /// `cbreak` keeps IXON as the shell had it, and `raw` would also turn off Ctrl-C.
    /// `def_prog_mode` records the change as curses' program mode; `endwin` still restores
    /// the shell's mode, flow control included.
    static func disableFlowControl() {
        var mode = termios()
        guard tcgetattr(STDIN_FILENO, &mode) == 0 else { return }
        mode.c_iflag &= ~tcflag_t(IXON)
        guard tcsetattr(STDIN_FILENO, TCSANOW, &mode) == 0 else { return }
        def_prog_mode()
    }

    private static func noColorRequested() -> Bool {
        guard let value = getenv("NO_COLOR") else { return false }
        return value.pointee != 0
    }

    public var size: (width: Int, height: Int) {
        (Int(cn_getmaxx()), Int(cn_getmaxy()))
    }

    public func draw(_ buffer: ScreenBuffer, theme: Theme) {
        guard !isShutDown else { return }
        if theme != currentTheme {
            applyTheme(theme)
            currentTheme = theme
            previous = nil
        }
        if let previous, previous.width != buffer.width || previous.height != buffer.height {
            self.previous = nil
        }
        if previous == nil {
            // Clears only curses' virtual screen; doupdate still sends just the difference.
            _ = cn_werase()
        }
        for change in buffer.changes(from: previous) where !change.cell.isContinuation {
            let wide = change.x + 1 < buffer.width && buffer[change.x + 1, change.y].isContinuation
            put(change.cell, x: change.x, y: change.y, width: wide ? 2 : 1, theme: theme)
        }
        previous = buffer
        _ = cn_wnoutrefresh()
        doupdate()
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        guard !isShutDown else { return nil }
        cn_timeout(Int32(clamping: timeoutMilliseconds))
        return read().key
    }

    /// One `get_wch`: whether it returned input at all, and the key it decodes to (nil for
    /// input with no meaning here, such as an unknown function key).
    private func read() -> (gotInput: Bool, key: Key?) {
        var code: wint_t = 0
        let result = cn_get_wch(&code)
        if result == CN_KEY_CODE_YES {
            let key = NcursesBackend.functionKey(Int32(bitPattern: code))
            if key == .resize { previous = nil }
            return (true, key)
        }
        if result == CN_OK {
            return (true, NcursesBackend.characterKey(UInt32(code)))
        }
        return (false, nil)
    }

    public func waitForKeys(orWakeUp wakeUp: WakeUp) -> [Key] {
        guard !isShutDown else { return [] }
        // Keys curses has already read ahead (the tail of a paste) are taken without sleeping.
        var keys = drainKeys()
        guard keys.isEmpty else { return keys }
        // poll on the terminal and the wake-up pipe; a resize's SIGWINCH interrupts it (the
        // main thread takes process signals first), and curses then reports KEY_RESIZE.
        let reason = wakeUp.wait(orReadable: STDIN_FILENO)
        if reason.input {
            keys = drainKeys()
            // Input at its end (the terminal's side closed, or stdin is not a terminal) stays
            // readable with nothing to read: waiting on it would spin a core for ever. A
            // genuine wake-up without a key (half an escape sequence) does not repeat.
            emptyWakeUps = keys.isEmpty && NcursesBackend.inputHoldsNothing() ? emptyWakeUps + 1 : 0
            if emptyWakeUps >= NcursesBackend.closedInputWakeUps { NcursesBackend.endForClosedInput() }
        }
        return keys
    }

    /// Wake-ups in a row with input readable and nothing in it that mean it has ended.
    static let closedInputWakeUps = 20
    private var emptyWakeUps = 0

    /// No byte waits in the input (or it is not something that can say: /dev/null).
    private static func inputHoldsNothing() -> Bool {
        var waiting: Int32 = 0
        return ioctl(STDIN_FILENO, UInt(FIONREAD), &waiting) != 0 || waiting == 0
    }

    /// What a hang-up does (`installSignalRestorer`), with a word on stderr: the terminal
    /// given back, exit status 129.
    private static func endForClosedInput() -> Never {
        restoreTerminal()
        let message = "mlops-dash: the terminal's input has closed\n"
        _ = message.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        exit(129)
    }

    /// Every key ready now, without waiting.
    private func drainKeys() -> [Key] {
        cn_timeout(0)
        var keys: [Key] = []
        while true {
            let (gotInput, key) = read()
            guard gotInput else { return keys }
            if let key { keys.append(key) }
        }
    }

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        restoreTerminal()
    }

    // MARK: - Drawing

    private func put(_ cell: Cell, x: Int, y: Int, width: Int, theme: Theme) {
        let style = theme.effectiveStyle(cell.style, colorsAvailable: colorsEnabled)
        var attributes = cn_a_normal()
        if style.bold { attributes |= cn_a_bold() }
        if style.reverse { attributes |= cn_a_reverse() }
        if style.underline { attributes |= cn_a_underline() }
        let pair: Int16 = colorsEnabled ? NcursesBackend.pairNumber(for: style.role) : 0
        // Glyphs every terminal draws at the width the buffer assumed (ZWJ emoji, flags, ❤️).
        var glyphs = TerminalGlyphs.forCell(cell.character, width: width)
        if glyphs.count == 2, glyphs[1] == nil, let first = glyphs[0]?.unicodeScalars.first,
           cn_wcwidth(wchar_t(bitPattern: first.value)) != 2 {
            // The C library (and so curses) does not know this character as wide, e.g. an
            // emoji newer than its Unicode tables: cover the second column explicitly.
            glyphs[1] = " "
        }
        for (offset, glyph) in glyphs.enumerated() {
            guard let glyph else { continue }
            var wide = glyph.unicodeScalars.map { wchar_t(bitPattern: $0.value) }
            wide.append(0)
            if cn_mvadd_wstr_cell(Int32(y), Int32(x + offset), wide, attributes, pair) == CN_ERR, wide.count > 2 {
                _ = cn_mvadd_wstr_cell(Int32(y), Int32(x + offset), [wide[0], 0], attributes, pair)
            }
        }
    }

    private static func pairNumber(for role: ThemeRole) -> Int16 {
        Int16(ThemeRole.allCases.firstIndex(of: role)! + 1)
    }

    private func applyTheme(_ theme: Theme) {
        guard colorsEnabled else { return }
        for role in ThemeRole.allCases {
            let color = theme.color(for: role)
            var foreground = color.foreground.paletteIndex(colorCount: colorCount)
            var background = color.background.paletteIndex(colorCount: colorCount)
            if !hasDefaultColors {
                // Without use_default_colors, -1 is invalid; assume light-on-dark.
                if foreground < 0 { foreground = 7 }
                if background < 0 { background = 0 }
            }
            init_pair(NcursesBackend.pairNumber(for: role), Int16(foreground), Int16(background))
        }
    }

    // MARK: - Key decoding

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case CN_KEY_UP: return .up
        case CN_KEY_DOWN: return .down
        case CN_KEY_LEFT: return .left
        case CN_KEY_RIGHT: return .right
        case CN_KEY_NPAGE: return .pageDown
        case CN_KEY_PPAGE: return .pageUp
        case CN_KEY_HOME: return .home
        case CN_KEY_END: return .end
        case CN_KEY_ENTER: return .enter
        case CN_KEY_BTAB: return .backTab
        case CN_KEY_BACKSPACE: return .backspace
        case CN_KEY_DC: return .delete
        case CN_KEY_RESIZE: return .resize
        case (CN_KEY_F0 + 1)...(CN_KEY_F0 + 63): return .function(Int(code - CN_KEY_F0))
        default: return nil
        }
    }

    static func characterKey(_ code: UInt32) -> Key? {
        switch code {
        case 27: return .escape
        case 9: return .tab
        case 10, 13: return .enter
        case 127, 8: return .backspace
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(96 + code))))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 0x20 else { return nil }
            return .character(Character(scalar))
        }
    }
}
