/// One line of the on-call page: something to look at, where it sits in the order of
/// urgency, whose it is and what to do about it.
public struct TriageItem: Sendable, Hashable {
    /// The kinds in the order they are worked through: an earlier kind always ranks first.
    public enum Kind: Int, Sendable, Hashable, Comparable, CaseIterable {
        /// A sev-1 or sev-2 nobody has acknowledged: someone must pick it up.
        case unacknowledgedIncident
        case openIncident
        /// A model outside its objective today or yesterday.
        case sloBreach
        /// A recent production deployment that preceded an open incident.
        case suspectDeployment
        /// Failed runs in the triage window that share an error signature.
        case failedRuns
        case costAnomaly
        /// Deployments and rollbacks that did not precede an open incident.
        case recentChange

        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public enum Subject: Sendable, Hashable {
        case incident(Triage.OpenIncident)
        /// The newest breach of one model and measure, and on how many days of the window it was breached.
        case sloBreach(Triage.SLOBreach, days: Int)
        case deployment(Triage.RecentDeployment, rollbackTo: String?)
        case rollback(Deployment)
        /// Newest first.
        case failedRuns(signature: String, runs: [Run])
        case costAnomaly(CostAnomaly)
    }

    public var kind: Kind
    public var subject: Subject
    /// When it started: an incident's opening, a deployment, the newest failure, the breach's day.
    public var since: Instant
    /// The model, else the team, it is about; for failed runs of several models, how many.
    public var about: String
    /// Who owns it: the team (or teams, for failed runs across teams).
    public var team: String
    public var nextStep: String
}

extension Triage {
    /// Everything on the page in the order to work through it (docs/METRICS.md, "On-call triage"):
    /// unacknowledged sev-1/2, other open incidents by severity (unacknowledged first) and
    /// age (oldest first), SLO breaches (today first, then by how far over the objective),
    /// suspect deployments (newest first), failed runs by error signature (most first),
    /// cost anomalies (furthest over first), and last the other recent changes (newest first).
    public func ranked(now: Instant) -> [TriageItem] {
        var items: [(item: TriageItem, key: [Double], tie: String)] = []

        for o in openIncidents {
            let i = o.incident
            let urgent = i.severity <= 2 && !o.acknowledged
            let suspects = recentDeployments.filter { o.suspectDeployments.contains($0.deployment.id) }
            let step: String
            if urgent { step = "acknowledge now" }
            else if let s = suspects.first { step = rollbackStep(s.deployment) }
            else if !o.acknowledged { step = "acknowledge" }
            else { step = "investigate" }
            let item = TriageItem(kind: urgent ? .unacknowledgedIncident : .openIncident, subject: .incident(o), since: i.openedAt,
                                  about: i.model ?? i.team, team: i.team, nextStep: step)
            items.append((item, [Double(i.severity), o.acknowledged ? 1 : 0, Double(i.openedAt.seconds)], i.id))
        }

        // One line per model and measure: the newest day, with how many days it was breached.
        let byModelMeasure = Dictionary(grouping: sloBreaches) { "\($0.model)\u{0}\($0.measure)" }
        for (_, breaches) in byModelMeasure {
            guard let b = breaches.max(by: { $0.day < $1.day }) else { continue }
            let step = recentDeployments.first { $0.deployment.model == b.model }
                .map { $0.isSuspect ? rollbackStep($0.deployment) : "check \($0.deployment.version)" }
                ?? (b.measure.hasPrefix("p95") ? "check capacity" : "check errors")
            let item = TriageItem(kind: .sloBreach, subject: .sloBreach(b, days: Set(breaches.map(\.day)).count), since: b.day.start,
                                  about: b.model, team: b.team, nextStep: step)
            items.append((item, [-Double(b.day.daysSinceEpoch), -b.overshoot], b.model + b.measure))
        }

        for d in recentDeployments {
            let target = rollbackTargets[d.deployment.id]
            let item = TriageItem(kind: d.isSuspect ? .suspectDeployment : .recentChange, subject: .deployment(d, rollbackTo: target),
                                  since: d.deployment.deployedAt, about: d.deployment.model, team: d.deployment.team,
                                  nextStep: d.isSuspect ? rollbackStep(d.deployment) : (d.deployment.status == .rolledBack ? "none" : "watch"))
            items.append((item, [-Double(d.deployment.deployedAt.seconds)], d.deployment.id))
        }
        let listed = Set(recentDeployments.map(\.deployment.id))
        for r in rollbacks where !listed.contains(r.id) {
            let at = r.rolledBackAt ?? r.deployedAt
            let item = TriageItem(kind: .recentChange, subject: .rollback(r), since: at, about: r.model, team: r.team, nextStep: "none")
            items.append((item, [-Double(at.seconds)], r.id))
        }

        for group in Triage.failureGroups(failedRuns) {
            let teams = Set(group.runs.map(\.team)).sorted(), models = Set(group.runs.map(\.model)).sorted()
            let item = TriageItem(kind: .failedRuns, subject: .failedRuns(signature: group.signature, runs: group.runs),
                                  since: group.runs.compactMap { $0.endedAt ?? $0.timestamp }.max() ?? now,
                                  about: models.count == 1 ? models[0] : "\(models.count) models",
                                  team: teams.count == 1 ? teams[0] : "\(teams.count) teams",
                                  nextStep: group.runs.count > 1 ? "fix cause, rerun" : "read log, rerun")
            items.append((item, [-Double(group.runs.count)], group.signature))
        }

        for a in costAnomalies {
            let item = TriageItem(kind: .costAnomaly, subject: .costAnomaly(a), since: a.day.start, about: a.scope, team: a.scope,
                                  nextStep: "find new spend")
            items.append((item, [-(a.amount / max(a.threshold, 1)), -Double(a.day.daysSinceEpoch)], a.scope))
        }

        return items.sorted { a, b in
            if a.item.kind != b.item.kind { return a.item.kind < b.item.kind }
            if a.key != b.key { return a.key.lexicographicallyPrecedes(b.key) }
            return a.tie < b.tie
        }.map(\.item)
    }

