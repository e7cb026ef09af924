import MLOpsCore

/// A large, plausible organisation for benchmarks and quick tries: `scale` says how many
/// records of each kind, `seed` which ones.
///
/// Every record is a pure function of the seed, its kind and its index, so kinds can be
/// written one at a time, in any order, without holding millions of records in memory,
/// and a run referenced by a deployment is the same run wherever it is computed.
/// Teams mature over the span at different paces, so maturity and velocity vary.
public struct SyntheticOrganisation: Sendable {
    public let scale: SampleScale
    public let seed: UInt64
    public let lastDay: Day
    public let currency = "EUR"
    /// Bumped whenever a seed's output changes, so caches of generated stores are rebuilt.
    public static let generatorVersion = 2

    public init(scale: SampleScale, seed: UInt64, lastDay: Day = DemoOrganisation.anchor) {
        self.scale = scale
        self.seed = seed
        self.lastDay = lastDay
    }

    public var firstDay: Day { lastDay.advanced(by: -(scale.days - 1)) }
    var start: Instant { firstDay.start }
    var spanSeconds: Int64 { Int64(scale.days) * 86_400 }

    /// A generator for record `index` of one kind: independent of every other record.
    func rng(_ salt: UInt64, _ index: Int) -> SeededGenerator {
        var mix = SeededGenerator(seed: seed ^ (salt &* 0xD6E8_FEB8_6659_FD93) ^ (UInt64(index) &* 0x9E37_79B9_7F4A_7C15))
        return SeededGenerator(seed: mix.next())
    }

    /// Record `index` of `count`, placed evenly over the span with jitter inside its slot.
    func instant(_ index: Int, of count: Int, _ g: inout SeededGenerator) -> Instant {
        let slot = Double(spanSeconds) / Double(max(count, 1))
        return start.adding(seconds: Int64((Double(index) + g.unit()) * slot))
    }

    func progress(_ t: Instant) -> Double { Double(start.seconds(until: t)) / Double(spanSeconds) }

    // MARK: Teams and models

    static let teamWords = ["atlas", "beacon", "cobalt", "delta", "ember", "fjord", "garnet", "harbor", "iris", "juniper",
                            "kestrel", "lumen", "meridian", "nova", "onyx", "pulsar", "quartz", "raven", "sierra", "tundra"]
    static let modelWords = ["ranker", "fraud", "churn", "forecast", "recommender", "search", "pricing", "vision", "speech",
                             "assistant", "embedding", "anomaly", "routing", "ads", "moderation", "translation"]

    public func teamName(_ t: Int) -> String {
        let word = Self.teamWords[t % Self.teamWords.count]
        return t < Self.teamWords.count ? word : "\(word)-\(t / Self.teamWords.count + 1)"
    }

    public func teams() -> [Team] {
        (0..<scale.teams).map { t in
            var g = rng(1, t)
            return Team(name: teamName(t), mlEngineers: g.int(3...18), platformEngineers: g.int(1...5))
        }
    }

    func team(ofModel m: Int) -> Int { m % scale.teams }

    public func modelName(_ m: Int) -> String {
        "\(teamName(team(ofModel: m)))-\(Self.modelWords[(m / scale.teams) % Self.modelWords.count])-\(m / scale.teams + 1)"
    }

    func servingMode(ofModel m: Int) -> ServingMode { m % 4 == 3 ? .batch : .online }

    public func models() -> [Model] {
        (0..<scale.models).map { m in
            var g = rng(2, m)
            let online = servingMode(ofModel: m) == .online
            return Model(name: modelName(m), team: teamName(team(ofModel: m)), serving: servingMode(ofModel: m),
                         sloP95Ms: online ? Double(g.int(4...40) * 10) : nil, sloAvailability: online ? g.pick([99.0, 99.5, 99.9]) : nil,
                         createdAt: start.adding(days: -g.int(30...400)))
        }
    }

    /// A team's practice level (0...2, fractional) at a point of the span: some start
    /// mature, some never move, most climb.
    func practice(team t: Int, at progress: Double) -> Double {
        let base = Double(t % 3) * 0.5
        let pace = [0.0, 1.5, 0.8, 2.0, 0.4][t % 5]
        return min(2, base + pace * progress)
    }

    // MARK: Runs

    /// Runs go round the models in turn, so a model's runs are easy to find by index.
    func model(ofRun r: Int) -> Int { r % scale.models }

    func kind(ofRun r: Int) -> RunKind {
        var g = rng(3, r)
        let x = g.unit()
        if x < 0.45 { return .experiment }
        if x < 0.75 { return .training }
        if x < 0.85 { return .pipeline }
        return servingMode(ofModel: model(ofRun: r)) == .batch ? .batchInference : .evaluation
    }

    public func runID(_ r: Int) -> String { "run-\(r)" }

