import MLOpsCore

/// Small inline SVG charts for the HTML report: no scripts, no fonts beyond the page's,
/// colours from `SVGChart.Palette` (print-friendly: light background, dark ink).
enum SVGChart {
    enum Palette {
        static let ink = "#1f2933", muted = "#6b7785", grid = "#d9dee3"
        static let primary = "#2f6db5", secondary = "#9bb7d9", warn = "#c0392b", ok = "#2e8b57"
    }

    static let width = 720.0, height = 240.0
    static let left = 56.0, right = 16.0, top = 28.0, bottom = 44.0
    static var plotWidth: Double { width - left - right }
    static var plotHeight: Double { height - top - bottom }

    /// A bar per label. `reference` draws a dashed horizontal line (e.g. a cap).
    /// Bars per label; bars in `partial` (a week the period starts or ends inside) are drawn
    /// lighter and outlined, so a short week does not read as a collapse.
    static func bars(title: String, yLabel: String, labels: [String], values: [Double?], maxValue: Double? = nil,
                     format: (Double) -> String, reference: (value: Double, label: String)? = nil, partial: Set<Int> = []) -> String {
        let top = max(maxValue ?? 0, values.compactMap { $0 }.max() ?? 0, reference?.value ?? 0, 1e-9)
        let yMax = niceCeiling(top)
        var out = open(title: title)
        out += axes(yLabel: yLabel, yMax: yMax, format: format)
        let slot = plotWidth / Double(max(labels.count, 1))
        for (i, v) in values.enumerated() {
            let x = left + Double(i) * slot + slot * 0.15
            if let v {
                let h = v / yMax * plotHeight
                if partial.contains(i) {
                    out += "<rect x=\"\(n(x))\" y=\"\(n(Self.top + plotHeight - h))\" width=\"\(n(slot * 0.7))\" height=\"\(n(h))\" fill=\"\(Palette.primary)\" fill-opacity=\"0.35\" stroke=\"\(Palette.primary)\" stroke-dasharray=\"3 2\"><title>\(HTMLReport.escape(labels[i])): \(HTMLReport.escape(format(v))) (partial week)</title></rect>"
                } else {
                    out += rect(x: x, y: Self.top + plotHeight - h, w: slot * 0.7, h: h, fill: Palette.primary, tip: "\(labels[i]): \(format(v))")
                }
                if labels.count <= 16 {
                    out += text(x: x + slot * 0.35, y: Self.top + plotHeight - h - 4, format(v), anchor: "middle", size: 10, fill: Palette.ink)
                }
            }
        }
        out += xLabels(labels, slot: slot)
        if let reference { out += referenceLine(reference.value, yMax: yMax, label: reference.label) }
        if !partial.isEmpty { out += partialNote() }
        return out + "</svg>"
    }

    /// A line through the points; `reference` draws a dashed horizontal line; points in
    /// `partial` are hollow and the line to them dashed.
    static func line(title: String, yLabel: String, labels: [String], values: [Double?], maxValue: Double? = nil,
                     format: (Double) -> String, reference: (value: Double, label: String)? = nil, partial: Set<Int> = []) -> String {
        let top = max(maxValue ?? 0, values.compactMap { $0 }.max() ?? 0, reference?.value ?? 0, 1e-9)
        let yMax = niceCeiling(top)
        var out = open(title: title)
        out += axes(yLabel: yLabel, yMax: yMax, format: format)
        let slot = plotWidth / Double(max(labels.count, 1))
        let points = values.enumerated().compactMap { i, v in
            v.map { (x: left + Double(i) * slot + slot / 2, y: Self.top + plotHeight - $0 / yMax * plotHeight, v: $0, i: i) }
        }
        for (a, b) in zip(points, points.dropFirst()) {
            let dashed = partial.contains(a.i) || partial.contains(b.i) ? " stroke-dasharray=\"4 3\"" : ""
            out += "<line x1=\"\(n(a.x))\" y1=\"\(n(a.y))\" x2=\"\(n(b.x))\" y2=\"\(n(b.y))\" stroke=\"\(Palette.primary)\" stroke-width=\"2\"\(dashed)/>"
        }
        for p in points {
            let fill = partial.contains(p.i) ? "#ffffff\" stroke=\"\(Palette.primary)\" stroke-width=\"1.5" : Palette.primary
            let note = partial.contains(p.i) ? " (partial week)" : ""
            out += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"3\" fill=\"\(fill)\"><title>\(HTMLReport.escape(labels[p.i])): \(HTMLReport.escape(format(p.v)))\(note)</title></circle>"
        }
        out += xLabels(labels, slot: slot)
        if let reference { out += referenceLine(reference.value, yMax: yMax, label: reference.label) }
        if !partial.isEmpty { out += partialNote() }
        return out + "</svg>"
    }

