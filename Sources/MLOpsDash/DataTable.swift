import MLOpsCore

/// A table of rows a user can select, sort, filter and drill into; every screen has one.
public struct DataTable: Sendable, Equatable {
    public struct Column: Sendable, Equatable {
        public var title: String
        public var width: Int?          // nil: flexible
        public var numeric: Bool

        public init(_ title: String, width: Int? = nil, numeric: Bool = false) {
            self.title = title
            self.width = width
            self.numeric = numeric
        }
    }

    /// What Enter on a row opens.
    public indirect enum Drill: Sendable, Equatable {
        case table(DataTable)
        case fields(title: String, [(String, String)])
        /// Records too many to hold: the edge reads a page of them when the row is opened.
        case query(RecordPageRequest)

        public static func == (a: Drill, b: Drill) -> Bool {
            switch (a, b) {
            case let (.table(x), .table(y)): return x == y
            case let (.fields(t1, f1), .fields(t2, f2)): return t1 == t2 && f1.map { $0.0 + "\u{0}" + $0.1 } == f2.map { $0.0 + "\u{0}" + $0.1 }
            case let (.query(x), .query(y)): return x == y
            default: return false
            }
        }
    }

    public struct Row: Sendable, Equatable {
        public var cells: [String]
        /// Numbers behind numeric cells, for sorting by value rather than by text.
        public var sortKeys: [Double?]
        public var urgency: AttentionItem.Urgency?
        public var drill: Drill?

        public init(_ cells: [String], sortKeys: [Double?] = [], urgency: AttentionItem.Urgency? = nil, drill: Drill? = nil) {
            self.cells = cells
            self.sortKeys = sortKeys
            self.urgency = urgency
            self.drill = drill
        }
    }

    public var title: String
    public var columns: [Column]
    public var rows: [Row]
    public var emptyMessage: String
    /// A list beside a screen's table: drawn without a header row, and its title carries no row count.
    public var isList = false

    public init(title: String, columns: [Column], rows: [Row], emptyMessage: String = "no data") {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.emptyMessage = emptyMessage
    }

    /// A one-column list of lines, each a row that can be selected and drilled into.
    public init(list title: String, rows: [Row], emptyMessage: String) {
        self.init(title: title, columns: [Column(title)], rows: rows, emptyMessage: emptyMessage)
        isList = true
    }

    /// The rows as the user arranged them: filtered by text, then sorted.
    public func arranged(filter: String, sortColumn: Int?, ascending: Bool) -> [Row] {
        var out = rows
        if !filter.isEmpty {
            let needle = filter.lowercased()
            out = out.filter { $0.cells.contains { $0.lowercased().contains(needle) } }
        }
        if let c = sortColumn, c < columns.count {
            out = out.enumerated().sorted { a, b in
                let ka = a.element.sortKeys.count > c ? a.element.sortKeys[c] : nil
                let kb = b.element.sortKeys.count > c ? b.element.sortKeys[c] : nil
                // Rows without a number ("–") go last whichever the direction: a reversed sort shows the largest first.
                if ka != nil, kb == nil { return true }
                if ka == nil, kb != nil { return false }
                let ordered: Bool?
                if let x = ka, let y = kb, x != y { ordered = x < y }
                else if ka == nil, kb == nil, a.element.cells[c] != b.element.cells[c] { ordered = a.element.cells[c] < b.element.cells[c] }
                else { ordered = nil }
                guard let o = ordered else { return a.offset < b.offset }  // stable
                return ascending ? o : !o
            }.map(\.element)
        }
        return out
    }
}

// MARK: - Column letters

extension DataTable {
    /// `A` for the first column, `B` for the second, …: what `S` and a letter sort by.
    public static func columnLetter(_ index: Int) -> Character {
        Character(UnicodeScalar(UInt8(ascii: "A") + UInt8(index % 26)))
    }

    /// The column a letter names, either case: `a` and `A` are 0.
    public static func columnIndex(letter: Character) -> Int? {
        guard let ascii = letter.uppercased().first?.asciiValue, ascii >= UInt8(ascii: "A"), ascii <= UInt8(ascii: "Z") else { return nil }
        return Int(ascii - UInt8(ascii: "A"))
    }

    /// The letters this table's columns answer to: `A–F`, or `A` for a list.
    public var columnLetterRange: String {
        columns.count > 1 ? "A–\(DataTable.columnLetter(columns.count - 1))" : "A"
    }
}
