/// A table with its rows filtered and sorted for one cursor, kept in the model so that a
/// key which only moves the selection does not filter or sort again.
public struct ArrangedTable: Sendable, Equatable {
    /// The filter and sort the rows were arranged for; the selection is not part of it.
    struct Arrangement: Sendable, Equatable {
        var filter: String
        var sortColumn: Int?
        var ascending: Bool

        init(_ cursor: TableCursor) {
            filter = cursor.filter
            sortColumn = cursor.sortColumn
            ascending = cursor.ascending
        }
    }

    public let table: DataTable
    /// The rows as the cursor's filter and sort arrange them.
    public private(set) var rows: [DataTable.Row]
    private(set) var arrangement: Arrangement

    public init(_ table: DataTable, cursor: TableCursor = TableCursor()) {
        self.table = table
        arrangement = Arrangement(cursor)
        rows = table.arranged(filter: cursor.filter, sortColumn: cursor.sortColumn, ascending: cursor.ascending)
    }

    /// Arranges the rows again only if the cursor's filter or sort differs from theirs.
    public mutating func arrange(for cursor: TableCursor) {
        guard Arrangement(cursor) != arrangement else { return }
        self = ArrangedTable(table, cursor: cursor)
    }

    /// This table arranged for `cursor`: itself when it already is.
    public func arranged(for cursor: TableCursor) -> ArrangedTable {
        var copy = self
        copy.arrange(for: cursor)
        return copy
    }
}
