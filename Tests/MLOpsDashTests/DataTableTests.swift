@testable import MLOpsDash
import Testing

@Suite struct DataTableTests {
    static let table = DataTable(title: "Models", columns: [.init("Model"), .init("p95", numeric: true)], rows: [
        .init(["b", "–"], sortKeys: [nil, nil]),
        .init(["a", "80"], sortKeys: [nil, 80]),
        .init(["c", "120"], sortKeys: [nil, 120]),
        .init(["d", "–"], sortKeys: [nil, nil]),
    ])

    @Test func rowsWithoutANumberSortLastInBothDirections() {
        #expect(Self.table.arranged(filter: "", sortColumn: 1, ascending: true).map { $0.cells[0] } == ["a", "c", "b", "d"])
        #expect(Self.table.arranged(filter: "", sortColumn: 1, ascending: false).map { $0.cells[0] } == ["c", "a", "b", "d"])
    }

    @Test func textColumnsSortByTextAndReverse() {
        #expect(Self.table.arranged(filter: "", sortColumn: 0, ascending: true).map { $0.cells[0] } == ["a", "b", "c", "d"])
        #expect(Self.table.arranged(filter: "", sortColumn: 0, ascending: false).map { $0.cells[0] } == ["d", "c", "b", "a"])
    }

    @Test func columnLettersEitherCase() {
        #expect(DataTable.columnLetter(0) == "A" && DataTable.columnLetter(4) == "E")
        #expect(DataTable.columnIndex(letter: "a") == 0 && DataTable.columnIndex(letter: "E") == 4)
        #expect(DataTable.columnIndex(letter: "1") == nil && DataTable.columnIndex(letter: "é") == nil)
        #expect(Self.table.columnLetterRange == "A–B")
        #expect(DataTable(list: "Things", rows: [], emptyMessage: "none").columnLetterRange == "A")
    }
}
