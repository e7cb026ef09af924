/// Where text sits inside a column that is wider than the text.
public enum TextAlignment: Sendable, Equatable, Hashable {
    case left, right, center
}
