/// A key press, decoded from whatever the terminal sent.
public enum Key: Equatable, Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab, backspace, delete
    /// F1 … F12 as `function(1)` … `function(12)`.
    case function(Int)
    /// Ctrl plus a letter, lower-cased: Ctrl-S is `.control("s")`.
    case control(Character)
    /// The terminal changed size; redraw at the backend's new `size`.
    case resize
}
