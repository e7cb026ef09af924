/// What every measured window reads, built once per subject so that a window costs a
/// few binary searches rather than a pass over the subject's records.
struct MaturityLinks {
    /// A production deployment that did not fail, as the deployment criteria count it.
    struct Shipped {
        var at: Instant
        var failedChange: Bool
        var rolledBack: Bool
        var registered: Bool
        var automated: Bool
    }

    /// By time.
    let shipped: [Shipped]
    /// Each model's first production deployment: in the records (any status), or ever
    /// (`firstProduction`) for the subject's own models.
    let firstDeployed: [String: Instant]
    /// Each model's evidence of monitoring, by time: serving days and monitoring incidents.
    let monitoredAt: [String: [Instant]]
    /// Every deployment's time, any environment or status, in order.
    let deployedAt: [Instant]

    func hasDeployment(in w: TimeWindow) -> Bool { Self.contains(deployedAt, w) }

    /// The deployments shipped in `w`.
    func shipped(in w: TimeWindow) -> ArraySlice<Shipped> {
        shipped[Self.firstIndex(shipped.count) { shipped[$0].at >= w.start }..<Self.firstIndex(shipped.count) { shipped[$0].at >= w.end }]
    }

    func isMonitored(_ model: String, in w: TimeWindow) -> Bool {
        monitoredAt[model].map { Self.contains($0, w) } ?? false
    }

    /// Whether sorted `times` hold one inside `w`.
    static func contains(_ times: [Instant], _ w: TimeWindow) -> Bool {
        let i = firstIndex(times.count) { times[$0] >= w.start }
        return i < times.count && times[i] < w.end
    }

    /// The first index in `0..<count` where `isAfter` holds, for a predicate false then true.
    static func firstIndex(_ count: Int, _ isAfter: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isAfter(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}

extension MaturityLinks {
    /// One subject's links, from the subject's own records.
    init(_ input: MaturitySubjectInput) {
        let r = input.records
        let caused = Set(r.incidents.compactMap(\.deploymentId))
        var shipped: [Shipped] = [], first: [String: Instant] = [:]
        for d in r.deployments where d.isProduction {
            first[d.model] = min(first[d.model] ?? d.deployedAt, d.deployedAt)
            guard d.status != .failed else { continue }
            shipped.append(Shipped(at: d.deployedAt, failedChange: d.isFailedChange(causedIncident: caused), rolledBack: d.isRolledBack,
                                   registered: input.producingRuns[d.id]?.registered == true, automated: d.method == .automated))
        }
        for m in r.models { if let ever = input.firstProduction[m.name] { first[m.name] = min(first[m.name] ?? ever, ever) } }
        var monitored: [String: [Instant]] = [:]
        for s in r.serving { monitored[s.model, default: []].append(s.date.start) }
        for i in r.incidents where i.kind.isMonitoringSignal { if let m = i.model { monitored[m, default: []].append(i.openedAt) } }
        self.shipped = shipped.sorted { $0.at < $1.at }
        firstDeployed = first
        monitoredAt = monitored.mapValues { $0.sorted() }
        deployedAt = r.deployments.map(\.deployedAt).sorted()
    }

    /// The links of the organisation, every team and every model, equal to each subject's
    /// own (`init(_:)` over `RecordSet.partitioned()`, whose serving records are the days
    /// `served` holds), in one pass over the records: the
    /// overview assesses some 200 subjects, and partitioning the records and passing over
    /// each subject's share hashed every serving day's model six times.
    static func everySubject(_ r: RecordSet, served: ServedDays, producingRuns: [String: ProducingRun], firstProduction: [String: Instant])
        -> (organisation: MaturityLinks, byTeam: [String: MaturityLinks], byModel: [String: MaturityLinks]) {
        let modelTeam = Dictionary(r.models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })
        // The teams and models of the incidents that name each deployment as their cause:
        // a subject sees a failed change only through its own incidents.
        var causes: [String: [(team: String, model: String?)]] = [:]
        for i in r.incidents { if let id = i.deploymentId { causes[id, default: []].append((i.team, i.model)) } }
        var organisation = Builder(), byTeam: [String: Builder] = [:], byModel: [String: Builder] = [:]
        for d in r.deployments {
            let causing = causes[d.id]
            guard d.isProduction else {
                organisation.deployedAt.append(d.deployedAt)
                byTeam[d.team, default: Builder()].deployedAt.append(d.deployedAt)
                byModel[d.model, default: Builder()].deployedAt.append(d.deployedAt)
                continue
            }
            let registered = d.status != .failed && producingRuns[d.id]?.registered == true
            organisation.add(d, registered: registered, caused: causing != nil)
            byTeam[d.team, default: Builder()].add(d, registered: registered, caused: causing?.contains { $0.team == d.team } == true)
            byModel[d.model, default: Builder()].add(d, registered: registered, caused: causing?.contains { $0.model == d.model } == true)
        }
        for m in r.models {
            guard let ever = firstProduction[m.name] else { continue }
            organisation.deployedFirst(m.name, ever)
            byTeam[m.team, default: Builder()].deployedFirst(m.name, ever)
            byModel[m.name, default: Builder()].deployedFirst(m.name, ever)
        }
        // A model's served days count for the organisation, its team and itself. Monitoring
        // incidents go to their own team.
        let served = served.byModel.mapValues { $0.map(\.start) }
        var signals: [String: [Instant]] = [:], teamSignals: [String: [String: [Instant]]] = [:]
        for i in r.incidents where i.kind.isMonitoringSignal {
            guard let m = i.model else { continue }
            signals[m, default: []].append(i.openedAt)
            teamSignals[i.team, default: [:]][m, default: []].append(i.openedAt)
        }
        for model in Set(served.keys).union(signals.keys) {
            let times = ((served[model] ?? []) + (signals[model] ?? [])).sorted()
            organisation.monitored[model] = times
            byModel[model, default: Builder()].monitored[model] = times
            if let team = modelTeam[model], served[model] != nil {
                byTeam[team, default: Builder()].monitored[model] = teamSignals[team]?[model] == signals[model] ? times
                    : ((served[model] ?? []) + (teamSignals[team]?[model] ?? [])).sorted()
            }
        }
        for (team, models) in teamSignals {
            for (model, times) in models where modelTeam[model] != team || served[model] == nil {
                byTeam[team, default: Builder()].monitored[model] = times.sorted()
            }
        }
        return (organisation.links, byTeam.mapValues(\.links), byModel.mapValues(\.links))
    }

    /// One subject's links as they are gathered.
    private struct Builder {
        var shipped: [Shipped] = []
        var first: [String: Instant] = [:]
        var monitored: [String: [Instant]] = [:]
        var deployedAt: [Instant] = []

        mutating func add(_ d: Deployment, registered: Bool, caused: Bool) {
            deployedAt.append(d.deployedAt)
            deployedFirst(d.model, d.deployedAt)
            guard d.status != .failed else { return }
            shipped.append(Shipped(at: d.deployedAt, failedChange: caused || d.isRolledBack, rolledBack: d.isRolledBack,
                                   registered: registered, automated: d.method == .automated))
        }

        mutating func deployedFirst(_ model: String, _ at: Instant) {
            first[model] = min(first[model] ?? at, at)
        }

        var links: MaturityLinks {
            MaturityLinks(shipped: shipped.sorted { $0.at < $1.at }, firstDeployed: first, monitoredAt: monitored, deployedAt: deployedAt.sorted())
        }
    }
}
