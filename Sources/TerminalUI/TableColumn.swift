/// How wide a table column is.
public enum TableColumnWidth: Sendable, Equatable, Hashable {
    /// Exactly this many columns.
    case fixed(Int)
    /// At least `min` columns; flexible columns share whatever fixed columns leave.
    case flexible(min: Int)
}

/// A table column's header, width rule and alignment.
public struct TableColumn: Sendable, Equatable {
    public var title: String
    public var width: TableColumnWidth
    public var alignment: TextAlignment

    public init(title: String, width: TableColumnWidth, alignment: TextAlignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}
