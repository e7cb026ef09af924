import MLOpsCore
import SafeText

/// The platform lead's overview as plain text: what `mlops-dash summary` prints.
public enum SummaryText {
    /// How many items of one kind "Needs attention" prints before "and N more".
    public static let attentionPerKind = 5

    public static func render(_ s: PlatformSnapshot, benchmark: DORABenchmark = .dora2023) -> String {
        var out: [String] = []
        let lastDay = Instant(seconds: s.window.end.seconds - 1).day
        out.append("mlops-dash summary: \(s.filter) · \(s.windowLabel) (\(s.window.start.day) to \(lastDay)) vs \(s.previousWindow.start.day) to \(Instant(seconds: s.previousWindow.end.seconds - 1).day) · at \(s.now.iso8601)")
        if !s.missingKinds.isEmpty {
            out.append("No data in this window for: \(s.missingKinds.map(\.rawValue).joined(separator: ", ")).")
        }
        out.append("")
        out.append("NEEDS ATTENTION")
        if s.attention.isEmpty { out.append("  nothing urgent") }
        // At most five of a kind: a long list says how many more, and --json has them all.
        for group in AttentionItem.grouped(s.attention, perKind: Self.attentionPerKind) {
            for a in group.shown {
                let mark = a.urgency == .critical ? "!!" : (a.urgency == .warning ? "! " : "- ")
                out.append("  \(mark) \(a.listed)")
            }
            if let more = group.moreLine { out.append("     \(more) (--json lists every one)") }
        }

        let metrics = HeadlineMetric.all(s)
        func section(_ title: String, _ ids: [String]) {
            out.append("")
            out.append(title)
            for m in metrics where ids.contains(m.id) { out.append(line(m, currency: s.finance.currency)) }
        }
        section("VELOCITY (production deployments; DORA \(benchmark.rawValue) bands)",
                ["deployments_per_week", "lead_time_median_hours", "lead_time_p90_hours", "change_failure_rate",
                 HeadlineMetric.recoveryKey(s.velocity), "idea_to_production_median_days"])
        let v = s.velocity
        // With no deployment records at all, days "without" would be a claim the data cannot make.
        let deployDays = v.deployments.current == nil ? "no deployment records"
            : "\(ReportText.count(Int(v.deployments.current ?? 0), "deployment")) on \(ReportText.count(v.deployDays, "day")); "
                + "\(ReportText.count(v.daysWithoutDeployments, "day")) and \(ReportText.count(v.weeksWithoutDeployments, "week")) without"
        out.append("  \(deployDays); \(ReportText.count(v.failedChanges, "failed change")); \(ReportText.count(v.unresolvedIncidents, "incident")) still open")
        out.append("  weekly deploys: " + sparkline(v.weeklyDeployments.map(\.value)))

        section("MAINTENANCE LOAD", ["maintenance_share", "maintenance_cost", "pages_per_week"])
        out.append("  maintenance cost = logged maintenance hours × the engineer-hour rate: people's time, not part of the spend")
        let m = s.maintenance
        if !m.byTeam.isEmpty {
            out.append("  by team: " + m.byTeam.map { "\($0.team) \(Format.percent($0.share))\($0.overCap ? " OVER \(Format.percent($0.cap))" : "")" }.joined(separator: " · "))
        }
        if !m.byCategory.isEmpty {
            out.append("  by category: " + m.byCategory.prefix(5).map { "\($0.name) \(Format.compact($0.hours))h" }.joined(separator: " · "))
        }
        if !m.painPoints.isEmpty {
            out.append("  pain points: " + m.painPoints.prefix(4).map { "\($0.system) \(Format.compact($0.hours))h in \($0.weeksSeen) wks (\(trendWord($0.hours, $0.previousHours)))" }.joined(separator: " · "))
        }
        if let st = m.staffing {
            out.append("  staffing: \(st.mlEngineers) ML : \(st.platformEngineers) platform = \(st.ratio.map { Format.fixed($0, 1) } ?? "–"):1, \(st.assessment)")
        }

        out.append("")
        out.append("MATURITY (Google MLOps levels 0–2, from evidence in the window)")
        let org = s.maturity.organisation
        out.append("  \(org.subject): level \(org.level.map(String.init) ?? "no data") (\(org.progress.map { Format.fixed($0, 2) } ?? "–"))")
        for t in s.maturity.teams {
            let history = t.history.map { $0.value.map { String(Int($0)) } ?? "·" }.joined()
            out.append("  \(pad(t.subject, 14)) level \(t.level.map(String.init) ?? "–")   by month \(history)   missing: \(t.missing.isEmpty ? "nothing" : t.missing.map(\.title).joined(separator: "; "))")
        }
        if !org.missing.isEmpty {
            out.append("  next level needs: " + org.missing.map { "\($0.title) \(measured($0)) (need \(threshold($0)))" }.joined(separator: "; "))
        }

        let f = s.finance
        section("FINANCE\(f.currency.map { " (\($0))" } ?? "")", ["spend", "gross_spend", "credits", "gpu_share", "cost_per_1k_predictions", "failed_run_gpu_spend"])
        for b in f.budgets + f.teamBudgets.filter(\.forecastOver) {
            let flag = b.isOver ? "OVER" : (b.forecastOver ? "forecast over" : "on track")
            out.append("  budget \(b.scope) \(b.period): spent \(Format.money(b.spent)) of \(Format.money(b.budget)) (\(b.daysElapsed)/\(b.daysTotal) days), forecast \(Format.money(b.forecast)), \(flag)\(b.runsOutOn.map { ", runs out \($0)" } ?? "")")
        }
        if let burn = f.burnRatePerDay { out.append("  burn rate: \(Format.money(burn)) / day (last 7 days)") }
        if !f.byTeam.isEmpty { out.append("  by team: " + f.byTeam.prefix(6).map { "\($0.name) \(Format.money($0.amount))" }.joined(separator: " · ")) }
        if !f.byCategory.isEmpty { out.append("  by category: " + f.byCategory.prefix(6).map { "\($0.name) \(Format.money($0.amount))" }.joined(separator: " · ")) }
        if !f.topMovers.isEmpty { out.append("  top movers: " + f.topMovers.prefix(4).map { "\($0.name) \(Format.signed($0.change, unit: .money))" }.joined(separator: " · ")) }
        if !f.anomalies.isEmpty {
            out.append("  anomalous days: " + f.anomalies.suffix(5).map { "\($0.day) \(Format.money($0.amount)) (> \(Format.money($0.threshold)))" }.joined(separator: " · "))
        }

        section("PRODUCT", ["availability_percent", "error_rate"])
        let p = s.product
        out.append("  incidents by severity: " + p.incidentsBySeverity.map { "sev-\($0.severity) \($0.count) (prev \($0.previousCount), open \($0.open))" }.joined(separator: " · "))
        let belowSLO = p.models.filter { $0.meetsAvailability == false || $0.meetsLatency == false }
        if !belowSLO.isEmpty {
            out.append("  below objective: " + belowSLO.map { m in
                var why: [String] = []
                if m.meetsAvailability == false { why.append("availability \(Format.fixed(m.availability ?? 0, 2))% < \(Format.fixed(m.sloAvailability ?? 0, 2))%") }
                if m.meetsLatency == false { why.append("p95 \(Int(m.p95MedianMs ?? 0))ms > \(Int(m.sloP95Ms ?? 0))ms") }
                return "\(m.model) (\(why.joined(separator: ", ")))"
            }.joined(separator: " · "))
        }
        for r in p.riskyDeployments.prefix(5) {
            out.append("  risky: \(r.deployment.deployedAt.iso8601) \(r.deployment.model) \(r.deployment.version): \(r.reasons.joined(separator: ", "))")
        }

        section("RESEARCH", ["runs_per_week", "run_success_rate", "run_duration_median_hours", "queue_wait_median_minutes", "gpu_hours"])
        let r = s.research
        let kinds = r.byKind.filter { $0.count > 0 }.map { "\($0.kind.rawValue) \($0.count)" }
        out.append("  runs by kind: " + (kinds.isEmpty ? "none" : kinds.joined(separator: " · ")) + "; \(r.running) running now")
        if !r.modelsTrainedPerMonth.isEmpty {
            out.append("  models trained per month: " + r.modelsTrainedPerMonth.map { "\($0.month) \(Format.compact($0.value))" }.joined(separator: " · "))
        }

        out.append("")
        let t = s.triage
        func c(_ n: Int, _ noun: String) -> String { ReportText.count(n, noun) }
        out.append("ON CALL (last \(Format.compact(t.windowHours)) h): \(c(t.openIncidents.count, "open incident")), \(c(t.failedRuns.count, "failed run")), "
                   + "\(c(t.recentDeployments.count, "prod deploy")) in \(Format.compact(t.changeHours)) h (\(t.recentDeployments.filter(\.isSuspect).count) suspect), "
                   + "\(c(t.rollbacks.count, "rollback")), \(ReportText.count(t.sloBreaches.count, "SLO breach", plural: "SLO breaches"))")
        // Each entry is one line: a name with a line break or an escape sequence in it shows
        // as `␊` or `␛` instead of starting a line of its own or reaching the terminal.
        return out.map(TextSanitizer.clean).joined(separator: "\n") + "\n"
    }

