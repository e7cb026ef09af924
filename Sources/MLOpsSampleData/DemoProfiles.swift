import MLOpsCore

/// How one demo model behaves: its serving mode, objectives and load.
struct DemoModelProfile {
    var name: String
    var serving: ServingMode
    var sloP95Ms: Double?
    var sloAvailability: Double?
    /// Typical p95 latency as a share of the objective.
    var latencyShare: Double = 0.7
    var dailyRequests: Double
    /// GPUs a training or experiment run holds.
    var gpus: Double
    var createdAt: Day
}

/// How one demo team behaves over the demo period: the stories live here.
struct DemoTeamProfile {
    var name: String
    var mlEngineers: Int
    var platformEngineers: Int
    var people: [String]
    var models: [DemoModelProfile]
    /// Maturity practice in force on a day: 0 manual, 1 pipelines, 2 CI/CD + monitoring.
    var practice: (Day) -> Int
    /// Share of capacity spent on maintenance, by progress through the period (0...1).
    var maintenanceShare: (Double) -> Double
    var painPoints: [(system: String, category: MaintenanceCategory, weight: Double)]
    var monthlyBudget: Double
}

enum DemoProfiles {
    static func teams(firstDay: Day) -> [DemoTeamProfile] {
        let q3 = Day(year: 2026, month: 7, day: 1)
        let q4 = Day(year: 2026, month: 10, day: 1)
        let early = firstDay.advanced(by: -400)
        return [
            DemoTeamProfile(
                name: "atlas", mlEngineers: 8, platformEngineers: 2,
                people: ["ana", "bo", "chen", "dara", "eli", "fatima", "gus", "hana", "ivo", "jun"],
                models: [
                    DemoModelProfile(name: "search-ranker", serving: .online, sloP95Ms: 120, sloAvailability: 99.9,
                                     dailyRequests: 2_400_000, gpus: 4, createdAt: early),
                    DemoModelProfile(name: "query-intent", serving: .online, sloP95Ms: 80, sloAvailability: 99.9,
                                     dailyRequests: 1_800_000, gpus: 2, createdAt: early),
                    DemoModelProfile(name: "spell-correct", serving: .online, sloP95Ms: 50, sloAvailability: 99.5,
                                     dailyRequests: 900_000, gpus: 1, createdAt: early),
                    DemoModelProfile(name: "embedding-indexer", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 12_000_000, gpus: 2, createdAt: Day(year: 2026, month: 5, day: 4)),
                ],
                // The climber: manual in Q2, pipelines in Q3, CI/CD with monitoring in Q4.
                practice: { day in day < q3 ? 0 : (day < q4 ? 1 : 2) },
                maintenanceShare: { p in 0.34 - 0.16 * p },
                painPoints: [("feature-store", .toil, 3), ("k8s-cluster", .upgrade, 2), ("search-index", .support, 2), ("ci-runners", .pipelineFix, 1)],
                monthlyBudget: 31_000),
            DemoTeamProfile(
                name: "beacon", mlEngineers: 5, platformEngineers: 1,
                people: ["kai", "lena", "mo", "nia", "omar", "pia"],
                models: [
                    DemoModelProfile(name: "fraud-score", serving: .online, sloP95Ms: 150, sloAvailability: 99.95,
                                     dailyRequests: 650_000, gpus: 0, createdAt: early),
                    DemoModelProfile(name: "credit-risk", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 40_000, gpus: 0, createdAt: early),
                    DemoModelProfile(name: "aml-screening", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 250_000, gpus: 0, createdAt: early),
                    DemoModelProfile(name: "chargeback-predict", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 15_000, gpus: 0, createdAt: Day(year: 2026, month: 6, day: 15)),
                ],
                // Stuck at level 0: notebooks, hand-offs and manual releases throughout.
                practice: { _ in 0 },
                maintenanceShare: { p in 0.36 + 0.04 * p },
                painPoints: [("notebook-server", .support, 2), ("scoring-vm", .toil, 3), ("oracle-extract", .pipelineFix, 2)],
                monthlyBudget: 9_000),
            DemoTeamProfile(
                name: "cobalt", mlEngineers: 7, platformEngineers: 2,
                people: ["quinn", "rafa", "sol", "tariq", "uma", "vik", "wen", "xavi", "yara"],
                models: [
                    DemoModelProfile(name: "assistant-llm", serving: .online, sloP95Ms: 2500, sloAvailability: 99.5,
                                     latencyShare: 0.62, dailyRequests: 180_000, gpus: 8, createdAt: Day(year: 2026, month: 4, day: 20)),
                    DemoModelProfile(name: "recs-two-tower", serving: .online, sloP95Ms: 100, sloAvailability: 99.9,
                                     dailyRequests: 3_100_000, gpus: 4, createdAt: early),
                    DemoModelProfile(name: "product-tagger", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 300_000, gpus: 1, createdAt: early),
                    DemoModelProfile(name: "review-summarizer", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 60_000, gpus: 2, createdAt: Day(year: 2026, month: 8, day: 3)),
                ],
                practice: { _ in 1 },
                maintenanceShare: { p in 0.22 + 0.08 * p },
                painPoints: [("gpu-scheduler", .toil, 3), ("vector-db", .upgrade, 2), ("llm-gateway", .support, 2)],
                monthlyBudget: 42_000),
            DemoTeamProfile(
                name: "delta", mlEngineers: 4, platformEngineers: 1,
                people: ["zoe", "aiden", "bea", "carl", "dina"],
                models: [
                    DemoModelProfile(name: "demand-forecast", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 2_000_000, gpus: 1, createdAt: early),
                    DemoModelProfile(name: "price-elasticity", serving: .batch, sloP95Ms: nil, sloAvailability: nil,
                                     dailyRequests: 400_000, gpus: 0, createdAt: early),
                    DemoModelProfile(name: "inventory-planner", serving: .online, sloP95Ms: 300, sloAvailability: 99.5,
                                     dailyRequests: 45_000, gpus: 0, createdAt: early),
                ],
                practice: { _ in 1 },
                // Maintenance creeping past half the team's time: the Airflow migration and broken feeds.
                maintenanceShare: { p in 0.30 + 0.34 * p },
                painPoints: [("airflow", .pipelineFix, 4), ("sales-feed", .toil, 3), ("airflow-2-migration", .migration, 3), ("dbt-models", .support, 1)],
                monthlyBudget: 7_500),
        ]
    }
}
