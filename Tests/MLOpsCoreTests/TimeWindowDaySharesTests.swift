import MLOpsCore
import Testing

@Suite struct TimeWindowDaySharesTests {
    private func window(_ start: String, _ end: String) -> TimeWindow {
        TimeWindow(start: Instant(iso8601: start)!, end: Instant(iso8601: end)!)
    }

    @Test func aWholeDayIsOneShare() {
        let shares = window("2026-10-01T00:00:00Z", "2026-10-02T00:00:00Z").dayShares
        #expect(shares.map(\.day) == [Day(year: 2026, month: 10, day: 1)])
        #expect(shares.map(\.share) == [1])
    }

    @Test func aPartialFirstDayGetsItsHours() {
        // 12 h on the 1st, 24 h on the 2nd: 12/36 and 24/36.
        let shares = window("2026-10-01T12:00:00Z", "2026-10-03T00:00:00Z").dayShares
        #expect(shares.map(\.day) == [Day(year: 2026, month: 10, day: 1), Day(year: 2026, month: 10, day: 2)])
        #expect(abs(shares[0].share - 1.0 / 3) < 1e-12)
        #expect(abs(shares[1].share - 2.0 / 3) < 1e-12)
    }

    @Test func aMonthSpreadsEvenlyOverItsDays() {
        let shares = window("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z").dayShares
        #expect(shares.count == 30)
        #expect(shares.allSatisfy { abs($0.share - 1.0 / 30) < 1e-12 })
        #expect(shares.last?.day == Day(year: 2026, month: 9, day: 30))
    }

    @Test func anHourInsideOneDayStaysOnThatDay() {
        let shares = window("2026-10-05T13:00:00Z", "2026-10-05T14:00:00Z").dayShares
        #expect(shares.count == 1)
        #expect(shares[0].day == Day(year: 2026, month: 10, day: 5))
        #expect(shares[0].share == 1)
    }

    @Test func anEmptyWindowBelongsToItsStartDay() {
        let shares = window("2026-10-05T13:00:00Z", "2026-10-05T13:00:00Z").dayShares
        #expect(shares.map(\.day) == [Day(year: 2026, month: 10, day: 5)])
    }
}
