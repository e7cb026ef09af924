/// One terminal cell: a character and its style.
///
/// A wide character (CJK, emoji) is stored in its first cell; the cell to its
/// right is marked `isContinuation` so the backend skips it and text extraction
/// does not print it twice.
public struct Cell: Equatable, Hashable, Sendable {
    public var character: Character
    public var style: Style
    public var isContinuation: Bool

    public init(_ character: Character = " ", style: Style = .text, isContinuation: Bool = false) {
        self.character = character
        self.style = style
        self.isContinuation = isContinuation
    }

    public init(character: Character, style: Style = .text) {
        self.init(character, style: style)
    }

    /// An empty cell in the text role.
    public static let blank = Cell(" ")

    /// The right half of a wide character.
    public static func continuation(style: Style) -> Cell {
        Cell(" ", style: style, isContinuation: true)
    }
}
