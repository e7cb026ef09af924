import Foundation
import MLOpsCore

/// The bundled demo: four teams and fifteen models over two full quarters and the
/// current quarter to date, generated from a seed relative to a fixed anchor day.
///
/// The stories it tells (and tests check): `atlas` climbs from maturity 0 to 2,
/// `beacon` stays at 0, `cobalt`'s LLM fine-tuning blows its GPU budget, a bad
/// `search-ranker` release causes an incident and is rolled back, `delta`'s
/// maintenance passes half its capacity, and incidents are open "now".
public enum DemoOrganisation {
    /// The demo's last day. When the demo opens, its timeline is shifted so this is today.
    public static let anchor = Day(year: 2026, month: 11, day: 18)
    /// The demo's "now": tests pin the clock here.
    public static let now = anchor.start.adding(hours: 9)

    /// The day the demo's last day becomes when it is opened at `clock`: today from the
    /// demo's hour of "now" (09:00 UTC) on, yesterday before it. Shifted to today at 00:30,
    /// the incidents it tells of as open "now" would open hours later, so the demo would
    /// show none of them until morning.
    public static func lastDay(openedAt clock: Instant) -> Day {
        clock.adding(seconds: -anchor.start.seconds(until: now)).day
    }
    public static let firstDay = Quarter(containing: anchor).previous.previous.firstDay
    public static let currency = "EUR"
    public static let defaultSeed: UInt64 = 20_261_118

    /// The bad release: deployed, broke ranking, rolled back, with its incident.
    public static let badDeploymentID = "dep-atlas-search-ranker-bad"
    public static let badDeploymentIncidentID = "inc-search-ranker-regression"
    public static let openSeverityOneIncidentID = "inc-assistant-llm-latency"

    public static func generate(seed: UInt64 = defaultSeed) -> RecordSet {
        var builder = DemoBuilder(seed: seed)
        builder.build()
        return builder.records
    }
}

/// Walks the demo period day by day, team by team, emitting records.
struct DemoBuilder {
    var rng: SeededGenerator
    var records = RecordSet()
    let teams: [DemoTeamProfile]
    let first = DemoOrganisation.firstDay
    let last = DemoOrganisation.anchor
    /// Nothing on the anchor day happens after this: the demo's "now" is later.
    let cutoff = DemoOrganisation.anchor.start.adding(hours: 6.5)
    var counter = 0
    /// Incidents by model and day, so serving stats show their downtime.
    var downtime: [String: Double] = [:]
    var latencyHit: Set<String> = []

    init(seed: UInt64) {
        rng = SeededGenerator(seed: seed)
        teams = DemoProfiles.teams(firstDay: DemoOrganisation.firstDay)
    }

