import MLOpsCore

/// The report in long format for spreadsheets and BI tools: one row per metric × subject ×
/// period, header `metric,subject_kind,subject,period,value,unit`, quoted per RFC 4180.
///
/// Periods are quarters (`2026-Q3`, `2026-Q2`) or months (`2026-07`); an empty value means
/// no data. Values are full-precision numbers (ratios as 0…1), not formatted text.
///
/// Text cells that a spreadsheet would read as a formula are neutralised as OWASP
/// recommends (see `text(_:)`); numbers are written as numbers, so `-0.25` stays a value.
public enum CSVReport {
    public static let header = ["metric", "subject_kind", "subject", "period", "value", "unit"]

    public struct Row: Equatable, Sendable {
        public var metric: String
        public var subjectKind: String
        public var subject: String
        public var period: String
        public var value: Double?
        public var unit: String
    }

    public static func render(_ r: QuarterlyReport) -> String {
        var out = header.joined(separator: ",") + "\r\n"
        for row in rows(r) {
            let cells = [text(row.metric), text(row.subjectKind), text(row.subject), text(row.period), number(row.value), text(row.unit)]
            out += cells.map(field).joined(separator: ",") + "\r\n"
        }
        return out
    }

    /// The rows, in report order.
    public static func rows(_ r: QuarterlyReport) -> [Row] {
        var rows: [Row] = []
        let q = r.quarter.label, pq = r.previousQuarter.label
        let kind = r.subject.kind, name = r.subject.name
        func add(_ metric: String, _ k: String, _ s: String, _ period: String, _ v: Double?, _ unit: String) {
            rows.append(Row(metric: metric, subjectKind: k, subject: s, period: period, value: v, unit: unit))
        }
        func metrics(_ ms: [QuarterlyReport.Metric], _ k: String, _ s: String) {
            for m in ms {
                add(m.id, k, s, q, m.value, m.unit)
                add(m.id, k, s, pq, m.previous, m.unit)
            }
        }
        metrics(r.allMetrics, kind, name)

        let f = r.finance
        add("budget", kind, name, q, f.quarterBudget, "money")
        add("budget", kind, name, pq, f.previousQuarterBudget, "money")
        for m in f.months {
            add("spend", kind, name, m.month, m.spend, "money")
            add("budget", kind, name, m.month, m.budget, "money")
        }
        for c in f.byCategory {
            add("spend_\(c.name)", kind, name, q, c.value, "money")
            add("spend_\(c.name)", kind, name, pq, c.previous, "money")
        }
        for fc in f.forecastAccuracy {
            add("forecast_spend_at_midpoint", kind, name, fc.quarter, fc.forecast, "money")
            add("forecast_absolute_percentage_error", kind, name, fc.quarter, fc.absolutePercentageError, "ratio")
        }
        for m in r.research.modelsTrainedPerMonth { add("models_trained", kind, name, m.month, m.value, "count") }
        for w in r.maturity.organisation.monthly { add("maturity_level", kind, name, w.month, w.value, "level") }
        add("maturity_level", kind, name, q, r.maturity.organisation.level.map(Double.init), "level")

        for t in r.teams {
            metrics(t.metrics, "team", t.team)
            add("budget", "team", t.team, q, t.quarterBudget, "money")
            add("maturity_level", "team", t.team, q, t.maturity.level.map(Double.init), "level")
            for w in t.maturity.monthly { add("maturity_level", "team", t.team, w.month, w.value, "level") }
        }

        let services = Dictionary(r.product.models.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        let costs = Dictionary(f.byModel.map { ($0.model, $0) }, uniquingKeysWith: { a, _ in a })
        let models = Set(r.maturity.models.map(\.subject)).union(services.keys).union(costs.keys).sorted()
        for model in models {
            if let c = costs[model] {
                add("spend", "model", model, q, c.spend, "money")
                add("spend", "model", model, pq, c.previous, "money")
                add("requests", "model", model, q, Double(c.requests), "count")
                add("cost_per_1k_predictions", "model", model, q, c.costPerThousandPredictions, "money")
            }
            if let s = services[model] {
                add("availability_percent", "model", model, q, s.availability, "percent")
                add("p95_latency_ms", "model", model, q, s.p95MedianMs, "milliseconds")
                add("error_rate", "model", model, q, s.errorRate, "ratio")
                add("incidents", "model", model, q, Double(s.incidents), "count")
            }
            if let a = r.maturity.models.first(where: { $0.subject == model }) {
                add("maturity_level", "model", model, q, a.level.map(Double.init), "level")
                for w in a.monthly { add("maturity_level", "model", model, w.month, w.value, "level") }
            }
        }
        return rows
    }

    /// Integers without a decimal point; other values in Swift's shortest round-trip form.
    static func number(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A text cell as a spreadsheet will read it: one that starts with `=`, `+`, `-`, `@`,
    /// a tab, a carriage return or a line feed (or their fullwidth forms `＝＋－＠`, which
    /// some spreadsheets also evaluate) gets a leading `'`, so Excel, LibreOffice and
    /// Google Sheets show it as text instead of running `=cmd|' /C calc'!A0`.
    public static func text(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, formulaTriggers.contains(first) else { return s }
        return "'" + s
    }

    static let formulaTriggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r", "\n", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
    public static func field(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
