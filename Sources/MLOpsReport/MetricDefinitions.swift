import MLOpsCore

/// What every number in the report means: the methodology appendix's text, kept in one
/// place so the Markdown and HTML reports (and docs/REPORT.md) say the same thing.
public enum MetricDefinitions {
    public struct Definition: Sendable, Equatable {
        public var id: String
        public var title: String
        public var text: String
    }

    /// Every metric the report shows, in the order of the appendix.
    public static let all: [Definition] = [
        Definition(id: "deployments", title: "Prod deployments",
                   text: "Production deployments that went live in the quarter (status not failed)."),
        Definition(id: "deployments_per_week", title: "Prod deploys / week",
                   text: "Production deployments ÷ the quarter's weeks. DORA deployment frequency; elite when at least half of the working days saw a deployment."),
        Definition(id: "lead_time_median_hours", title: "Lead time (median)",
                   text: "Median hours from the end of the run that produced a model to its production deployment. DORA lead time for changes."),
        Definition(id: "lead_time_p90_hours", title: "Lead time (p90)",
                   text: "90th percentile of the same lead times: the slow tail."),
        Definition(id: "change_failure_rate", title: "Change failure rate",
                   text: "Production deployments that were rolled back or caused an incident ÷ all production deployments."),
        Definition(id: "failed_deployment_recovery_median_hours", title: "Deploy recovery (median)",
                   text: "Median hours from a failed production deployment (rolled back or named as an incident's cause) to its rollback or the resolution of the incidents it caused, whichever came first, for failed changes of the quarter recovered by the report's time. DORA 2023's failed deployment recovery time."),
        Definition(id: "time_to_restore_median_hours", title: "Incident restore (median)",
                   text: "Median hours from an incident being opened to its resolution, for every incident (any kind, any cause) opened in the quarter and resolved since. DORA 2021's time to restore service; under DORA 2023 a product metric, not banded."),
        Definition(id: "idea_to_production_median_days", title: "Idea to production (days)",
                   text: "Median days from a model's first experiment run to its first production deployment, for models first shipped in the quarter."),
        Definition(id: "maintenance_hours", title: "Maintenance hours",
                   text: "Hours logged on toil, incidents, upgrades, migrations, pipeline fixes and support."),
        Definition(id: "maintenance_share", title: "Maintenance share",
                   text: "Maintenance hours ÷ capacity (people × hours per week × weeks). Above 50 % a team is over the SRE toil cap."),
        Definition(id: "maintenance_cost", title: "Maintenance cost",
                   text: "Maintenance hours × the loaded hourly rate (the report's settings show the rate used)."),
        Definition(id: "pages_per_week", title: "Pages / week",
                   text: "Incidents opened per week: how often someone is paged."),
        Definition(id: "spend", title: "Spend (net)",
                   text: "Sum of cost entries dated in the quarter, in the store's currency, credits and refunds included as negative lines: what was invoiced."),
        Definition(id: "gross_spend", title: "Charges (gross)",
                   text: "Sum of the positive cost entries: spend before credits."),
        Definition(id: "credits", title: "Credits and refunds",
                   text: "Sum of the negative cost entries (credits, refunds); net spend = charges + credits. Run rates, forecasts' daily rate and anomaly detection read charges alone."),
        Definition(id: "gpu_share", title: "GPU share of spend",
                   text: "GPU cost ÷ all cost in the quarter."),
        Definition(id: "cost_per_production_model", title: "Cost / production model",
                   text: "Spend on models deployed to production by the quarter's end ÷ the number of such models."),
        Definition(id: "cost_per_1k_predictions", title: "Cost / 1k predictions",
                   text: "Serving cost ÷ requests served × 1,000."),
        Definition(id: "failed_run_gpu_spend", title: "GPU spend on failed runs",
                   text: "GPU cost entries linked to runs that failed: money spent on nothing."),
        Definition(id: "budget", title: "Budget",
                   text: "The month's or quarter's budget for the organisation or a team; a quarter without its own budget uses the sum of its three monthly budgets."),
        Definition(id: "anomalies", title: "Cost anomalies",
                   text: "Days whose spend exceeds median + 3 × 1.4826 × MAD of the quarter's daily spend (MAD floored at 5 % of the median)."),
        Definition(id: "forecast_accuracy", title: "Forecast accuracy",
                   text: "The forecast a quarter's budget view showed at its midpoint (first day + half its days): spend to date + the mean daily spend of the 7 days before × the days left. Compared with the quarter's actual spend; the error is |forecast − actual| ÷ actual."),
        Definition(id: "availability_percent", title: "Availability (online)",
                   text: "100 × (1 − downtime minutes ÷ minutes served), over online models' serving days."),
        Definition(id: "error_rate", title: "Error rate",
                   text: "Errored requests ÷ all requests across served models."),
        Definition(id: "incidents", title: "Incidents opened",
                   text: "Incidents opened in the quarter, all severities (1 is the worst)."),
        Definition(id: "p95_latency", title: "p95 latency",
                   text: "Per model: the median over the quarter's days of the daily 95th-percentile latency, against the model's objective."),
        Definition(id: "runs", title: "Runs", text: "Runs of every kind (experiment, training, pipeline, batch inference, evaluation) placed in the quarter."),
        Definition(id: "runs_per_week", title: "Runs / week", text: "Runs ÷ the quarter's weeks."),
        Definition(id: "run_success_rate", title: "Run success rate",
                   text: "Succeeded runs ÷ finished runs (succeeded, failed or cancelled)."),
        Definition(id: "run_duration_median_hours", title: "Run duration (median)", text: "Median hours from a run's start to its end."),
        Definition(id: "run_duration_p90_hours", title: "Run duration (p90)", text: "90th percentile of run durations."),
        Definition(id: "queue_wait_median_minutes", title: "Queue wait (median)", text: "Median minutes from a run being queued to its start."),
        Definition(id: "gpu_hours", title: "GPU hours", text: "GPU hours recorded on the quarter's runs."),
        Definition(id: "maturity_level", title: "Maturity level",
                   text: "Google's MLOps level 0–2, computed from the evidence below: a level is reached when all of its criteria are met (level 2 also needs all of level 1). The level at quarter start and end is the level of the quarter's first and last month, each assessed on its own records."),
    ]

