import TerminalUI

/// Wide terminals: a screen's table in a left column that fills the height, its other
/// panels (lists, charts, gauges, a preview) stacked in a right column.
///
/// The rule: at least 160 columns and 40 rows. The table's column is as wide as its columns
/// need, never narrower than the 80 columns every table is laid out for, and never so wide
/// that the side column gets less than 40% of the width or `sideMinimumWidth` (72), which is
/// at least every side panel's `minimumWidth`; the side column takes the rest. So at 160
/// columns the split is 80–88 | 72–80, at 200 it is 80–120 | 80–120 (a narrow table leaves
/// 120 columns to the charts). Anything smaller keeps the one-column layout, and so does a
/// screen whose table must not be cut for the side column (`mainMinimum`: the on-call table's
/// detail and next step, at 160 columns) when it and 72 columns beside it do not fit.
enum TwoColumnLayout {
    static let minimumSize = (width: 160, height: 40)
    static let mainMinimumWidth = 80
    static let sideMinimumWidth = 72
    static let sideMinimumShare = 40  // percent of the width

    /// `mainMinimum` is only worked out on a terminal big enough for two columns.
    static func applies(to area: Rect, mainMinimum: @autoclosure () -> Int = mainMinimumWidth) -> Bool {
        area.width >= minimumSize.width && area.height >= minimumSize.height && area.width - sideMinimumWidth >= mainMinimum()
    }

    /// The least the side column gets: 40% of the width, and never under `sideMinimumWidth`.
    static func sideWidth(_ area: Rect) -> Int { max(sideMinimumWidth, area.width * sideMinimumShare / 100) }

    /// The main column on the left, `mainNeeds` wide within the limits (a `mainMinimum` above
    /// 80 may take from the side column's 40%, not from its 72), and the side column on the right.
    static func columns(_ area: Rect, mainNeeds: Int, mainMinimum: Int = mainMinimumWidth) -> (main: Rect, side: Rect) {
        let main = max(min(max(mainNeeds, mainMinimumWidth), area.width - sideWidth(area)), min(mainMinimum, area.width - sideMinimumWidth))
        let parts = area.splitHorizontally(widths: [main, -1])
        return (parts[0], parts[1])
    }

    /// The side column's panels one above the other, together filling `area`.
    ///
    /// Each panel gets its minimum height first; then a panel with a content height grows to
    /// it (while a chart waits for room, at most to two thirds of the column: 20 teams' bars
    /// fit whole at 160×48), and the charts, whose height is open, share what is left. With no
    /// chart, the last panel takes the rest.
    static func stack(_ panels: [SidePanel], in area: Rect) -> [Rect] {
        guard !panels.isEmpty else { return [] }
        var heights = panels.map(\.minimumHeight)
        var left = area.height - heights.reduce(0, +)
        let growing = panels.indices.filter { panels[$0].contentHeight == nil }
        let cap = growing.isEmpty ? area.height : area.height * 2 / 3
        for i in panels.indices {
            guard let content = panels[i].contentHeight, left > 0 else { continue }
            let grow = max(0, min(max(content, heights[i]), cap) - heights[i])
            heights[i] += min(grow, left)
            left -= min(grow, left)
        }
        if left > 0 {
            let takers = growing.isEmpty ? [panels.count - 1] : growing
            for (n, i) in takers.enumerated() { heights[i] += left / takers.count + (n < left % takers.count ? 1 : 0) }
        }
        return area.splitVertically(heights: heights)
    }
}

/// A panel of the side column: how much room it needs and how it draws itself there.
struct SidePanel {
    /// What it shows, as its title says it (for tests and failure messages).
    var name: String
    /// The narrowest it stays readable: a chart's labels and some points, a list's text.
    var minimumWidth: Int
    var minimumHeight: Int
    /// The rows its content needs, borders included; nil for a chart, which grows with the room.
    var contentHeight: Int?
    var draw: (inout ScreenBuffer, Rect) -> Void
}