    mutating func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)-\(String(counter, radix: 36))"
    }

    func at(_ day: Day, hour: Double) -> Instant { day.start.adding(hours: hour) }

    mutating func build() {
        for team in teams {
            records.teams.append(Team(name: team.name, mlEngineers: team.mlEngineers, platformEngineers: team.platformEngineers))
            for m in team.models {
                records.models.append(Model(name: m.name, team: team.name, serving: m.serving, sloP95Ms: m.sloP95Ms,
                                            sloAvailability: m.sloAvailability, createdAt: m.createdAt.start.adding(hours: 10)))
            }
        }
        let totalDays = Double(first.distance(to: last))
        for day in first...last {
            let progress = Double(first.distance(to: day)) / totalDays
            for team in teams {
                let level = team.practice(day)
                for model in team.models where model.createdAt <= day {
                    experiments(team, model, day, level)
                    training(team, model, day, level)
                    if model.serving == .batch { batchInference(team, model, day, level, progress) }
                }
                randomIncident(team, day, level)
                maintenance(team, day, progress)
            }
        }
        stories()
        for team in teams {
            for model in team.models { serving(team, model) }
            teamCosts(team)
        }
        budgets()
        // Anything generated after the cutoff has not happened yet.
        records.runs.removeAll { ($0.timestamp ?? cutoff) >= cutoff }
        records.runs = records.runs.map { run in
            var r = run
            if let e = r.endedAt, e >= cutoff { r.endedAt = nil; r.status = .running }
            return r
        }
        records.deployments.removeAll { $0.deployedAt >= cutoff }
        records.incidents.removeAll { $0.openedAt >= cutoff }
        records.incidents = records.incidents.map { inc in
            var i = inc
            if let r = i.resolvedAt, r >= cutoff { i.resolvedAt = nil }
            if let a = i.acknowledgedAt, a >= cutoff { i.acknowledgedAt = nil }
            return i
        }
    }

    // MARK: - Runs

    mutating func experiments(_ team: DemoTeamProfile, _ model: DemoModelProfile, _ day: Day, _ level: Int) {
        guard day.weekdayFromMonday < 5 else { return }
        let count = rng.poisson(level == 2 ? 1.1 : 0.7)
        for _ in 0..<count {
            let start = at(day, hour: rng.double(8...18))
            let queueMinutes = level == 0 ? rng.double(20...240) : rng.double(2...40)
            let hours = rng.double(0.3...5)
            let roll = rng.unit()
            let status: RunStatus = roll < 0.14 ? .failed : (roll < 0.19 ? .cancelled : .succeeded)
            let ended = start.adding(hours: status == .cancelled ? hours / 3 : hours)
            records.runs.append(Run(
                id: nextID("run"), model: model.name, team: team.name, kind: .experiment, status: status, trigger: .manual,
                orchestrated: level >= 1 && rng.chance(0.4), registered: false,
                queuedAt: start.adding(seconds: -Int64(queueMinutes * 60)), startedAt: start, endedAt: ended,
                gpuHours: model.gpus > 0 ? (Double(start.seconds(until: ended)) / 3600 * model.gpus).rounded2 : nil,
                user: rng.pick(team.people), error: status == .failed ? rng.pick(Self.errors) : nil))
        }
    }

    static let errors = ["CUDA out of memory", "KeyError: 'label'", "NaN loss at step 1200", "feature table not found",
                         "Preempted by scheduler", "Connection reset by data warehouse", "Schema mismatch in input"]

    mutating func training(_ team: DemoTeamProfile, _ model: DemoModelProfile, _ day: Day, _ level: Int) {
        let trigger: RunTrigger
        switch level {
        case 0:
            guard day.weekdayFromMonday < 5, rng.chance(1.0 / 12) else { return }
            trigger = .manual
        case 1:
            guard day.weekdayFromMonday == 0 else { return }
            trigger = .schedule
        default:
            if day.weekdayFromMonday == 0 { trigger = .schedule }
            else if day.weekdayFromMonday < 5, rng.chance(0.12) { trigger = rng.chance(0.6) ? .drift : .data }
            else if day.weekdayFromMonday < 5, rng.chance(0.1) { trigger = .ci }
            else { return }
        }
        let start = at(day, hour: level == 0 ? rng.double(9...17) : 2)
        let hours = level == 0 ? rng.double(3...14) : rng.double(1.5...5)
        let failed = rng.chance(level == 0 ? 0.22 : 0.08)
        let ended = start.adding(hours: failed ? hours / 2 : hours)
        let run = Run(
            id: nextID("run"), model: model.name, team: team.name, kind: level == 0 ? .training : .pipeline,
            status: failed ? .failed : .succeeded, trigger: trigger, orchestrated: level >= 1,
            registered: !failed && (level >= 1 || rng.chance(0.25)),
            queuedAt: start.adding(seconds: -Int64((level == 0 ? rng.double(30...300) : rng.double(1...20)) * 60)),
            startedAt: start, endedAt: ended,
            gpuHours: model.gpus > 0 ? (Double(start.seconds(until: ended)) / 3600 * model.gpus * 2).rounded2 : nil,
            user: level == 0 ? rng.pick(team.people) : "pipeline-bot",
            error: failed ? rng.pick(Self.errors) : nil)
        records.runs.append(run)
        guard !failed else { return }
        if model.gpus > 0 {
            records.costs.append(CostEntry(id: nextID("cost"), date: day, amount: ((run.gpuHours ?? 0) * 2.9).rounded2,
                                           currency: DemoOrganisation.currency, category: .gpu, service: "gpu-training",
                                           team: team.name, model: model.name, runId: run.id))
        }
        release(team, model, run, ended, level)
    }

    mutating func release(_ team: DemoTeamProfile, _ model: DemoModelProfile, _ run: Run, _ ended: Instant, _ level: Int) {
        let chance: Double = [0.45, 0.55, 0.9][level]
        guard rng.chance(chance) else { return }
        let version = "v\(records.deployments.filter { $0.model == model.name && $0.isProduction }.count + 1)"
        let leadHours: Double
        switch level {
        case 0: leadHours = rng.double(96...480)
        case 1: leadHours = rng.double(20...90)
        default: leadHours = rng.double(0.7...7)
        }
        let method: DeploymentMethod = level == 2 ? .automated : .manual
        let stagingAt = ended.adding(hours: leadHours * 0.5)
        records.deployments.append(Deployment(
            id: nextID("dep"), model: model.name, team: team.name, version: version, environment: level == 2 ? .canary : .staging,
            deployedAt: stagingAt, method: method, runId: run.id))
        let prodAt = ended.adding(hours: leadHours)
        let failureRate: Double = [0.2, 0.11, 0.04][level]
        let failed = rng.chance(failureRate)
        let traceable = level >= 1 || rng.chance(0.4)
        var deployment = Deployment(
            id: nextID("dep"), model: model.name, team: team.name, version: version, environment: .production,
            deployedAt: prodAt, method: method, runId: traceable ? run.id : nil)
        if failed {
            let restoreHours = [rng.double(6...40), rng.double(2...10), rng.double(0.2...1.2)][level]
            deployment.status = .rolledBack
            deployment.rolledBackAt = prodAt.adding(hours: restoreHours)
            if rng.chance(0.7) {
                let opened = prodAt.adding(hours: restoreHours * 0.2)
                records.incidents.append(Incident(
                    id: nextID("inc"), team: team.name, model: model.name, severity: rng.pick([2, 2, 3, 3, 4]),
                    kind: model.serving == .online ? rng.pick([.degradation, .latency, .outage]) : .dataQuality,
                    openedAt: opened, acknowledgedAt: opened.adding(hours: level == 0 ? 1.5 : 0.1),
                    resolvedAt: deployment.rolledBackAt!.adding(hours: 0.3), deploymentId: deployment.id,
                    downtimeMinutes: model.serving == .online ? rng.double(0...45).rounded() : nil,
                    title: "\(model.name) \(version) regression after release"))
                noteDowntime(model.name, prodAt.day, records.incidents.last!.downtimeMinutes ?? 0)
            }
        }
        records.deployments.append(deployment)
    }

    mutating func batchInference(_ team: DemoTeamProfile, _ model: DemoModelProfile, _ day: Day, _ level: Int, _ progress: Double) {
        let start = at(day, hour: 1 + rng.double(0...1))
        // delta's brittle Airflow DAGs fail more as the period goes on.
        let failureRate = team.name == "delta" ? 0.04 + 0.16 * progress : (level == 0 ? 0.07 : 0.03)
        let failed = rng.chance(failureRate)
        let hours = rng.double(0.3...1.5)
        records.runs.append(Run(
            id: nextID("run"), model: model.name, team: team.name, kind: .batchInference, status: failed ? .failed : .succeeded,
            trigger: .schedule, orchestrated: level >= 1, registered: false,
            queuedAt: start.adding(seconds: -Int64(rng.double(0...600))), startedAt: start,
            endedAt: start.adding(hours: failed ? hours / 3 : hours),
            gpuHours: model.gpus > 0 ? (hours * model.gpus).rounded2 : nil, user: level >= 1 ? "pipeline-bot" : "cron",
            error: failed ? rng.pick(["Upstream table empty", "Task timed out", "Worker lost", "Schema mismatch in input"]) : nil))
    }

    // MARK: - Incidents

    mutating func randomIncident(_ team: DemoTeamProfile, _ day: Day, _ level: Int) {
        guard rng.chance(0.035) else { return }
        let model = rng.pick(team.models)
        guard model.createdAt <= day else { return }
        let monitored = level >= 2 || (level == 1 && rng.chance(0.3))
        let kind: IncidentKind = monitored && rng.chance(0.55) ? rng.pick([.drift, .dataQuality]) :
            (model.serving == .online ? rng.pick([.degradation, .latency, .outage]) : .dataQuality)
        let severity = rng.pick([1, 2, 2, 3, 3, 3, 4, 4])
        let opened = at(day, hour: rng.double(0...23.5))
        let restore = [rng.double(4...60), rng.double(1...12), rng.double(0.3...4)][level]
        let downtime = kind == .outage ? min(restore * 60 * 0.6, 900).rounded() : (kind == .latency ? rng.double(0...30).rounded() : nil)
        records.incidents.append(Incident(
            id: nextID("inc"), team: team.name, model: model.name, severity: severity, kind: kind, openedAt: opened,
            acknowledgedAt: opened.adding(hours: rng.double(0.02...0.5)), resolvedAt: opened.adding(hours: restore),
            downtimeMinutes: downtime, title: Self.title(kind, model.name)))
        if let d = downtime { noteDowntime(model.name, day, d) }
        if kind == .latency { latencyHit.insert("\(model.name)|\(day)") }
    }

    static func title(_ kind: IncidentKind, _ model: String) -> String {
        switch kind {
        case .outage: return "\(model) endpoint returning 503s"
        case .degradation: return "\(model) prediction quality dropped"
        case .drift: return "Feature drift detected on \(model)"
        case .dataQuality: return "\(model) input data failed validation"
        case .latency: return "\(model) p95 latency above objective"
        case .cost: return "\(model) spend above daily forecast"
        }
    }

    mutating func noteDowntime(_ model: String, _ day: Day, _ minutes: Double) {
        downtime["\(model)|\(day)", default: 0] += minutes
        downtime["\(model)|\(day)"] = min(downtime["\(model)|\(day)"]!, 1440)
    }

    // MARK: - Maintenance

    mutating func maintenance(_ team: DemoTeamProfile, _ day: Day, _ progress: Double) {
        guard day.weekdayFromMonday < 5 else { return }
        let dailyCapacity = Double(team.mlEngineers + team.platformEngineers) * 8
        var hours = dailyCapacity * team.maintenanceShare(progress) * rng.double(0.8...1.2)
        let totalWeight = team.painPoints.reduce(0) { $0 + $1.weight }
        while hours > 0.5 {
            let chunk = min(hours, rng.double(1...6).rounded2)
            hours -= chunk
            var pick = rng.unit() * totalWeight
            var point = team.painPoints[0]
            for p in team.painPoints { pick -= p.weight; if pick <= 0 { point = p; break } }
            let category = rng.chance(0.75) ? point.category : rng.pick([.toil, .support, .incident, .upgrade, .other])
            records.maintenance.append(MaintenanceEntry(
                id: nextID("mnt"), team: team.name, person: rng.pick(team.people), category: category,
                system: point.system, hours: (chunk * 4).rounded() / 4, date: day))
        }
    }

    // MARK: - Stories told on purpose

    mutating func stories() {
        // A bad search-ranker release three days ago: incident, rollback.
        let badDay = last.advanced(by: -3)
        let bad = Deployment(
            id: DemoOrganisation.badDeploymentID, model: "search-ranker", team: "atlas", version: "v-bad",
            environment: .production, deployedAt: at(badDay, hour: 14), method: .automated,
            runId: records.runs.last { $0.model == "search-ranker" && $0.registered }?.id,
            status: .rolledBack, rolledBackAt: at(badDay, hour: 15.2))
        records.deployments.append(bad)
        records.incidents.append(Incident(
            id: DemoOrganisation.badDeploymentIncidentID, team: "atlas", model: "search-ranker", severity: 2, kind: .degradation,
            openedAt: at(badDay, hour: 14.4), acknowledgedAt: at(badDay, hour: 14.45), resolvedAt: at(badDay, hour: 15.5),
            deploymentId: bad.id, downtimeMinutes: 0, title: "Search relevance dropped 18% after ranker release"))
        // Open now: a sev-1 on the LLM assistant, a sev-3 data problem at delta, a sev-4 at beacon.
        records.incidents.append(Incident(
            id: DemoOrganisation.openSeverityOneIncidentID, team: "cobalt", model: "assistant-llm", severity: 1, kind: .latency,
            openedAt: at(last, hour: 5.2), acknowledgedAt: at(last, hour: 5.3), resolvedAt: nil,
            downtimeMinutes: 35, title: "assistant-llm p95 over 6 s, timeouts in checkout chat"))
        noteDowntime("assistant-llm", last, 35)
        latencyHit.insert("assistant-llm|\(last)")
        records.deployments.append(Deployment(
            id: "dep-cobalt-assistant-llm-hotfix", model: "assistant-llm", team: "cobalt", version: "v-hotfix",
            environment: .production, deployedAt: at(last, hour: 4.6), method: .manual,
            runId: records.runs.last { $0.model == "assistant-llm" && $0.registered }?.id))
        records.incidents.append(Incident(
            id: "inc-sales-feed-missing", team: "delta", model: "demand-forecast", severity: 3, kind: .dataQuality,
            openedAt: at(last.advanced(by: -1), hour: 21), resolvedAt: nil,
            title: "Upstream sales feed missing store 112"))
        records.incidents.append(Incident(
            id: "inc-fraud-score-drift", team: "beacon", model: "fraud-score", severity: 4, kind: .drift,
            openedAt: at(last.advanced(by: -2), hour: 11), acknowledgedAt: at(last.advanced(by: -2), hour: 13), resolvedAt: nil,
            title: "Customer noticed fraud-score approving more than usual"))
        records.runs.append(Run(
            id: "run-demand-forecast-today", model: "demand-forecast", team: "delta", kind: .pipeline, status: .failed,
            trigger: .schedule, orchestrated: true, registered: false, queuedAt: at(last, hour: 1.9), startedAt: at(last, hour: 2),
            endedAt: at(last, hour: 2.4), gpuHours: 0.4, user: "pipeline-bot", error: "Upstream table sales.daily is empty"))
        // cobalt fine-tunes the assistant from mid-October: GPU spend snowballs past the budget.
        let spikeStart = Day(year: 2026, month: 10, day: 19)
        for day in spikeStart...last {
            let ramp = min(1, Double(spikeStart.distance(to: day)) / 10)
            let hours = (120 + 260 * ramp) * rng.double(0.85...1.15)
            let run = Run(
                id: nextID("run"), model: "assistant-llm", team: "cobalt", kind: .training,
                status: rng.chance(0.18) ? .failed : .succeeded, trigger: .manual, orchestrated: false, registered: rng.chance(0.2),
                queuedAt: at(day, hour: 0.5), startedAt: at(day, hour: 1), endedAt: at(day, hour: 5.5),
                gpuHours: hours.rounded2, user: rng.pick(["quinn", "sol", "uma"]), error: nil)
            var r = run
            if r.status == .failed { r.error = "CUDA out of memory" }
            records.runs.append(r)
            records.costs.append(CostEntry(id: nextID("cost"), date: day, amount: (hours * 3.4).rounded2, currency: DemoOrganisation.currency,
                                           category: .gpu, service: "gpu-finetune-h100", team: "cobalt", model: "assistant-llm",
                                           runId: r.id, resourceId: "h100-pool-eu-1"))
        }
    }

    // MARK: - Serving and costs

    mutating func serving(_ team: DemoTeamProfile, _ model: DemoModelProfile) {
        for day in max(first, model.createdAt)...last {
            let weekday = day.weekdayFromMonday < 5 ? 1.0 : 0.72
            let growth = 1 + 0.25 * Double(first.distance(to: day)) / 230
            let requests = Int((model.dailyRequests * weekday * growth * rng.double(0.9...1.1)).rounded())
            let down = downtime["\(model.name)|\(day)"]
            var p95: Double? = nil, p50: Double? = nil
            if let slo = model.sloP95Ms {
                let hit = latencyHit.contains("\(model.name)|\(day)")
                let value = slo * model.latencyShare * rng.double(0.85...1.2) * (hit ? 2.1 : 1)
                p95 = value.rounded2
                p50 = (value * 0.45).rounded2
            }
            let errorRate = (model.serving == .online ? 0.0015 : 0.0004) * rng.double(0.5...1.5) + (down != nil ? 0.01 : 0)
            let servedToday = day == last ? requests / 4 : requests
            records.serving.append(ServingDay(model: model.name, date: day, requests: servedToday,
                                              errors: Int(Double(servedToday) * errorRate), p50Ms: p50, p95Ms: p95,
                                              downtimeMinutes: down ?? (model.serving == .online ? 0 : nil)))
            let perThousand = model.serving == .online ? (model.gpus >= 8 ? 4.2 : 0.012) : 0.002
            records.costs.append(CostEntry(id: nextID("cost"), date: day, amount: (Double(servedToday) / 1000 * perThousand).rounded2,
                                           currency: DemoOrganisation.currency, category: .serving,
                                           service: model.serving == .online ? "inference-endpoints" : "batch-compute",
                                           team: team.name, model: model.name))
            records.costs.append(CostEntry(id: nextID("cost"), date: day, amount: rng.double(6...14).rounded2, currency: DemoOrganisation.currency,
                                           category: .storage, service: "object-storage", team: team.name, model: model.name))
        }
    }

    mutating func teamCosts(_ team: DemoTeamProfile) {
        for day in first...last {
            let weekday = day.weekdayFromMonday < 5
            records.costs.append(CostEntry(id: nextID("cost"), date: day, amount: ((weekday ? 95 : 30) * rng.double(0.8...1.2)).rounded2,
                                           currency: DemoOrganisation.currency, category: .warehouse, service: "warehouse",
                                           team: team.name))
            records.costs.append(CostEntry(id: nextID("cost"), date: day, amount: (Double(team.people.count) * 14 * rng.double(0.9...1.1)).rounded2,
                                           currency: DemoOrganisation.currency, category: .cpu, service: "dev-workspaces",
                                           team: team.name))
        }
        if team.name == teams.first?.name {
            for day in first...last where day.components.day == 1 {
                records.costs.append(CostEntry(id: nextID("cost"), date: day, amount: 4_800, currency: DemoOrganisation.currency,
                                               category: .saas, service: "experiment-tracking-saas"))
            }
        }
    }

    mutating func budgets() {
        var orgMonthly = 5_000.0
        for team in teams {
            orgMonthly += team.monthlyBudget
            for month in TimeWindow(start: first.start, end: last.advanced(by: 1).start).months {
                records.budgets.append(Budget(scope: team.name, period: .month(month), amount: team.monthlyBudget,
                                              currency: DemoOrganisation.currency))
            }
        }
        var q = Quarter(containing: first)
        while q <= Quarter(containing: last) {
            records.budgets.append(Budget(scope: Budget.organisationScope, period: .quarter(q), amount: (orgMonthly * 3).rounded(),
                                          currency: DemoOrganisation.currency))
            q = q.next
        }
    }
}

extension Double {
    var rounded2: Double { (self * 100).rounded() / 100 }
}
