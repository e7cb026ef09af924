/// Whether a change is good news; decides the colour of a delta, not its arrow.
///
/// Kept separate from `TrendDirection` because "up" is good for accuracy and
/// bad for latency: only the caller knows.
public enum Trend: Sendable, Equatable, Hashable {
    case better, worse, neutral

    /// The role a delta with this trend is drawn in.
    public var style: Style {
        switch self {
        case .better: return .ok
        case .worse: return .critical
        case .neutral: return .muted
        }
    }
}

/// Which way a value moved; decides the arrow glyph.
public enum TrendDirection: Sendable, Equatable, Hashable {
    case up, down, flat

    /// The arrow for this direction in the given glyph set.
    public func arrow(in glyphs: GlyphSet) -> Character {
        switch self {
        case .up: return glyphs.arrowUp
        case .down: return glyphs.arrowDown
        case .flat: return glyphs.arrowFlat
        }
    }
}
