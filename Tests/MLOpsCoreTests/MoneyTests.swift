import MLOpsCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("1.005", 101), ("1.004", 100), ("1.0049999", 100), ("-1.005", -101), ("0.005", 1), ("-0.004", 0),
        ("12", 1200), ("12.", 1200), (".5", 50), ("+3.5e2", 35000), ("1.2345E1", 1235), ("-25.00", -2500), ("0", 0),
        ("2.675", 268), ("1234567.895", 123456790),
    ] as [(String, Int64)])
    func decimalTextRoundsHalfAwayFromZeroOnItsDigits(text: String, cents: Int64) {
        #expect(Money.cents(decimal: text) == cents)
    }

    @Test(arguments: ["", "-", "1,5", "abc", "nan", "inf", "1e", "1.2.3", " 1"])
    func notADecimalIsNil(text: String) {
        #expect(Money.cents(decimal: text) == nil)
    }

    @Test func storedCentsReadBackExactly() {
        // A stored amount is a whole number of cents, so reading it back is exact.
        #expect(Money.cents(Money.amount(268)) == 268)
        #expect(Money.cents(1.005) == 100)  // 1.005 × 100 is 100.4999… in binary: why amounts are never rounded from a double
    }

    @Test func allocationAddsUpToTheCharge() {
        // 10.00 over three equal days: 333.33… each; one cent left over goes to the first.
        #expect(Money.allocate(1000, shares: [1.0 / 3, 1.0 / 3, 1.0 / 3]) == [334, 333, 333])
        // 1.00 over 1/6 and 5/6: 16.67 and 83.33 → 17 and 83.
        #expect(Money.allocate(100, shares: [1.0 / 6, 5.0 / 6]) == [17, 83])
        // A credit splits the same way, negated.
        #expect(Money.allocate(-1000, shares: [1.0 / 3, 1.0 / 3, 1.0 / 3]) == [-334, -333, -333])
        #expect(Money.allocate(7, shares: [1]) == [7])
    }
}
