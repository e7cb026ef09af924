/// The characters widgets draw with, so one switch moves the whole UI to plain ASCII.
///
/// ASCII mode exists for terminals and fonts without box-drawing or block glyphs
/// (and for logs/snapshots that must stay 7-bit).
public struct GlyphSet: Sendable, Equatable {
    // Box drawing.
    public var horizontal: Character
    public var vertical: Character
    public var topLeft: Character
    public var topRight: Character
    public var bottomLeft: Character
    public var bottomRight: Character
    /// Joins a horizontal rule to a left border (`├`).
    public var teeLeft: Character
    /// Joins a horizontal rule to a right border (`┤`).
    public var teeRight: Character

    /// Sparkline levels from lowest to highest; always 8 entries.
    public var sparkline: [Character]
    /// Shown where a series has no data.
    public var noData: Character

    /// A completely filled bar cell.
    public var barFull: Character
    /// Partially filled bar cells for 1/8 … 7/8; empty when the glyph set has none (bars then round to whole cells).
    public var barPartials: [Character]

    public var gaugeFilled: Character
    public var gaugeEmpty: Character

    public var arrowUp: Character
    public var arrowDown: Character
    public var arrowFlat: Character

    public var ellipsis: Character
    public var sortAscending: Character
    public var sortDescending: Character
    public var bullet: Character

    /// Vertical reference line in bar charts (budget, 50 % line…).
    public var marker: Character
    /// Horizontal threshold line in line charts.
    public var thresholdLine: Character
    /// Plot point used when `usesBraille` is false.
    public var chartPoint: Character
    /// Whether line charts plot with 2×4 braille dots per cell.
    public var usesBraille: Bool

    public init(
        horizontal: Character, vertical: Character,
        topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
        teeLeft: Character, teeRight: Character,
        sparkline: [Character], noData: Character,
        barFull: Character, barPartials: [Character],
        gaugeFilled: Character, gaugeEmpty: Character,
        arrowUp: Character, arrowDown: Character, arrowFlat: Character,
        ellipsis: Character, sortAscending: Character, sortDescending: Character, bullet: Character,
        marker: Character, thresholdLine: Character, chartPoint: Character, usesBraille: Bool
    ) {
        self.horizontal = horizontal
        self.vertical = vertical
        self.topLeft = topLeft
        self.topRight = topRight
        self.bottomLeft = bottomLeft
        self.bottomRight = bottomRight
        self.teeLeft = teeLeft
        self.teeRight = teeRight
        self.sparkline = sparkline
        self.noData = noData
        self.barFull = barFull
        self.barPartials = barPartials
        self.gaugeFilled = gaugeFilled
        self.gaugeEmpty = gaugeEmpty
        self.arrowUp = arrowUp
        self.arrowDown = arrowDown
        self.arrowFlat = arrowFlat
        self.ellipsis = ellipsis
        self.sortAscending = sortAscending
        self.sortDescending = sortDescending
        self.bullet = bullet
        self.marker = marker
        self.thresholdLine = thresholdLine
        self.chartPoint = chartPoint
        self.usesBraille = usesBraille
    }

    /// Box drawing, block elements and braille.
    public static let unicode = GlyphSet(
        horizontal: "─", vertical: "│",
        topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        teeLeft: "├", teeRight: "┤",
        sparkline: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], noData: "·",
        barFull: "█", barPartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"],
        gaugeFilled: "█", gaugeEmpty: "░",
        arrowUp: "▲", arrowDown: "▼", arrowFlat: "▶",
        ellipsis: "…", sortAscending: "▲", sortDescending: "▼", bullet: "•",
        marker: "┊", thresholdLine: "╌", chartPoint: "•", usesBraille: true
    )

    /// Printable 7-bit ASCII only. Sparkline levels: `_ . , - = + * #` (8 levels).
    public static let ascii = GlyphSet(
        horizontal: "-", vertical: "|",
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        teeLeft: "+", teeRight: "+",
        sparkline: ["_", ".", ",", "-", "=", "+", "*", "#"], noData: " ",
        barFull: "#", barPartials: [],
        gaugeFilled: "#", gaugeEmpty: ".",
        arrowUp: "^", arrowDown: "v", arrowFlat: "=",
        ellipsis: "~", sortAscending: "^", sortDescending: "v", bullet: "*",
        marker: "|", thresholdLine: "-", chartPoint: "*", usesBraille: false
    )
}
