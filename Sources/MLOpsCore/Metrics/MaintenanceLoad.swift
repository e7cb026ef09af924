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
        /// Above the 50 % cap the SRE tradition sets on toil.
        public var overCap: Bool { (share ?? 0) > MaintenanceLoad.toilCap }
    }

    public struct PainPoint: Sendable, Codable, Hashable {
        public var system: String
        public var hours: Double
        public var previousHours: Double
        /// Distinct weeks in the window the system needed work: recurrence, not one bad day.
        public var weeksSeen: Int
        public var topCategory: String
        public var weekly: [WeeklyPoint]
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
    /// Maintenance load in `window` against `previous`.
    /// - Parameter hourlyRate: loaded cost of an engineer hour, for turning hours into money.
    public static func compute(records: RecordSet, window: TimeWindow, previous: TimeWindow, now: Instant,
                               hourlyRate: Double) -> MaintenanceLoad {
        let current = records.maintenance.filter { window.contains($0.date) }
        let before = records.maintenance.filter { previous.contains($0.date) }
        let elapsed = elapsedWeeks(window, now)
        let elapsedBefore = elapsedWeeks(previous, now)
        func capacity(_ teams: [Team], _ weeks: Double) -> Double? {
            let c = teams.reduce(0) { $0 + Double($1.people) * $1.hoursPerWeek } * weeks
            return c > 0 ? c : nil
        }
        let cap = capacity(records.teams, elapsed)
        let capBefore = capacity(records.teams, elapsedBefore)
        let hours = current.reduce(0) { $0 + $1.hours }
        let hoursBefore = before.reduce(0) { $0 + $1.hours }
        let hasData = !current.isEmpty || !before.isEmpty

        func breakdown(_ key: (MaintenanceEntry) -> String?) -> [Breakdown] {
            var now: [String: Double] = [:], then: [String: Double] = [:]
            for e in current { if let k = key(e) { now[k, default: 0] += e.hours } }
            for e in before { if let k = key(e) { then[k, default: 0] += e.hours } }
            return Set(now.keys).union(then.keys).map { Breakdown(name: $0, hours: now[$0] ?? 0, previousHours: then[$0] ?? 0) }
                .sorted { ($0.hours, $1.name) > ($1.hours, $0.name) }
        }

        let teamNames = Set(records.teams.map(\.name)).union(current.map(\.team))
        let byTeam = teamNames.sorted().map { name -> TeamLoad in
            let team = records.teams.filter { $0.name == name }
            let h = current.filter { $0.team == name }.reduce(0) { $0 + $1.hours }
            let hb = before.filter { $0.team == name }.reduce(0) { $0 + $1.hours }
            let c = capacity(team, elapsed), cb = capacity(team, elapsedBefore)
            return TeamLoad(team: name, hours: h, capacityHours: c, share: c.map { h / $0 }, previousShare: cb.map { hb / $0 })
        }

        let painPoints = breakdown(\.system).prefix(8).map { b -> PainPoint in
            let entries = current.filter { $0.system == b.name }
            let weekly = window.weekly(entries, at: \.date.start, empty: 0) { $0.reduce(0) { $0 + $1.hours } }
                .filter { $0.weekStart.start < now }
            var categories: [String: Double] = [:]
            for e in entries { categories[e.category.rawValue, default: 0] += e.hours }
            let top = categories.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? "-"
            return PainPoint(system: b.name, hours: b.hours, previousHours: b.previousHours,
                             weeksSeen: Set(entries.map(\.date.startOfWeek)).count, topCategory: top, weekly: weekly)
        }

        let pages = records.incidents.filter { window.contains($0.openedAt) }.count
        let pagesBefore = records.incidents.filter { previous.contains($0.openedAt) }.count

        let weeklyShare = window.weekStarts.filter { $0.start < now }.map { week -> WeeklyPoint in
            let weekWindow = TimeWindow(start: max(week.start, window.start), end: min(week.advanced(by: 7).start, window.end, max(now, window.start)))
            let h = current.filter { weekWindow.contains($0.date) }.reduce(0) { $0 + $1.hours }
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
            hours: MetricValue(hasData ? hours : nil, previous: hasData ? hoursBefore : nil, unit: .personHours, polarity: .lowerIsBetter),
            capacityShare: MetricValue(hasData ? cap.map { hours / $0 } : nil, previous: hasData ? capBefore.map { hoursBefore / $0 } : nil,
                                       unit: .ratio, polarity: .lowerIsBetter),
            capacityHours: cap,
            cost: MetricValue(hasData ? hours * hourlyRate : nil, previous: hasData ? hoursBefore * hourlyRate : nil, unit: .money, polarity: .lowerIsBetter),
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
