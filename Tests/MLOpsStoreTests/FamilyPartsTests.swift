import MLOpsCore
import MLOpsSampleData
import Testing

/// Each metric family computed from its own parts (`MetricsParts.velocityParts` …), as a
/// screen's first stage computes it, equals the family the whole input gives: a part a
/// family reads but its list leaves out makes this fail.
@Suite struct FamilyPartsTests {
    @Test func eachFamilyFromItsOwnPartsEqualsItFromAll() throws {
        let org = SyntheticOrganisation(scale: .small, seed: 1, lastDay: Day(year: 2026, month: 11, day: 18))
        let twin = InMemoryMetricsSource(records: org.recordSet())
        // The last day, and two in the first months, when models were first shipped.
        let first = org.lastDay.advanced(by: 1 - org.scale.days)
        let nows = [org.lastDay.start.adding(hours: 17), first.advanced(by: 75).start.adding(hours: 9), first.advanced(by: 200).start]
        var running = 0, ideas = 0
        for (now, spec) in nows.flatMap({ now in [WindowSpec.lastDays(7), .lastDays(30), .lastDays(90), .quarterToDate, .previousQuarter].map { (now, $0) } }) {
            for filter in [SubjectFilter.organisation, SubjectFilter(team: org.teamName(0)), SubjectFilter(model: org.modelName(3))] {
                let q = MetricsQuery(spec: spec, now: now, filter: filter)
                let input = try twin.input(for: q), whole = PlatformSnapshot.compute(input, q)
                func own(_ parts: MetricsParts) -> PlatformSnapshot { PlatformSnapshot.compute(input.keeping(parts), q, parts: parts) }
                let label = "\(spec) at \(now.iso8601) \(filter)"
                #expect(own(.velocityParts).velocity == whole.velocity, "velocity \(label)")
                #expect(own(.maintenanceParts).maintenance == whole.maintenance, "maintenance \(label)")
                #expect(own(.maturityParts).maturity == whole.maturity, "maturity \(label)")
                #expect(own(.financeParts).finance == whole.finance, "finance \(label)")
                #expect(own(.productParts).product == whole.product, "product \(label)")
                #expect(own(.researchParts).research == whole.research, "research \(label)")
                #expect(own(.triageParts).triage == whole.triage, "triage \(label)")
                // Research reads it from the history; velocity computes it with its samples.
                #expect(whole.research.ideaToProductionMedianDays == whole.velocity.ideaToProductionMedianDays, "idea to production \(label)")
                // A second stage completes a first: the families the first computed are kept.
                for first in [MetricsParts.velocityParts.union(.maintenanceParts).union(.triageParts), .financeParts, .maturityParts, .researchParts] {
                    #expect(PlatformSnapshot.compute(input, q, parts: .all, earlier: (own(first), first)) == whole, "completing \(first.rawValue) \(label)")
                }
                running += whole.research.running
                if whole.research.ideaToProductionMedianDays.current != nil { ideas += 1 }
            }
        }
        // Some runs are still running at these times and some models first shipped in these
        // windows, so research's running count and idea-to-production are among what is compared.
        #expect(running > 0 && ideas > 0)
    }

    /// The families an earlier snapshot's parts sufficed for are taken from it, not computed
    /// again: given an empty input's snapshot as if read with velocity's parts, velocity and
    /// product come from it, and maturity, which needs more, is computed.
    @Test func aSecondStageTakesTheFamiliesItsFirstComputed() throws {
        let org = SyntheticOrganisation(scale: .small, seed: 1, lastDay: Day(year: 2026, month: 11, day: 18))
        let q = MetricsQuery(spec: .lastDays(30), now: org.lastDay.start.adding(hours: 17))
        let input = try InMemoryMetricsSource(records: org.recordSet()).input(for: q)
        let whole = PlatformSnapshot.compute(input, q), empty = PlatformSnapshot.compute(.empty, q)
        #expect(empty.velocity != whole.velocity && empty.maturity != whole.maturity)
        let completed = PlatformSnapshot.compute(input, q, parts: .all, earlier: (empty, .velocityParts))
        #expect(completed.velocity == empty.velocity && completed.product == empty.product)
        #expect(completed.maturity == whole.maturity && completed.finance == whole.finance)
    }
}