    private func rollbackStep(_ d: Deployment) -> String {
        if d.status == .rolledBack { return "investigate" }
        return rollbackTargets[d.id].map { "revert to \($0)" } ?? "fix forward"
    }

    /// A failure's signature: its first line with numbers and long hexadecimal ids
    /// replaced by `#`, spaces collapsed, so "OOM at step 1200" and "OOM at step 80"
    /// count as one cause. Runs without a message share the signature "no error message".
    public static func errorSignature(_ message: String?) -> String {
        guard let message, let line = message.split(whereSeparator: \.isNewline).first(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            return "no error message"
        }
        var out = ""
        for word in line.split(whereSeparator: \.isWhitespace) {
            var token = ""
            var lastWasNumber = false
            for c in word {
                if c.isNumber {
                    if !lastWasNumber { token.append("#") }
                    lastWasNumber = true
                } else if lastWasNumber && (c == "." || c == ",") {
                    continue  // 2.00 or 1,200 is one number
                } else {
                    token.append(c)
                    lastWasNumber = false
                }
            }
            let hex = word.filter(\.isHexDigit)
            if hex.count >= 8 && hex.count * 10 >= word.count * 8 { token = "#" }  // a run id, a hash, a uuid
            out += (out.isEmpty ? "" : " ") + token
        }
        return out
    }

    /// Failed runs grouped by error signature, most runs first (then by signature);
    /// each group's runs newest first. Signatures are compared ignoring case and shown
    /// as the newest run wrote them.
    public static func failureGroups(_ runs: [Run]) -> [(signature: String, runs: [Run])] {
        var groups: [String: [Run]] = [:]
        for r in runs { groups[errorSignature(r.error).lowercased(), default: []].append(r) }
        return groups.values.map { runs in
            let sorted = runs.sorted(by: RunAggregates.newestFirst)
            return (errorSignature(sorted[0].error), sorted)
        }.sorted { ($0.runs.count, $1.signature) > ($1.runs.count, $0.signature) }
    }
}

extension Triage.SLOBreach {
    /// How far outside the objective, as a fraction of the allowance: latency 150 ms
    /// against 100 is 0.5; availability 99.0 % against 99.9 % is 9 (ten times the 0.1 %
    /// downtime allowed, less the allowance).
    public var overshoot: Double {
        if measure.hasPrefix("availability") {
            let allowed = max(100 - objective, 0.001)
            return (100 - measured) / allowed - 1
        }
        return objective > 0 ? measured / objective - 1 : 0
    }
}