    /// A money metric names its currency in its title, where the columns stay aligned.
    static func line(_ m: HeadlineMetric, currency: String? = nil) -> String {
        let now = Format.value(m.value.current, unit: m.value.unit)
        let prev = Format.value(m.value.previous, unit: m.value.unit)
        var change = ""
        if let d = m.value.delta {
            change = Format.signed(d, unit: m.value.unit)
            if let j = m.value.judgement {
                change += j == .unchanged || Format.showsNoChange(d, unit: m.value.unit) ? " (flat)" : " (\(j.rawValue))"
            }
        }
        let band = m.band.map { "  [\($0.rawValue)]" } ?? ""
        let title = m.value.unit == .money ? [m.title, currency.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ") : m.title
        return "  \(pad(title, 30)) \(pad(now, 12, right: true))   prev \(pad(prev, 12, right: true))   \(change)\(band)"
    }

    static func measured(_ e: MaturityEvidence) -> String {
        guard let v = e.measured else { return "no data" }
        return e.criterion.isCount ? Format.compact(v) : Format.percent(v)
    }

    static func threshold(_ e: MaturityEvidence) -> String {
        e.criterion.isCount ? "≥ \(Format.compact(e.threshold))" : "≥ \(Format.percent(e.threshold))"
    }

    static func trendWord(_ now: Double, _ before: Double) -> String {
        if before == 0 { return now > 0 ? "new" : "flat" }
        let change = (now - before) / before
        return abs(change) < 0.05 ? "flat" : (change > 0 ? "up \(Format.percent(change))" : "down \(Format.percent(-change))")
    }

    static func sparkline(_ values: [Double?]) -> String {
        let levels = Array("▁▂▃▄▅▆▇█")
        let top = values.compactMap { $0 }.max() ?? 0
        return String(values.map { v -> Character in
            guard let v else { return " " }
            guard top > 0 else { return levels[0] }
            return levels[min(7, Int((v / top * 7).rounded()))]
        })
    }

    static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        // Padded as it will print: a name's controls widen when made visible (CR LF → ␍␊).
        let s = TextSanitizer.clean(s)
        let n = s.count
        guard n < width else { return s }
        return right ? String(repeating: " ", count: width - n) + s : s + String(repeating: " ", count: width - n)
    }
}
