/// The share of engineering time spent keeping things running instead of building.
public struct MaintenanceLoad: Sendable, Codable, Hashable {
    public var hours: MetricValue
    /// Maintenance hours ÷ capacity (people × hours per week × weeks).
    public var capacityShare: MetricValue
    public var capacityHours: Double?
    /// Hours × loaded hourly rate, in the store's currency.
    public var cost: MetricValue
    public var byCategory: [Breakdown]
    public var byTeam: [TeamLoad]
    /// Systems that keep coming back, most hours first.
    public var painPoints: [PainPoint]
    /// Incidents opened per week: how often someone is paged.
    public var pagesPerWeek: MetricValue
    public var staffing: Staffing?
    public var weeklyShare: [WeeklyPoint]

    public static let toilCap = 0.5

    public struct Breakdown: Sendable, Codable, Hashable {
        public var name: String
        public var hours: Double
        public var previousHours: Double
    }

    public struct TeamLoad: Sendable, Codable, Hashable {
        public var team: String
        public var hours: Double
        public var capacityHours: Double?
        public var share: Double?
        public var previousShare: Double?
        /// The cap this team was judged against (`MetricsConfiguration.maintenanceCap`).
        public var cap: Double = MaintenanceLoad.toilCap
        /// Above the cap (50 % by default, the SRE tradition's limit on toil).
        public var overCap: Bool { (share ?? 0) > cap }
    }

    public struct PainPoint: Sendable, Codable, Hashable {
        public var system: String
        public var hours: Double
        public var previousHours: Double
        /// Distinct weeks in the window the system needed work: recurrence, not one bad day.
        public var weeksSeen: Int
        public var topCategory: String
        public var weekly: [WeeklyPoint]
        /// More hours than the previous window's × `MetricsConfiguration.painPointRise`,
        /// where the previous window had some.
        public var isRising: Bool = false
    }

    /// ML engineers per platform engineer, against the field's 3:1 to 4:1 rule of thumb.
    public struct Staffing: Sendable, Codable, Hashable {
        public var mlEngineers: Int
        public var platformEngineers: Int
        public var ratio: Double?
        public var assessment: String
    }
}

extension MaintenanceLoad {
    /// Maintenance load in `window` against `previous`, from records (see `MetricsInput`).
    /// - Parameter hourlyRate: loaded cost of an engineer hour, for turning hours into money.
    public static func compute(records: RecordSet, window: TimeWindow, previous: TimeWindow, now: Instant,
                               hourlyRate: Double) -> MaintenanceLoad {
        var configuration = MetricsConfiguration()
        configuration.hourlyRate = hourlyRate
        let query = MetricsQuery(window: window, previous: previous, windowLabel: "", now: now, configuration: configuration)
        return compute(MetricsInput(records: records, history: ModelHistory(), query: query), query)
    }

