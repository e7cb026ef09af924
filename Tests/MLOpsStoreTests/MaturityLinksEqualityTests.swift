@testable import MLOpsCore
import MLOpsSampleData
@testable import MLOpsStore
import Testing

/// The overview gathers every subject's maturity links in one pass over the records; each
/// subject assessed alone on its own share of the records (`RecordSet.partitioned()`) must
/// come out the same, also where records contradict each other: an incident of another
/// team blaming a deployment, monitoring signals filed by another team, serving days of a
/// model no team owns.
@Suite struct MaturityLinksEqualityTests {
    /// Each subject assessed on its own partition, its counts summed from the subject keys.
    static func assessedOneByOne(_ input: MetricsInput, _ q: MetricsQuery) -> MaturityOverview {
        let records = input.records, runs = input.runs, subjects = records.partitioned()
        func counts(_ keys: [SubjectKey: RunCounts], _ include: (SubjectKey) -> Bool) -> RunCounts {
            keys.filter { include($0.key) }.values.reduce(RunCounts(), +)
        }
        func assess(_ name: String, _ kind: MaturitySubjectKind, _ subject: RecordSet?, _ include: @escaping (SubjectKey) -> Bool) -> MaturityAssessment {
            let one = MaturitySubjectInput(records: subject ?? RecordSet(), window: counts(runs.window, include),
                                           monthly: runs.monthly.mapValues { counts($0, include) },
                                           producingRuns: runs.producingRuns, firstProduction: input.history.firstProduction)
            return MaturityAssessment.assess(subject: name, kind: kind, one, window: q.window,
                                             thresholds: q.configuration.maturityThresholds, historyMonths: q.historyMonths)
        }
        return MaturityOverview(
            organisation: assess("organisation", .organisation, records) { _ in true },
            teams: records.teamNames.map { t in assess(t, .team, subjects.byTeam[t]) { $0.team == t } },
            models: Set(records.models.map(\.name)).union(runs.models).sorted().map { m in assess(m, .model, subjects.byModel[m]) { $0.model == m } })
    }

    func expectSame(_ records: RecordSet, at now: Instant) throws {
        let twin = InMemoryMetricsSource(records: records)
        for spec in [WindowSpec.lastDays(30), .lastDays(90), .quarterToDate] {
            let q = MetricsQuery(spec: spec, now: now)
            let input = try twin.input(for: q)
            let together = MaturityOverview.compute(input, window: q.window, thresholds: q.configuration.maturityThresholds,
                                                    historyMonths: q.historyMonths)
            let alone = Self.assessedOneByOne(input, q)
            #expect(together.organisation == alone.organisation, "organisation, \(spec)")
            #expect(together.teams == alone.teams, "teams, \(spec)")
            #expect(together.models == alone.models, "models, \(spec)")
        }
    }

    /// Records that disagree about who owns what, added to a generated organisation.
    static func contradicting(_ records: RecordSet) -> RecordSet {
        var r = records
        let production = r.deployments.filter(\.isProduction)
        let teams = r.teamNames
        guard production.count > 4, teams.count > 1, var template = r.incidents.first else { return r }
        for (n, d) in production.suffix(4).enumerated() {
            template.id = "contradicting-\(n)"
            template.deploymentId = d.id
            template.openedAt = d.deployedAt.adding(hours: 1)
            template.resolvedAt = d.deployedAt.adding(hours: 3)
            // Blamed by another team, by the deployment's own team about another model, or signals filed elsewhere.
            template.team = n % 2 == 0 ? teams.first { $0 != d.team }! : d.team
            template.model = n == 1 ? r.models.first { $0.name != d.model }?.name : d.model
            template.kind = n >= 2 ? .drift : template.kind
            r.incidents.append(template)
        }
        if var day = r.serving.last {
            day.model = "unowned-model"
            r.serving.append(day)
        }
        return r
    }

    @Test func demoOrganisation() throws {
        let records = DemoOrganisation.generate()
        try expectSame(records, at: DemoOrganisation.now)
        try expectSame(Self.contradicting(records), at: DemoOrganisation.now)
    }

    @Test(arguments: [3, 17, 29] as [UInt64])
    func randomOrganisations(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let org = SyntheticOrganisation(scale: SampleScale.randomSmall(&g), seed: seed, lastDay: Day(year: 2026, month: 11, day: 18))
        let now = org.lastDay.start.adding(hours: 17)
        try expectSame(org.recordSet(), at: now)
        try expectSame(Self.contradicting(org.recordSet()), at: now)
    }
}
