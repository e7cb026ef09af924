@testable import MLOpsReport
import Testing

/// The report's weekly charts draw the weeks a quarter cuts short apart from whole weeks.
@Suite struct PartialWeekChartTests {
    @Test func weeksCutByTheQuarterAreTheFirstAndTheLast() {
        // 2026-Q3 runs Wednesday 1 July to Wednesday 30 September: the weeks of 29 June and
        // 28 September lie partly outside it; the week of 6 July is whole.
        let q3 = QuarterlyReport.Period(label: "2026-Q3", firstDay: "2026-07-01", lastDay: "2026-09-30")
        #expect(HTMLReport.partialWeeks(["2026-06-29", "2026-07-06", "2026-09-21", "2026-09-28"], q3) == [0, 3])
        let q4 = QuarterlyReport.Period(label: "2025-Q4", firstDay: "2025-10-01", lastDay: "2025-12-31")
        #expect(HTMLReport.partialWeeks(["2025-12-22", "2025-12-29"], q4) == [1])
    }

    @Test func partialBarsAreLighterAndNamed() {
        let svg = SVGChart.bars(title: "t", yLabel: "y", labels: ["a", "b"], values: [4, 1], format: { "\($0)" }, partial: [1])
        #expect(svg.components(separatedBy: "fill-opacity=\"0.35\"").count == 2)
        #expect(svg.contains("b: 1.0 (partial week)") && !svg.contains("a: 4.0 (partial week)"))
        #expect(svg.contains("a week the quarter cuts short"))
        let whole = SVGChart.bars(title: "t", yLabel: "y", labels: ["a", "b"], values: [4, 1], format: { "\($0)" })
        #expect(!whole.contains("partial week") && !whole.contains("cuts short"))
    }
}