    public func run(_ r: Int) -> Run {
        var g = rng(3, r)
        let kind = kind(ofRun: r)
        _ = g.unit()  // the draw kind(ofRun:) used
        let m = model(ofRun: r), t = team(ofModel: m)
        let started = instant(r, of: scale.runs, &g)
        let level = practice(team: t, at: progress(started))
        let orchestrated = kind == .experiment ? g.chance(0.1) : g.chance(0.15 + 0.4 * level)
        var trigger: RunTrigger = .manual
        if kind != .experiment {
            let x = g.unit()
            if level >= 1.5 && x < 0.15 { trigger = g.chance(0.5) ? .drift : .data }
            else if x < 0.2 + 0.35 * level { trigger = orchestrated ? .pipeline : .schedule }
            else if x < 0.3 + 0.35 * level { trigger = .ci }
        }
        let hours = kind == .experiment ? g.double(0.05...3) : g.double(0.3...10)
        let ended = started.adding(hours: hours)
        let end = lastDay.advanced(by: 1).start
        let running = ended > end
        let x = g.unit()
        let status: RunStatus = running ? .running : x < 0.86 ? .succeeded : x < 0.96 ? .failed : .cancelled
        let gpu = kind == .training || kind == .experiment ? (hours * Double(g.pick([1, 1, 2, 4, 8])) * 100).rounded() / 100 : nil
        return Run(id: runID(r), model: modelName(m), team: teamName(t), kind: kind, status: status, trigger: trigger,
                   orchestrated: orchestrated, registered: kind == .training && status == .succeeded && g.chance(0.3 + 0.35 * level),
                   queuedAt: started.adding(seconds: -Int64(g.int(5...2400))), startedAt: started,
                   endedAt: running ? nil : ended, gpuHours: gpu, user: "\(teamName(t))-user-\(g.int(1...8))",
                   error: status == .failed ? g.pick(["CUDA out of memory", "data validation failed: null labels",
                                                       "pipeline step timed out", "feature store unavailable"]) : nil)
    }

    /// The latest training run of model `m` at or before run index `near`.
    func trainingRun(ofModel m: Int, near: Int) -> Int? {
        var r = near - ((near % scale.models) - m + scale.models) % scale.models
        while r >= 0 {
            if kind(ofRun: r) == .training { return r }
            r -= scale.models
        }
        return nil
    }

    // MARK: Deployments

    public func deploymentID(_ d: Int) -> String { "dep-\(d)" }

    func deploymentFacts(_ d: Int) -> (model: Int, at: Instant, environment: DeploymentEnvironment, g: SeededGenerator) {
        var g = rng(4, d)
        let at = instant(d, of: scale.deployments, &g)
        let m = g.int(0...(scale.models - 1))
        let x = g.unit()
        let environment: DeploymentEnvironment = x < 0.4 ? .production : x < 0.7 ? .staging : x < 0.9 ? .canary : .shadow
        return (m, at, environment, g)
    }

    public func deployment(_ d: Int) -> Deployment {
        var (m, at, environment, g) = deploymentFacts(d)
        let t = team(ofModel: m)
        let level = practice(team: t, at: progress(at))
        let near = Int(progress(at) * Double(scale.runs)) - g.int(0...max(1, min(scale.models * 20, scale.runs / 100)))
        let run = trainingRun(ofModel: m, near: min(near, scale.runs - 1))
        let x = g.unit()
        let status: DeploymentStatus = x < 0.04 ? .failed : x < 0.04 + max(0.02, 0.1 - 0.04 * level) ? .rolledBack : .succeeded
        return Deployment(id: deploymentID(d), model: modelName(m), team: teamName(t), version: "v\(d / scale.models + 1).\(g.int(0...9))",
                          environment: environment, deployedAt: at, method: g.chance(0.1 + 0.42 * level) ? .automated : .manual,
                          runId: run.map(runID), status: status,
                          rolledBackAt: status == .rolledBack ? at.adding(hours: g.double(0.2...12)) : nil)
    }

    // MARK: Incidents

    public func incident(_ i: Int) -> Incident {
        var g = rng(5, i)
        let opened = instant(i, of: scale.incidents, &g)
        var m = g.int(0...(scale.models - 1))
        var deploymentID: String?
        if g.chance(0.2), scale.deployments > 0 {
            let d = max(0, min(scale.deployments - 1, Int(progress(opened) * Double(scale.deployments)) - g.int(1...20)))
            let facts = deploymentFacts(d)
            if facts.environment == .production && facts.at < opened {
                m = facts.model
                deploymentID = self.deploymentID(d)
            }
        }
        let severity = g.chance(0.05) ? 1 : g.chance(0.2) ? 2 : g.chance(0.5) ? 3 : 4
        let kind = g.pick([IncidentKind.outage, .degradation, .drift, .dataQuality, .latency, .latency, .degradation, .cost])
        let restoreHours = g.double(0.2...(severity <= 2 ? 6 : 48))
        let resolved = opened.adding(hours: restoreHours)
        let now = lastDay.advanced(by: 1).start
        return Incident(id: "inc-\(i)", team: teamName(team(ofModel: m)), model: modelName(m), severity: severity, kind: kind,
                        openedAt: opened, acknowledgedAt: opened.adding(seconds: Int64(g.int(60...3600))),
                        resolvedAt: resolved < now ? resolved : nil, deploymentId: deploymentID,
                        downtimeMinutes: kind == .outage ? restoreHours * 60 * g.double(0.2...1) : nil,
                        title: "\(kind.rawValue.replacingOccurrences(of: "_", with: " ")) on \(modelName(m))")
    }

