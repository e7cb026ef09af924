@testable import MLOpsCore
import Testing

@Suite struct TimeTests {
    @Test func parsesZonedTimestampsIntoUTC() {
        #expect(t("2026-10-01T11:30:00+02:00") == t("2026-10-01T09:30:00Z"))
        #expect(t("2026-10-01T04:00:00-05:30") == t("2026-10-01T09:30:00Z"))
        #expect(t("2026-10-01T09:30:00.250Z") == t("2026-10-01T09:30:00Z"))
        #expect(t("2026-10-01 09:30Z") == t("2026-10-01T09:30:00Z"))
        #expect(t("2026-10-01T00:30:00+0100").iso8601 == "2026-09-30T23:30:00Z")
        #expect(Instant(iso8601: "2026-10-01T09:30:00") == nil, "a timestamp without a zone is ambiguous")
        #expect(Instant(iso8601: "2026-13-01T09:30:00Z") == nil)
        #expect(Instant(iso8601: "2026-02-29T09:30:00Z") == nil, "2026 is not a leap year")
        #expect(Instant(iso8601: "2028-02-29T09:30:00Z") != nil)
    }

    @Test func daysRoundTripAndKnowTheirWeekday() {
        #expect(d("1970-01-01").daysSinceEpoch == 0)
        #expect(d("2026-11-18").iso8601 == "2026-11-18")
        #expect(d("2026-11-18").weekdayFromMonday == 2)  // a Wednesday
        #expect(d("2026-11-18").startOfWeek == d("2026-11-16"))
        #expect(d("1969-12-31").iso8601 == "1969-12-31")
        #expect(t("1969-12-31T23:00:00Z").day == d("1969-12-31"))
    }

    @Test func quartersAndMonths() {
        let q = Quarter("2026-q3")!
        #expect(q.firstDay == d("2026-07-01") && q.endDay == d("2026-10-01"))
        #expect(q.previous.description == "2026-Q2" && Quarter(year: 2026, quarter: 4).next.description == "2027-Q1")
        #expect(Quarter("2026-Q5") == nil && Quarter("26-Q1") == nil)
        #expect(Month("2026-02")!.dayCount == 28)
        #expect(BudgetPeriod("2026-Q4") == .quarter(Quarter(year: 2026, quarter: 4)))
    }

    @Test func windowsResolveAgainstNow() {
        let at = t("2026-11-18T09:00:00Z")
        #expect(WindowSpec("7d")!.resolve(now: at) == TimeWindow(start: t("2026-11-12T00:00:00Z"), end: t("2026-11-19T00:00:00Z")))
        #expect(WindowSpec("qtd")!.resolve(now: at).start == t("2026-10-01T00:00:00Z"))
        // QTD (49 days) compares with the first 49 days of Q3.
        #expect(WindowSpec("qtd")!.comparisonWindow(now: at) == TimeWindow(start: t("2026-07-01T00:00:00Z"), end: t("2026-08-19T00:00:00Z")))
        // On Q3's last day QTD is 92 days; Q2 has 91, so the comparison stops at Q2's end, not in Q3.
        #expect(WindowSpec("qtd")!.comparisonWindow(now: t("2026-09-30T12:00:00Z"))
                == TimeWindow(start: t("2026-04-01T00:00:00Z"), end: t("2026-07-01T00:00:00Z")))
        #expect(WindowSpec("pq")!.resolve(now: at) == Quarter(year: 2026, quarter: 3).window)
        #expect(WindowSpec("2026-Q3")!.comparisonWindow(now: at) == Quarter(year: 2026, quarter: 2).window)
        #expect(WindowSpec("2026-10-01..2026-10-03")!.resolve(now: at).days == [d("2026-10-01"), d("2026-10-02"), d("2026-10-03")])
        #expect(WindowSpec("0d") == nil && WindowSpec("soon") == nil && WindowSpec("2026-10-03..2026-10-01") == nil)
    }

    @Test func windowEdgesAreHalfOpen() {
        #expect(window.contains(t("2026-10-05T00:00:00Z")))
        #expect(!window.contains(t("2026-10-19T00:00:00Z")))
        #expect(window.contains(d("2026-10-18")) && !window.contains(d("2026-10-19")))
        #expect(window.weekStarts == [d("2026-10-05"), d("2026-10-12")])
        #expect(window.days.count == 14)
    }
}
