import MLOpsCore

/// `summary --format openmetrics`: the `summary --json` document as metric families for
/// Prometheus (node_exporter's textfile collector) and Grafana.
///
/// Built from `SummaryDocument`, so every number is the JSON's, converted to a base unit
/// where the JSON uses another (hours × 3600 → seconds, percent ÷ 100 → ratio). Names
/// and values are listed in docs/METRICS.md ("OpenMetrics exposition").
public enum SummaryOpenMetrics {
    public static func render(_ snapshot: PlatformSnapshot) -> String {
        render(snapshot, breakdown: [])
    }

    /// The exposition with the headline metrics, DORA bands and attention counts of more
    /// subjects beside the main one, each labelled with its team or model.
    public static func render(_ snapshot: PlatformSnapshot, breakdown: [PlatformSnapshot]) -> String {
        let titles = Dictionary(HeadlineMetric.all(snapshot).map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        return OpenMetricsText.render(families(SummaryDocument(snapshot), titles: titles, filter: snapshot.filter,
                                               windowSeconds: snapshot.window.durationSeconds, now: snapshot.now,
                                               breakdown: breakdown.map { (SummaryDocument($0), $0.filter) }))
    }

    /// The subjects `--per-subject` adds: every team and every model the main snapshot covers
    /// (its maturity lists them), narrowed like the main subject.
    public static func breakdownFilters(of snapshot: PlatformSnapshot) -> [SubjectFilter] {
        let f = snapshot.filter
        let teams = f.team == nil && f.model == nil ? snapshot.maturity.teams.map { SubjectFilter(team: $0.subject) } : []
        let models = f.model == nil ? snapshot.maturity.models.map { SubjectFilter(team: f.team, model: $0.subject) } : []
        return teams + models
    }

    /// How a headline metric of `summary --json` is exported: its Prometheus name, base unit
    /// and the factor from the JSON's unit to it.
    public struct Export: Sendable, Equatable {
        public var name: String
        public var unit: String?
        public var factor: Double
    }

    /// Every headline metric's export, by its `summary --json` name.
    public static let exports: [String: Export] = [
        "deployments_per_week": Export(name: "mlops_dash_deployments_per_week", unit: nil, factor: 1),
        "lead_time_median_hours": Export(name: "mlops_dash_lead_time_median_seconds", unit: "seconds", factor: 3600),
        "lead_time_p90_hours": Export(name: "mlops_dash_lead_time_p90_seconds", unit: "seconds", factor: 3600),
        "change_failure_rate": Export(name: "mlops_dash_change_failure_ratio", unit: "ratio", factor: 1),
        "failed_deployment_recovery_median_hours": Export(name: "mlops_dash_failed_deployment_recovery_median_seconds", unit: "seconds", factor: 3600),
        "time_to_restore_median_hours": Export(name: "mlops_dash_time_to_restore_median_seconds", unit: "seconds", factor: 3600),
        "idea_to_production_median_days": Export(name: "mlops_dash_idea_to_production_median_seconds", unit: "seconds", factor: 86400),
        "maintenance_share": Export(name: "mlops_dash_maintenance_share_ratio", unit: "ratio", factor: 1),
        "gross_spend": Export(name: "mlops_dash_gross_spend", unit: nil, factor: 1),
        "credits": Export(name: "mlops_dash_credits", unit: nil, factor: 1),
        "maintenance_cost": Export(name: "mlops_dash_maintenance_cost", unit: nil, factor: 1),
        "pages_per_week": Export(name: "mlops_dash_pages_per_week", unit: nil, factor: 1),
        "spend": Export(name: "mlops_dash_spend", unit: nil, factor: 1),
        "gpu_share": Export(name: "mlops_dash_gpu_spend_share_ratio", unit: "ratio", factor: 1),
        "cost_per_1k_predictions": Export(name: "mlops_dash_cost_per_1k_predictions", unit: nil, factor: 1),
        "failed_run_gpu_spend": Export(name: "mlops_dash_failed_run_gpu_spend", unit: nil, factor: 1),
        "availability_percent": Export(name: "mlops_dash_availability_ratio", unit: "ratio", factor: 0.01),
        "error_rate": Export(name: "mlops_dash_error_ratio", unit: "ratio", factor: 1),
        "runs_per_week": Export(name: "mlops_dash_runs_per_week", unit: nil, factor: 1),
        "run_success_rate": Export(name: "mlops_dash_run_success_ratio", unit: "ratio", factor: 1),
        "run_duration_median_hours": Export(name: "mlops_dash_run_duration_median_seconds", unit: "seconds", factor: 3600),
        "queue_wait_median_minutes": Export(name: "mlops_dash_queue_wait_median_seconds", unit: "seconds", factor: 60),
        "gpu_hours": Export(name: "mlops_dash_gpu_usage_seconds", unit: "seconds", factor: 3600),
    ]

    /// A headline metric without an entry above (added later elsewhere) still appears, unitless, under its own name.
    static func export(for id: String) -> Export {
        exports[id] ?? Export(name: "mlops_dash_" + id, unit: nil, factor: 1)
    }

    /// The gauge values of DORA bands, documented in docs/METRICS.md.
    public static func bandValue(_ band: String) -> Double? {
        switch band {
        case DORABand.low.rawValue: return 0
        case DORABand.medium.rawValue: return 1
        case DORABand.high.rawValue: return 2
        case DORABand.elite.rawValue: return 3
        default: return nil
        }
    }

    static let urgencies: [AttentionItem.Urgency] = [.critical, .warning, .notice]

    /// `team` and/or `model` for a subject; none for the organisation.
    static func labels(_ filter: SubjectFilter) -> [(name: String, value: String)] {
        var labels: [(name: String, value: String)] = []
        if let team = filter.team { labels.append(("team", team)) }
        if let model = filter.model { labels.append(("model", model)) }
        return labels
    }

    public static func families(_ doc: SummaryDocument, titles: [String: String] = [:], filter: SubjectFilter, windowSeconds: Int64,
                                now: Instant, breakdown: [(SummaryDocument, SubjectFilter)] = []) -> [OpenMetricsFamily] {
        // The subject of the run (`--team`, `--model`) labels every subject-wide series.
        let subject = labels(filter)
        let subjects = [(doc, filter)] + breakdown

        var families: [OpenMetricsFamily] = [
            OpenMetricsFamily(name: "mlops_dash_snapshot_timestamp_seconds", unit: "seconds",
                              help: "When the numbers were computed (summary --json generated_at), Unix time",
                              samples: [.init(labels: subject, value: Double(now.seconds))]),
            OpenMetricsFamily(name: "mlops_dash_window_seconds", unit: "seconds", help: "Length of the window the numbers describe",
                              samples: [.init(labels: subject, value: Double(windowSeconds))]),
        ]

        for metric in doc.metrics {
            let export = export(for: metric.name)
            let samples = subjects.compactMap { (d, f) -> OpenMetricsFamily.Sample? in
                d.metrics.first { $0.name == metric.name }?.value.map { .init(labels: labels(f), value: $0 * export.factor) }
            }
            families.append(OpenMetricsFamily(name: export.name, unit: export.unit,
                                              help: help(metric, title: titles[metric.name], factor: export.factor), samples: samples))
        }

        families.append(OpenMetricsFamily(
            name: "mlops_dash_dora_band",
            help: "DORA performance band of a velocity metric: 0 low, 1 medium, 2 high, 3 elite",
            samples: subjects.flatMap { (d, f) in
                d.metrics.compactMap { m in m.band.flatMap(bandValue).map { .init(labels: labels(f) + [("metric", m.name)], value: $0) } }
            }))

        families.append(OpenMetricsFamily(
            name: "mlops_dash_maturity_level",
            help: "MLOps maturity level 0, 1 or 2 of the subject, each team and each model",
            samples: doc.maturity.compactMap { m in m.level.map { .init(labels: maturityLabels(m, subject: subject), value: Double($0)) } }))
        families.append(OpenMetricsFamily(
            name: "mlops_dash_maturity_progress",
            help: "Maturity level plus the share of the next level's criteria already met, e.g. 1.5",
            samples: doc.maturity.compactMap { m in m.progress.map { .init(labels: maturityLabels(m, subject: subject), value: $0) } }))

        families.append(OpenMetricsFamily(
            name: "mlops_dash_team_maintenance_share_ratio", unit: "ratio",
            help: "Share of a team's capacity spent on maintenance",
            samples: doc.teams.compactMap { t in t.maintenanceShare.map { .init(labels: [("team", t.team)], value: $0) } }))
        families.append(OpenMetricsFamily(
            name: "mlops_dash_team_over_maintenance_cap",
            help: "1 when a team spends more than \(Format.percent(MaintenanceLoad.toilCap)) of capacity on maintenance, else 0",
            samples: doc.teams.map { .init(labels: [("team", $0.team)], value: $0.overMaintenanceCap ? 1 : 0) }))
        families.append(OpenMetricsFamily(
            name: "mlops_dash_team_spend", help: "A team's spend in the window, in the store's currency",
            samples: doc.teams.map { .init(labels: [("team", $0.team)], value: $0.spend) }))

        families.append(OpenMetricsFamily(
            name: "mlops_dash_attention_items",
            help: "Items on the dashboard's Needs attention list, by urgency",
            samples: subjects.flatMap { (d, f) in
                urgencies.map { u in
                    .init(labels: labels(f) + [("urgency", u.name)], value: Double(d.attention.filter { $0.urgency == "\(u)" }.count))
                }
            }))
        families.append(OpenMetricsFamily(
            name: "mlops_dash_records_missing",
            help: "1 when the store has no records of this kind for the window, so panels that need them show no data",
            samples: RecordKind.allCases.map { k in .init(labels: subject + [("kind", k.rawValue)], value: doc.missingKinds.contains(k.rawValue) ? 1 : 0) }))
        return families
    }

    private static func help(_ m: SummaryDocument.Metric, title: String?, factor: Double) -> String {
        var text = title ?? m.name
        if MetricUnit(rawValue: m.unit) == .money { text += ", in the store's currency" }
        let source = factor == 1 ? m.name : "\(m.name) x \(factor == factor.rounded() ? String(Int(factor)) : "\(factor)")"
        return text + " (summary --json \(source))"
    }

    private static func maturityLabels(_ m: SummaryDocument.MaturityLine,
                                       subject: [(name: String, value: String)]) -> [(name: String, value: String)] {
        switch m.kind {
        case MaturitySubjectKind.team.rawValue: return [("kind", m.kind), ("team", m.subject)]
        case MaturitySubjectKind.model.rawValue: return [("kind", m.kind), ("model", m.subject)]
        default: return [("kind", m.kind)] + subject
        }
    }
}