    // MARK: Maintenance

    public func maintenance(_ e: Int) -> MaintenanceEntry {
        var g = rng(6, e)
        let day = instant(e, of: scale.maintenance, &g).day
        let t = g.int(0...(scale.teams - 1))
        // Less mature teams spend more on toil and pipeline fixes.
        let level = practice(team: t, at: progress(day.start))
        let category: MaintenanceCategory = g.chance(0.5 - 0.15 * level) ? g.pick([.toil, .pipelineFix, .incident])
            : g.pick([.upgrade, .migration, .support, .other])
        return MaintenanceEntry(id: "mnt-\(e)", team: teamName(t), person: "\(teamName(t))-eng-\(g.int(1...10))", category: category,
                                system: g.pick(["feature-store", "training-cluster", "serving", "pipelines", "registry"]),
                                hours: Double(g.int(1...6)) / 2, date: day)
    }

    // MARK: Costs

    public func cost(_ c: Int) -> CostEntry {
        var g = rng(7, c)
        let at = instant(c, of: scale.costs, &g)
        let m = g.int(0...(scale.models - 1))
        let t = team(ofModel: m)
        let x = g.unit()
        let category: CostCategory = x < 0.35 ? .gpu : x < 0.55 ? .serving : x < 0.7 ? .cpu : x < 0.8 ? .storage
            : x < 0.88 ? .warehouse : x < 0.94 ? .network : .saas
        // Spend grows over the span, as platforms do.
        let amount = (g.double(5...60) * (0.7 + 0.6 * progress(at)) * 100).rounded() / 100
        var runID: String?
        if category == .gpu, scale.runs > 0 {
            let near = min(scale.runs - 1, Int(progress(at) * Double(scale.runs)))
            runID = trainingRun(ofModel: m, near: near).map(self.runID)
        }
        let shared = g.chance(0.1)
        return CostEntry(id: "cost-\(c)", date: at.day, amount: amount, currency: currency, category: category,
                         service: g.pick(["compute", "kubernetes", "object-storage", "bigquery", "vertex", "sagemaker"]),
                         team: teamName(t), model: shared ? nil : modelName(m), runId: runID,
                         resourceId: "res-\(m)-\(category.rawValue)")
    }

    // MARK: Serving

    /// Serving stats row `s`: models in turn, each over the last `servingDays` days.
    public func serving(_ s: Int) -> ServingDay {
        var g = rng(8, s)
        let m = s / scale.servingDays
        let day = lastDay.advanced(by: -(scale.servingDays - 1) + s % scale.servingDays)
        let requests = servingMode(ofModel: m) == .online ? g.int(20_000...2_000_000) : g.int(100...5_000)
        let bad = g.chance(0.03)
        return ServingDay(model: modelName(m), date: day, requests: requests,
                          errors: Int(Double(requests) * (bad ? g.double(0.01...0.05) : g.double(0...0.002))),
                          p50Ms: Double(g.int(5...60)), p95Ms: Double(g.int(40...(bad ? 900 : 350))),
                          downtimeMinutes: bad ? g.double(1...90).rounded() : 0)
    }

    // MARK: Budgets

    public func budgets() -> [Budget] {
        let quarterly = Double(scale.costs) * 32.5 * 1.3 / Double(scale.days) * 91
        var budgets: [Budget] = []
        for q in scale.quarters(lastDay: lastDay) {
            budgets.append(Budget(scope: Budget.organisationScope, period: .quarter(q), amount: (quarterly * 1.02).rounded(), currency: currency))
            for t in 0..<scale.teams {
                budgets.append(Budget(scope: teamName(t), period: .quarter(q), amount: (quarterly / Double(scale.teams) * 1.05).rounded(),
                                      currency: currency))
            }
        }
        return budgets
    }
}

extension SyntheticOrganisation {
    /// Every record of the organisation in memory: for stores and twins of modest scales
    /// (the large scales are written to files a kind at a time instead).
    public func recordSet() -> RecordSet {
        var set = RecordSet()
        set.teams = teams()
        set.models = models()
        set.runs = (0..<scale.runs).map(run)
        set.deployments = (0..<scale.deployments).map(deployment)
        set.incidents = (0..<scale.incidents).map(incident)
        set.maintenance = (0..<scale.maintenance).map(maintenance)
        set.costs = (0..<scale.costs).map(cost)
        set.serving = (0..<(scale.servingDays * scale.models)).map(serving)
        set.budgets = budgets()
        return set
    }
}