    /// The note under a chart whose first or last week lies partly outside the period.
    static func partialNote() -> String {
        text(x: left + plotWidth, y: 14, "lighter / dashed: a week the quarter cuts short", anchor: "end", size: 10, fill: Palette.muted)
    }

    /// Bars with a budget marker per label (a short dark line across each bar's slot) and a legend.
    static func barsWithBudget(title: String, yLabel: String, labels: [String], values: [Double], budgets: [Double?],
                               format: (Double) -> String) -> String {
        let top = max(values.max() ?? 0, budgets.compactMap { $0 }.max() ?? 0, 1e-9)
        let yMax = niceCeiling(top)
        var out = open(title: title)
        out += axes(yLabel: yLabel, yMax: yMax, format: format)
        let slot = plotWidth / Double(max(labels.count, 1))
        var budgetPoints: [(Double, Double)] = []
        for (i, v) in values.enumerated() {
            let x = left + Double(i) * slot + slot * 0.2
            let h = v / yMax * plotHeight
            let over = budgets[i].map { v > $0 } ?? false
            out += rect(x: x, y: Self.top + plotHeight - h, w: slot * 0.6, h: h, fill: over ? Palette.warn : Palette.primary,
                        tip: "\(labels[i]): \(format(v))")
            out += text(x: x + slot * 0.3, y: Self.top + plotHeight - h - 4, format(v), anchor: "middle", size: 10, fill: Palette.ink)
            if let b = budgets[i] {
                budgetPoints.append((left + Double(i) * slot + slot / 2, Self.top + plotHeight - b / yMax * plotHeight))
            }
        }
        if budgetPoints.count > 1 {
            // A step line: each month's budget across its slot.
            var d = ""
            for (i, p) in budgetPoints.enumerated() {
                d += "\(i == 0 ? "M" : "L")\(n(p.0 - slot / 2)),\(n(p.1)) L\(n(p.0 + slot / 2)),\(n(p.1)) "
            }
            out += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(Palette.ink)\" stroke-width=\"2\" stroke-dasharray=\"6 3\"/>"
        }
        out += xLabels(labels, slot: slot)
        out += legend([(Palette.primary, "spend"), (Palette.warn, "spend over budget"), (Palette.ink, "budget (dashed)")])
        return out + "</svg>"
    }

    /// Paired bars per label for two series (e.g. maturity at quarter start and end), y from 0 to `maxValue`.
    static func pairedBars(title: String, yLabel: String, labels: [String], first: [Double?], second: [Double?], names: (String, String),
                           maxValue: Double, format: (Double) -> String) -> String {
        var out = open(title: title)
        out += axes(yLabel: yLabel, yMax: maxValue, format: format, ticks: Int(maxValue))
        let slot = plotWidth / Double(max(labels.count, 1))
        for i in labels.indices {
            for (j, series) in [first, second].enumerated() {
                let x = left + Double(i) * slot + slot * (0.15 + 0.35 * Double(j))
                let fill = j == 0 ? Palette.secondary : Palette.primary
                guard let v = series[i] else {
                    out += text(x: x + slot * 0.175, y: top + plotHeight - 4, "n/a", anchor: "middle", size: 10, fill: Palette.muted)
                    continue
                }
                let h = max(v / maxValue * plotHeight, 2)
                out += rect(x: x, y: top + plotHeight - h, w: slot * 0.32, h: h, fill: fill,
                            tip: "\(labels[i]) \(j == 0 ? names.0 : names.1): \(format(v))")
                out += text(x: x + slot * 0.16, y: top + plotHeight - h - 4, format(v), anchor: "middle", size: 10, fill: Palette.ink)
            }
        }
        out += xLabels(labels, slot: slot)
        out += legend([(Palette.secondary, names.0), (Palette.primary, names.1)])
        return out + "</svg>"
    }