    /// Maintenance load in the query's window against the previous one.
    public static func compute(_ input: MetricsInput, _ query: MetricsQuery) -> MaintenanceLoad {
        let records = input.records, window = query.window, previous = query.previous, now = query.now
        let hourlyRate = query.configuration.hourlyRate
        let current = input.maintenance.current, before = input.maintenance.previous
        let elapsed = elapsedWeeks(window, now)
        let elapsedBefore = elapsedWeeks(previous, now)
        func capacity(_ teams: [Team], _ weeks: Double) -> Double? {
            let c = teams.reduce(0) { $0 + Double($1.people) * $1.hoursPerWeek } * weeks
            return c > 0 ? c : nil
        }
        func hours(_ groups: [MaintenanceKey: Int64], _ include: (MaintenanceKey) -> Bool = { _ in true }) -> Double {
            ExactHours.hours(groups.reduce(0) { include($1.key) ? $0 + $1.value : $0 })
        }
        let cap = capacity(records.teams, elapsed)
        let capBefore = capacity(records.teams, elapsedBefore)
        let total = hours(current)
        let totalBefore = hours(before)
        let hasData = !current.isEmpty || !before.isEmpty

        func breakdown(_ key: (MaintenanceKey) -> String?) -> [Breakdown] {
            var now: [String: Int64] = [:], then: [String: Int64] = [:]
            for (k, v) in current { if let name = key(k) { now[name, default: 0] += v } }
            for (k, v) in before { if let name = key(k) { then[name, default: 0] += v } }
            return Set(now.keys).union(then.keys).map {
                Breakdown(name: $0, hours: ExactHours.hours(now[$0] ?? 0), previousHours: ExactHours.hours(then[$0] ?? 0))
            }.sorted { ($0.hours, $1.name) > ($1.hours, $0.name) }
        }

        let teamNames = Set(records.teams.map(\.name)).union(current.keys.map(\.team))
        let byTeam = teamNames.sorted().map { name -> TeamLoad in
            let team = records.teams.filter { $0.name == name }
            let h = hours(current) { $0.team == name }
            let hb = hours(before) { $0.team == name }
            let c = capacity(team, elapsed), cb = capacity(team, elapsedBefore)
            return TeamLoad(team: name, hours: h, capacityHours: c, share: c.map { h / $0 }, previousShare: cb.map { hb / $0 },
                            cap: query.configuration.maintenanceCap)
        }

        // A system with no hours in the window is not a pain point now, however much it took before.
        let painPoints = breakdown(\.system).filter { $0.hours > 0 }.prefix(8).map { b -> PainPoint in
            let entries = current.filter { $0.key.system == b.name }
            var byWeek: [Day: Int64] = [:], categories: [String: Int64] = [:]
            for (k, v) in entries {
                byWeek[k.week, default: 0] += v
                categories[k.category.rawValue, default: 0] += v
            }
            let weekly = window.weekStarts.filter { $0.start < now }.map { week in
                WeeklyPoint(weekStart: week, value: ExactHours.hours(byWeek[week] ?? 0))
            }
            let top = categories.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "-"
            return PainPoint(system: b.name, hours: b.hours, previousHours: b.previousHours,
                             weeksSeen: byWeek.count, topCategory: top, weekly: weekly,
                             isRising: b.previousHours > 0 && b.hours > b.previousHours * query.configuration.painPointRise)
        }

        let pages = records.incidents.filter { window.contains($0.openedAt) }.count
        let pagesBefore = records.incidents.filter { previous.contains($0.openedAt) }.count

        let weeklyShare = window.weekStarts.filter { $0.start < now }.map { week -> WeeklyPoint in
            let weekWindow = TimeWindow(start: max(week.start, window.start), end: min(week.advanced(by: 7).start, window.end, max(now, window.start)))
            let h = hours(current) { $0.week == week && $0.begun }
            let c = capacity(records.teams, weekWindow.durationDays / 7)
            return WeeklyPoint(weekStart: week, value: c.map { h / $0 })
        }

        let ml = records.teams.reduce(0) { $0 + $1.mlEngineers }
        let platform = records.teams.reduce(0) { $0 + $1.platformEngineers }
        let staffing: Staffing? = records.teams.isEmpty ? nil : Staffing(
            mlEngineers: ml, platformEngineers: platform,
            ratio: platform > 0 ? Double(ml) / Double(platform) : nil,
            assessment: staffingAssessment(ml: ml, platform: platform))

        return MaintenanceLoad(
            hours: MetricValue(hasData ? total : nil, previous: hasData ? totalBefore : nil, unit: .personHours, polarity: .lowerIsBetter),
            capacityShare: MetricValue(hasData ? cap.map { total / $0 } : nil, previous: hasData ? capBefore.map { totalBefore / $0 } : nil,
                                       unit: .ratio, polarity: .lowerIsBetter),
            capacityHours: cap,
            cost: MetricValue(hasData ? total * hourlyRate : nil, previous: hasData ? totalBefore * hourlyRate : nil, unit: .money, polarity: .lowerIsBetter),
            byCategory: breakdown { $0.category.rawValue },
            byTeam: byTeam,
            painPoints: Array(painPoints),
            pagesPerWeek: MetricValue(elapsed > 0 ? Double(pages) / elapsed : nil, previous: elapsedBefore > 0 ? Double(pagesBefore) / elapsedBefore : nil,
                                      unit: .perWeek, polarity: .lowerIsBetter),
            staffing: staffing,
            weeklyShare: weeklyShare)
    }

    /// Weeks of the window that have elapsed by `now`: capacity not yet lived is not capacity.
    static func elapsedWeeks(_ window: TimeWindow, _ now: Instant) -> Double {
        let end = min(window.end, max(now, window.start))
        return Double(window.start.seconds(until: end)) / (7 * 86_400)
    }

    static func staffingAssessment(ml: Int, platform: Int) -> String {
        guard platform > 0 else { return ml > 0 ? "no platform engineers: all platform work falls on ML engineers" : "no engineers recorded" }
        let r = Double(ml) / Double(platform)
        if r > 4 { return "under-supported: more than 4 ML engineers per platform engineer" }
        if r < 3 { return "platform-heavy: fewer than 3 ML engineers per platform engineer" }
        return "within the 3:1–4:1 rule of thumb"
    }
}
