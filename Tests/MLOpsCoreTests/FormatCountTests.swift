import MLOpsCore
import Testing

/// Counts read as English: one noun singular, any other number plural.
@Suite struct FormatCountTests {
    @Test func singularOnlyForOne() {
        #expect(Format.count(1, "rollback") == "1 rollback")
        #expect(Format.count(0, "rollback") == "0 rollbacks")
        #expect(Format.count(2, "open incident") == "2 open incidents")
        #expect(Format.count(1, "SLO breach", plural: "SLO breaches") == "1 SLO breach")
        #expect(Format.count(3, "SLO breach", plural: "SLO breaches") == "3 SLO breaches")
    }
}