    // MARK: - Pieces

    static func open(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"\(HTMLReport.escape(title))\" class=\"chart\">"
            + "<title>\(HTMLReport.escape(title))</title>"
            + text(x: left, y: 16, title, anchor: "start", size: 13, fill: Palette.ink, weight: "600")
    }

    static func axes(yLabel: String, yMax: Double, format: (Double) -> String, ticks: Int? = nil) -> String {
        var out = ""
        let ticks = ticks ?? niceTicks(yMax)
        for t in 0...ticks {
            let v = yMax * Double(t) / Double(ticks)
            let y = top + plotHeight - Double(t) / Double(ticks) * plotHeight
            out += "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(width - right))\" y2=\"\(n(y))\" stroke=\"\(Palette.grid)\" stroke-width=\"1\"/>"
            out += text(x: left - 6, y: y + 4, format(v), anchor: "end", size: 10, fill: Palette.muted)
        }
        out += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(top + plotHeight))\" stroke=\"\(Palette.muted)\" stroke-width=\"1\"/>"
        out += "<text x=\"12\" y=\"\(n(top + plotHeight / 2))\" text-anchor=\"middle\" font-size=\"10\" fill=\"\(Palette.muted)\" transform=\"rotate(-90 12 \(n(top + plotHeight / 2)))\">\(HTMLReport.escape(yLabel))</text>"
        return out
    }

    static func xLabels(_ labels: [String], slot: Double) -> String {
        let step = labels.count > 16 ? 2 : 1
        var out = ""
        for (i, l) in labels.enumerated() where i % step == 0 {
            out += text(x: left + Double(i) * slot + slot / 2, y: top + plotHeight + 16, l, anchor: "middle", size: 10, fill: Palette.muted)
        }
        return out
    }

    static func referenceLine(_ value: Double, yMax: Double, label: String) -> String {
        let y = top + plotHeight - value / yMax * plotHeight
        return "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(width - right))\" y2=\"\(n(y))\" stroke=\"\(Palette.warn)\" stroke-width=\"1.5\" stroke-dasharray=\"6 3\"/>"
            + text(x: width - right - 4, y: y - 5, label, anchor: "end", size: 10, fill: Palette.warn)
    }

    static func legend(_ items: [(String, String)]) -> String {
        var out = "", x = left
        let y = height - 10
        for (colour, name) in items {
            out += "<rect x=\"\(n(x))\" y=\"\(n(y - 9))\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            out += text(x: x + 14, y: y, name, anchor: "start", size: 10, fill: Palette.ink)
            x += 24 + Double(name.count) * 6
        }
        return out
    }

    static func rect(x: Double, y: Double, w: Double, h: Double, fill: String, tip: String) -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(max(h, 0)))\" fill=\"\(fill)\"><title>\(HTMLReport.escape(tip))</title></rect>"
    }

    static func text(x: Double, y: Double, _ s: String, anchor: String, size: Int, fill: String, weight: String = "400") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" font-weight=\"\(weight)\" fill=\"\(fill)\">\(HTMLReport.escape(s))</text>"
    }

    /// A round number at or above `v` for the y axis: 1, 2, 2.5 or 5 × a power of ten.
    static func niceCeiling(_ v: Double) -> Double {
        guard v > 0 else { return 1 }
        var p = 1.0
        while p * 10 <= v { p *= 10 }
        while p > v { p /= 10 }
        for m in [1.0, 2, 2.5, 5, 10] where m * p >= v { return m * p }
        return 10 * p
    }

    /// Tick count that gives round steps for a `niceCeiling` maximum: 10 → 5 (steps of 2), 2 → 4, 2.5 → 5.
    static func niceTicks(_ yMax: Double) -> Int {
        var m = yMax
        while m >= 10 { m /= 10 }
        while m < 1 { m *= 10 }
        return abs(m - 2) < 1e-9 ? 4 : 5
    }

    /// Coordinates with one decimal, so the SVG is stable and small.
    static func n(_ v: Double) -> String { Format.fixed(v, 1) }
}
