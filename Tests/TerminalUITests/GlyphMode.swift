import Foundation
import Testing
import TerminalUI

/// The two glyph sets every widget is snapshotted with.
enum GlyphMode: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case unicode, ascii

    var glyphs: GlyphSet { self == .unicode ? .unicode : .ascii }
    var testDescription: String { rawValue }
}

/// Renders `widget` into a `width`×`height` area surrounded by a one-cell margin.
///
/// Every cell starts as `x` (ratatui's trick), so cells the widget leaves
/// untouched show up, and the margin shows any drawing outside the area.
func renderWithMargin(_ widget: some Widget, width: Int, height: Int, glyphs: GlyphSet) -> ScreenBuffer {
    var buffer = ScreenBuffer(width: width + 2, height: height + 2, fill: "x")
    widget.render(into: &buffer, area: Rect(x: 1, y: 1, width: width, height: height), glyphs: glyphs)
    return buffer
}
