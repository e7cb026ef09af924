import MLOpsDash
import Testing

/// `--screen` takes a screen's number or its name, as a user would type either.
@Suite struct ScreenNamesTests {
    @Test func numbersAndNamesPickTheSameScreen() {
        #expect(Screen.named("4") == .maturity && Screen.named("maturity") == .maturity && Screen.named("Maturity") == .maturity)
        #expect(Screen.named("9") == .dataHealth && Screen.named("health") == .dataHealth && Screen.named("Data health") == .dataHealth)
        #expect(Screen.named("data-health") == .dataHealth)
        #expect(Screen.named("8") == .triage && Screen.named("on-call triage") == .triage && Screen.named("TRIAGE") == .triage)
        for screen in Screen.allCases {
            #expect(Screen.named(String(screen.rawValue)) == screen)
            #expect(screen.names.allSatisfy { Screen.named($0) == screen })
        }
    }

    @Test func anythingElseIsNoScreen() {
        #expect(Screen.named("0") == nil && Screen.named("10") == nil && Screen.named("") == nil)
        #expect(Screen.named("maturit") == nil && Screen.named("data") == nil && Screen.named("-1") == nil)
    }
}
