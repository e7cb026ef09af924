import MLOpsCore

/// The report's sentences, generated from its numbers: what improved, what got worse and
/// what to watch. Each sentence says something only this quarter's data can say.
enum Narrative {
    /// 3–5 sentences for the executive summary.
    static func summarySentences(_ r: QuarterlyReport, candidates: [QuarterlyReport.Metric]) -> [String] {
        var out: [String] = []
        let prev = r.previousQuarter.label
        let better = ranked(candidates, .better), worse = ranked(candidates, .worse)
        if better.isEmpty {
            out.append("No headline metric improved on \(prev).")
        } else {
            out.append("Biggest improvements since \(prev): " + list(better.prefix(2).map { change($0) }) + ".")
        }
        if worse.isEmpty {
            out.append("No headline metric got worse than in \(prev).")
        } else {
            out.append("Biggest regressions: " + list(worse.prefix(2).map { change($0) }) + ".")
        }

        let over = r.maintenance.byTeam.filter(\.overCap)
        if !over.isEmpty {
            out.append("Over the 50% maintenance cap: " + list(over.map { "\($0.team) at \(Format.percent($0.share)) of capacity" })
                       + ", costing \(money(over.reduce(0) { $0 + $1.cost }, r.currency)) in engineer time this quarter.")
        } else if let top = r.maintenance.byTeam.max(by: { ($0.share ?? 0, $1.team) < ($1.share ?? 0, $0.team) }), let share = top.share {
            out.append("Every team stayed under the 50% maintenance cap; the highest was \(top.team) at \(Format.percent(share)).")
        }

        let spend = r.finance.metrics.first { $0.id == "spend" }?.value
        let overTeams = r.finance.byTeam.filter(\.overBudget)
        if let spend {
            var s = "Spend was \(money(spend, r.currency))"
            if let budget = r.finance.quarterBudget, budget > 0 {
                let diff = spend - budget
                s += " against a quarterly budget of \(money(budget, r.currency)) (\(Format.percent(abs(diff) / budget)) \(diff > 0 ? "over" : "under"))"
            } else {
                s += " with no quarterly budget set"
            }
            if !overTeams.isEmpty {
                s += "; " + list(overTeams.map { "\($0.team) overran its budget by \(money($0.spend - ($0.quarterBudget ?? 0), r.currency))" })
            }
            out.append(s + ".")
        }

        let subjects = r.subject.kind == "org" ? r.maturity.teams : [r.maturity.organisation]
        let moved = subjects.filter { $0.levelAtStart != nil && $0.levelAtEnd != nil && $0.levelAtStart != $0.levelAtEnd }
        let movedModels = r.maturity.models.filter { $0.levelAtStart != nil && $0.levelAtEnd != nil && $0.levelAtStart != $0.levelAtEnd }
        let models = movedModels.isEmpty ? "" : "; among models, " + list(movedModels.prefix(3).map(levelChange))
            + (movedModels.count > 3 ? " and \(movedModels.count - 3) more" : "")
        if !moved.isEmpty {
            out.append("Maturity: " + list(moved.map(levelChange)) + " during the quarter" + models + ".")
        } else if !subjects.isEmpty {
            let levels = subjects.map { "\($0.subject) \($0.levelAtEnd.map(String.init) ?? "–")" }
            out.append("No \(r.subject.kind == "org" ? "team's " : "")maturity level changed during the quarter (\(levels.joined(separator: ", ")))" + models + ".")
        }
        return Array(out.prefix(5))
    }

    /// One or two sentences for a team's section.
    static func teamSentences(team: String, metrics: [QuarterlyReport.Metric], load: MaintenanceLoad.TeamLoad?, spend: Double?,
                              budget: Double?, maturity: QuarterlyReport.Maturity, currency: String?) -> [String] {
        var out: [String] = []
        var parts: [String] = []
        if let b = ranked(metrics, .better).first { parts.append(change(b, judged: true)) }
        if let w = ranked(metrics, .worse).first { parts.append(change(w, judged: true)) }
        if !parts.isEmpty { out.append("Largest moves: " + list(parts) + ".") }
        var watch: [String] = []
        if let load, load.overCap { watch.append("maintenance at \(Format.percent(load.share)) is over the 50% cap") }
        if let spend, let budget, spend > budget { watch.append("spend of \(money(spend, currency)) is over the quarterly budget of \(money(budget, currency))") }
        if let a = maturity.levelAtStart, let b = maturity.levelAtEnd, a != b { watch.append(levelChange(maturity)) }
        if !watch.isEmpty { out.append("Watch: " + list(watch) + ".") }
        return out
    }

    // MARK: - Pieces

    /// Metrics judged `judgement`, largest relative change first.
    static func ranked(_ metrics: [QuarterlyReport.Metric], _ judgement: Judgement) -> [QuarterlyReport.Metric] {
        metrics.filter { $0.judgement == judgement.rawValue && $0.relativeChange != nil }
            .sorted { (abs($0.relativeChange!), $1.id) > (abs($1.relativeChange!), $0.id) }
    }

    /// "Prod deploys / week rose from 2.1/wk to 3.4/wk (+62%)".
    static func change(_ m: QuarterlyReport.Metric, judged: Bool = false) -> String {
        let v = m.metricValue
        let verb = (m.delta ?? 0) > 0 ? "rose" : "fell"
        var s = "\(m.title.lowercasedFirst) \(verb) from \(ReportText.previous(m)) to \(ReportText.value(m))"
        let verdict = judged ? (m.judgement.map { ", \($0)" } ?? "") : ""
        if let rel = m.relativeChange, v.unit != .ratio && v.unit != .percent {
            s += " (\(rel > 0 ? "+" : "-")\(Format.percent(abs(rel)))\(verdict))"
        } else if m.delta != nil {
            s += " (\(ReportText.delta(m))\(verdict))"
        }
        return s
    }

    static func levelChange(_ m: QuarterlyReport.Maturity) -> String {
        let a = m.levelAtStart ?? 0, b = m.levelAtEnd ?? 0
        return "\(m.subject) moved \(b > a ? "up" : "down") from level \(a) to \(b)"
    }

    static func money(_ v: Double?, _ currency: String?) -> String {
        Format.money(v) + (currency.map { " \($0)" } ?? "")
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

extension String {
    /// "Prod deploys / week" → "prod deploys / week"; leaves acronyms like "GPU" alone.
    var lowercasedFirst: String {
        guard let first, first.isUppercase else { return self }
        let second = dropFirst().first
        if let second, second.isUppercase { return self }
        return first.lowercased() + dropFirst()
    }
}
