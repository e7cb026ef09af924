import MLOpsCore

/// Cell texts the Markdown and HTML reports share, so a number reads the same in both.
enum ReportText {
    static func value(_ m: QuarterlyReport.Metric) -> String { value(m.value, m) }
    static func previous(_ m: QuarterlyReport.Metric) -> String { value(m.previous, m) }

    /// A metric's number with its unit; hour totals stay in hours and small ratios keep two decimals.
    static func value(_ v: Double?, _ m: QuarterlyReport.Metric) -> String {
        let unit = m.metricValue.unit
        guard let v else { return Format.value(nil, unit: unit) }
        if m.id == "maintenance_hours" { return Format.money(v) + "h" }
        if unit == .ratio && v > 0 && v < 0.01 { return Format.percent(v, decimals: 2) }
        return Format.value(v, unit: unit)
    }

    /// `+1.2/wk`, `-3.0pp`, `+16.9d`, or `–`.
    static func delta(_ m: QuarterlyReport.Metric) -> String {
        guard let d = m.delta else { return "–" }
        let unit = m.metricValue.unit
        let sign = d > 0 ? "+" : (d < 0 ? "-" : "±")
        if m.id == "maintenance_hours" { return sign + Format.money(abs(d)) + "h" }
        switch unit {
        case .percent: return Format.signed(d, unit: .count) + " pts"
        case .ratio where abs(d) < 0.001 && d != 0: return sign + Format.fixed(abs(d) * 100, 2) + "pp"
        case .perWeek: return Format.signed(d, unit: .count) + "/wk"
        case .perDay: return Format.signed(d, unit: .count) + "/day"
        case .days: return Format.signed(d, unit: .count) + "d"
        case .minutes: return Format.signed(d, unit: .count) + " min"  // "-1.76m" would read as millions
        case .milliseconds: return Format.signed(d, unit: .count) + "ms"
        case .gpuHours: return Format.signed(d, unit: .count) + " GPU·h"
        default: return Format.signed(d, unit: unit)
        }
    }

    /// "1 week", "3 weeks".
    static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String { Format.count(n, noun, plural: plural) }

    /// `better ▲`, `worse ▼`, `flat`, or `–` for neutral metrics.
    static func judgement(_ m: QuarterlyReport.Metric) -> String {
        // A change printed as ±0 is flat in words too (docs/METRICS.md, Comparison).
        if delta(m).hasPrefix("±") && m.judgement != nil { return "flat" }
        switch m.judgement {
        case "better": return "better"
        case "worse": return "worse"
        case "unchanged": return "flat"
        default: return "–"
        }
    }

    static func money(_ v: Double?) -> String { Format.money(v) }
    static func optionalLevel(_ l: Int?) -> String { l.map(String.init) ?? "–" }
    static func share(_ v: Double?) -> String { Format.percent(v) }
    static func ms(_ v: Double?) -> String { v.map { "\(Int($0.rounded()))ms" } ?? "–" }
    static func availability(_ v: Double?) -> String { v.map { Format.fixed($0, 2) + "%" } ?? "–" }

    static func period(_ p: QuarterlyReport.Period) -> String { "\(p.label) (\(p.firstDay) to \(p.lastDay))" }

    static func subject(_ r: QuarterlyReport) -> String { r.subject.kind == "org" ? "all teams" : "team \(r.subject.name)" }

    static func title(_ r: QuarterlyReport) -> String {
        "ML platform quarterly report: \(r.quarter.label)" + (r.subject.kind == "team" ? " · team \(r.subject.name)" : "")
    }

    static func currencyNote(_ r: QuarterlyReport) -> String { r.currency.map { " (\($0))" } ?? "" }

    /// A forecast line in words.
    static func forecast(_ f: QuarterlyReport.FinanceSection.Forecast) -> String {
        "at \(f.madeOn): \(Format.money(f.spendToDate)) to date + \(Format.money(f.burnRatePerDay))/day × \(f.remainingDays) days = \(Format.money(f.forecast))"
    }

    static func forecastError(_ f: QuarterlyReport.FinanceSection.Forecast) -> String {
        guard let e = f.absolutePercentageError else { return "–" }
        return "\(f.error >= 0 ? "+" : "-")\(Format.money(abs(f.error))) (\(Format.percent(e, decimals: 1)) \(f.error >= 0 ? "high" : "low"))"
    }
}

extension ReportText {
    static func velocityNote(_ r: QuarterlyReport) -> String {
        let v = r.velocity
        return "Deployments on \(count(v.deployDays, "day")); \(count(v.daysWithoutDeployments, "day")) and \(count(v.weeksWithoutDeployments, "week")) without; "
            + "\(count(v.failedChanges, "failed change")); \(count(v.unresolvedIncidents, "incident")) opened in the quarter still unresolved. "
            + "DORA bands from the \(r.settings.doraBenchmark) benchmark."
    }
}
