import MLOpsCore

/// How many records of each kind a synthetic organisation holds.
///
/// Counts are exact: the generator promises them and tests check them.
public struct SampleScale: Sendable, Hashable {
    public var teams: Int
    public var models: Int
    public var runs: Int
    public var deployments: Int
    public var costs: Int
    public var incidents: Int
    public var maintenance: Int
    /// Days of serving stats per model, ending on the last day.
    public var servingDays: Int
    /// Days the runs, deployments, costs, incidents and maintenance spread over.
    public var days: Int

    public init(teams: Int, models: Int, runs: Int, deployments: Int, costs: Int, incidents: Int,
                maintenance: Int, servingDays: Int, days: Int) {
        precondition(teams > 0 && models >= teams && days > 0 && servingDays <= days, "a sample needs teams, models and days")
        self.teams = teams
        self.models = models
        self.runs = runs
        self.deployments = deployments
        self.costs = costs
        self.incidents = incidents
        self.maintenance = maintenance
        self.servingDays = servingDays
        self.days = days
    }

    /// "Reasonable scale": tens of teams, hundreds of models, millions of records over two years.
    public static let large = SampleScale(teams: 20, models: 200, runs: 1_000_000, deployments: 100_000, costs: 2_000_000,
                                          incidents: 20_000, maintenance: 200_000, servingDays: 365, days: 730)
    /// Ten times the history of `large` at the same density: 20 years, 10,000,000 runs and
    /// 20,000,000 cost lines. A window holds what it holds on `large`, so a screen should
    /// cost the same: work grows with the window, not with history.
    public static let xlarge = SampleScale(teams: 20, models: 200, runs: 10_000_000, deployments: 1_000_000, costs: 20_000_000,
                                           incidents: 200_000, maintenance: 2_000_000, servingDays: 365, days: 7300)
    /// The same shape at a hundredth of the volume, for quick tries and tests.
    public static let small = SampleScale(teams: 4, models: 20, runs: 10_000, deployments: 1_000, costs: 20_000,
                                          incidents: 200, maintenance: 2_000, servingDays: 365, days: 730)

    /// The scale's name on the command line.
    public var name: String {
        switch self {
        case .xlarge: return "xlarge"
        case .large: return "large"
        case .small: return "small"
        default: return "custom"
        }
    }

    /// Quarters the budgets cover: every quarter the span touches.
    public func quarters(lastDay: Day) -> [Quarter] {
        var quarters = [Quarter(containing: lastDay)]
        let first = Quarter(containing: lastDay.advanced(by: -(days - 1)))
        while quarters[0] != first { quarters.insert(quarters[0].previous, at: 0) }
        return quarters
    }

    /// One organisation-wide budget and one per team, for every quarter.
    public func budgets(lastDay: Day) -> Int { quarters(lastDay: lastDay).count * (teams + 1) }

    public func servingRows() -> Int { models * servingDays }

    public func count(of kind: RecordKind, lastDay: Day) -> Int {
        switch kind {
        case .teams: return teams
        case .models: return models
        case .runs: return runs
        case .deployments: return deployments
        case .incidents: return incidents
        case .maintenance: return maintenance
        case .costs: return costs
        case .budgets: return budgets(lastDay: lastDay)
        case .serving: return servingRows()
        }
    }
}

extension SampleScale {
    /// A small organisation of random shape (2–4 teams, a few thousand runs and cost lines
    /// over 200–400 days), drawn from `generator`: for tests that compare engines and
    /// twins over many queries.
    public static func randomSmall(_ generator: inout SeededGenerator) -> SampleScale {
        let teams = 2 + Int(generator.next() % 3)
        return SampleScale(teams: teams, models: teams + 2 + Int(generator.next() % 6), runs: 1500 + Int(generator.next() % 2500),
                           deployments: 150 + Int(generator.next() % 250), costs: 1500 + Int(generator.next() % 3000),
                           incidents: 30 + Int(generator.next() % 60), maintenance: 300 + Int(generator.next() % 500), servingDays: 90,
                           days: 200 + Int(generator.next() % 200))
    }
}
