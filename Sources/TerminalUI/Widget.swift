/// Something that can draw itself into a rectangle of a screen buffer.
///
/// Conformance is optional; it lets callers keep heterogeneous widgets in one list.
public protocol Widget {
    func render(into buffer: inout ScreenBuffer, area: Rect, glyphs: GlyphSet)
}