    /// The judgement of a change.
    public static let judgement = "A change is better or worse by the metric's direction (lower is better for times, failure rates, cost and maintenance; higher for frequency, availability and success); changes under 0.5 % count as unchanged."

    /// How the DORA bands are assigned for `benchmark`.
    public static func doraBands(_ benchmark: DORABenchmark) -> [String] {
        switch benchmark {
        case .dora2023:
            return ["Deployment frequency: elite when at least half of working days saw a deployment; high ≥ 1 / week; medium ≥ 1 / month; else low.",
                    "Lead time: elite < 1 day; high ≤ 1 week; medium ≤ 1 month; else low.",
                    "Change failure rate: elite ≤ 5 %; high ≤ 10 %; medium ≤ 15 %; else low.",
                    "Failed deployment recovery time: elite < 1 hour; high < 1 day; medium < 1 week; else low."]
        case .dora2021:
            return ["Deployment frequency: elite when at least half of working days saw a deployment; high ≥ 1 / month; medium ≥ 1 / 6 months; else low.",
                    "Lead time: elite < 1 hour; high ≤ 1 week; medium ≤ 6 months; else low.",
                    "Change failure rate: elite ≤ 15 %; high ≤ 30 %; else low.",
                    "Time to restore: elite < 1 hour; high < 1 day; medium ≤ 1 week; else low."]
        }
    }

    /// A rubric threshold in words: `≥ 80%` or `≥ 1`.
    public static func threshold(_ c: QuarterlyReport.MaturitySection.Criterion) -> String {
        c.isCount ? "≥ \(Format.compact(c.threshold))" : "≥ \(Format.percent(c.threshold))"
    }

    /// An evidence measurement in words.
    public static func measured(_ e: QuarterlyReport.Maturity.Evidence) -> String {
        guard let v = e.measured else { return "–" }
        return e.criterion == MaturityCriterion.triggeredRetraining.rawValue ? Format.compact(v) : Format.percent(v)
    }
}
