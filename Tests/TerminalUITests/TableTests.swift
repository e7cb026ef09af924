import SnapshotSupport
import Testing
import TerminalUI

@Suite struct TableTests {
    static let columns = [
        TableColumn(title: "Run", width: .flexible(min: 5)),
        TableColumn(title: "Status", width: .fixed(7)),
        TableColumn(title: "Cost", width: .fixed(6), alignment: .right),
    ]
    static let rows = (1...6).map { ["run-\($0)-experiment", $0 == 3 ? "failed" : "ok", "\($0 * 10).5"] }

    static func table(selected: Int? = 1, offset: Int = 0, sortColumn: Int? = 2, ascending: Bool = false) -> Table {
        Table(columns: columns, rows: rows, selectedRow: selected, scrollOffset: offset,
              sortColumn: sortColumn, sortAscending: ascending,
              rowStyles: rows.map { $0[1] == "failed" ? .critical : .text })
    }

    @Test(arguments: GlyphMode.allCases)
    func snapshot(mode: GlyphMode) {
        assertSnapshot(renderWithMargin(Self.table(), width: 30, height: 4, glyphs: mode.glyphs), named: "table-\(mode.rawValue)")
    }

    @Test func exactLayoutWithSortIndicatorAndTruncation() {
        var buffer = ScreenBuffer(width: 30, height: 4)
        Self.table().render(into: &buffer, area: buffer.area, glyphs: .unicode)
        // Run column: 30 - 2 gaps - 7 - 6 = 15 columns.
        #expect(buffer.lines() == [
            "Run             Status  Cost ▼",
            "run-1-experime… ok        10.5",
            "run-2-experime… ok        20.5",
            "run-3-experime… failed    30.5",
        ])
    }

    @Test func selectedRowAndRowStyles() {
        var buffer = ScreenBuffer(width: 30, height: 4)
        Self.table(selected: 1).render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer[0, 0].style == .header)
        #expect(buffer[29, 0].style == .header)
        #expect(buffer[0, 1].style == .text)
        // Selection covers the whole row, including column gaps.
        #expect(buffer[0, 2].style.role == .selection)
        #expect(buffer[14, 2].style.role == .selection)
        #expect(buffer[29, 2].style.role == .selection)
        #expect(buffer[0, 3].style == .critical)
    }

    @Test func scrolledRowsStartAtOffset() {
        var buffer = ScreenBuffer(width: 30, height: 3)
        Self.table(selected: nil, offset: 4, sortColumn: 0, ascending: true).render(into: &buffer, area: buffer.area, glyphs: .ascii)
        #expect(buffer.lines() == [
            "Run ^           Status    Cost",
            "run-5-experime~ ok        50.5",
            "run-6-experime~ ok        60.5",
        ])
    }

    @Test func sortIndicatorSurvivesNarrowColumn() {
        let table = Table(columns: [TableColumn(title: "Duration", width: .fixed(5))], rows: [], sortColumn: 0, sortAscending: true)
        var buffer = ScreenBuffer(width: 5, height: 1)
        table.render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer.text() == "Du… ▲")
    }

    @Test func emptyMessage() {
        let table = Table(columns: Self.columns, rows: [], emptyMessage: "no runs yet")
        var buffer = ScreenBuffer(width: 20, height: 3, fill: "x")
        table.render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer.lines()[1] == "no runs yetxxxxxxxxx")
        #expect(buffer.lines()[2] == "xxxxxxxxxxxxxxxxxxxx")
    }

    @Test func visibleRowCountLeavesRoomForHeader() {
        #expect(Table.visibleRowCount(area: Rect(x: 0, y: 0, width: 10, height: 5)) == 4)
        #expect(Table.visibleRowCount(area: Rect(x: 0, y: 0, width: 10, height: 0)) == 0)
        #expect(Table.visibleRowCount(area: Rect(x: 0, y: 0, width: 10, height: 5), showsHeader: false) == 5)
    }

    @Test func listWithoutHeaderStartsAtTheTop() {
        var table = Self.table(selected: 0, offset: 1)
        table.showsHeader = false
        var buffer = ScreenBuffer(width: 30, height: 3, fill: "x")
        table.render(into: &buffer, area: buffer.area, glyphs: .unicode)
        #expect(buffer.lines() == [
            "run-2-experime… ok        20.5",
            "run-3-experime… failed    30.5",
            "run-4-experime… ok        40.5",
        ])
        #expect(buffer[0, 1].style == .critical)
        let empty = Table(columns: Self.columns, rows: [], emptyMessage: "nothing", showsHeader: false)
        var small = ScreenBuffer(width: 10, height: 1, fill: "x")
        empty.render(into: &small, area: small.area, glyphs: .unicode)
        #expect(small.text() == "nothingxxx")
    }

    @Test func scrollOffsetKeepsSelectionVisible() {
        #expect(Table.scrollOffset(keeping: 2, current: 0, visible: 5) == 0)
        #expect(Table.scrollOffset(keeping: 7, current: 0, visible: 5) == 3)
        #expect(Table.scrollOffset(keeping: 1, current: 3, visible: 5) == 1)
        #expect(Table.scrollOffset(keeping: nil, current: 3, visible: 5) == 3)
        #expect(Table.scrollOffset(keeping: 0, current: 0, visible: 0) == 0)
        // With a row count the view never scrolls past the last row.
        #expect(Table.scrollOffset(keeping: 9, current: 8, visible: 5, rowCount: 10) == 5)
        #expect(Table.scrollOffset(keeping: nil, current: 8, visible: 5, rowCount: 3) == 0)
    }

    @Test func flexibleColumnsShareSpareWidth() {
        let table = Table(columns: [
            TableColumn(title: "a", width: .flexible(min: 2)),
            TableColumn(title: "b", width: .fixed(3)),
            TableColumn(title: "c", width: .flexible(min: 2)),
        ], rows: [])
        #expect(table.columnWidths(totalWidth: 12) == [4, 3, 3])
        #expect(table.columnWidths(totalWidth: 5) == [2, 2, 0])
    }
}
