@testable import MLOpsCore
import Testing

@Suite struct StatisticsTests {
    @Test func medianOfOddAndEvenCounts() {
        #expect(Statistics.median([5, 1, 3]) == 3)
        #expect(Statistics.median([4, 1, 3, 2]) == 2.5)
        #expect(Statistics.median([7]) == 7)
        #expect(Statistics.median([]) == nil)
    }

    @Test func percentileInterpolatesBetweenRanks() {
        // rank = 0.9 × (4 − 1) = 2.7 → 12 + 0.7 × (24 − 12)
        #expect(close(Statistics.percentile([2, 24, 12, 6], 0.9), 20.4))
        #expect(Statistics.percentile([1, 2, 3], 0) == 1)
        #expect(Statistics.percentile([1, 2, 3], 1) == 3)
    }

    @Test func medianAbsoluteDeviation() {
        // median 3; deviations 2,1,0,1,6 → median 1
        #expect(Statistics.medianAbsoluteDeviation([1, 2, 3, 4, 9]) == 1)
        #expect(Statistics.medianAbsoluteDeviation([]) == nil)
    }

    @Test func ratioOfNothingIsNoData() {
        #expect(Statistics.ratio(0, 0) == nil)
        #expect(Statistics.ratio(1, 4) == 0.25)
    }
}
