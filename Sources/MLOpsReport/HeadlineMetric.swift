import MLOpsCore

/// The headline numbers, named once so the summary, the report and the dashboard's
/// tiles agree on which they are and what they are called.
public struct HeadlineMetric: Sendable {
    public var id: String
    public var title: String
    public var value: MetricValue
    public var band: DORABand?

    /// The id of DORA's fourth key under the snapshot's benchmark: 2023 measures recovery
    /// from failed deployments, 2021 restoring service after any incident.
    public static func recoveryKey(_ v: Velocity) -> String {
        v.benchmark == .dora2023 ? "failed_deployment_recovery_median_hours" : "time_to_restore_median_hours"
    }

    public static func all(_ s: PlatformSnapshot) -> [HeadlineMetric] {
        let v = s.velocity, f = s.finance
        return [
            HeadlineMetric(id: "deployments_per_week", title: "Prod deploys / week", value: v.deploymentsPerWeek, band: v.bands.deploymentFrequency),
            HeadlineMetric(id: "lead_time_median_hours", title: "Lead time (median)", value: v.leadTimeMedianHours, band: v.bands.leadTime),
            HeadlineMetric(id: "lead_time_p90_hours", title: "Lead time (p90)", value: v.leadTimeP90Hours),
            HeadlineMetric(id: "change_failure_rate", title: "Change failure rate", value: v.changeFailureRate, band: v.bands.changeFailureRate),
            HeadlineMetric(id: "failed_deployment_recovery_median_hours", title: "Deploy recovery (median)",
                           value: v.failedDeploymentRecoveryMedianHours, band: v.bands.failedDeploymentRecovery),
            HeadlineMetric(id: "time_to_restore_median_hours", title: "Incident restore (median)", value: v.timeToRestoreMedianHours, band: v.bands.timeToRestore),
            HeadlineMetric(id: "idea_to_production_median_days", title: "Idea to production (days)", value: v.ideaToProductionMedianDays),
            HeadlineMetric(id: "maintenance_share", title: "Maintenance share", value: s.maintenance.capacityShare),
            HeadlineMetric(id: "maintenance_cost", title: "Maintenance cost", value: s.maintenance.cost),
            HeadlineMetric(id: "pages_per_week", title: "Pages / week", value: s.maintenance.pagesPerWeek),
            HeadlineMetric(id: "spend", title: "Spend (net)", value: f.spend),
            HeadlineMetric(id: "gross_spend", title: "Charges (gross)", value: f.grossSpend),
            HeadlineMetric(id: "credits", title: "Credits and refunds", value: f.credits),
            HeadlineMetric(id: "gpu_share", title: "GPU share of spend", value: f.gpuShare),
            HeadlineMetric(id: "cost_per_1k_predictions", title: "Cost / 1k predictions", value: f.costPer1kPredictions),
            HeadlineMetric(id: "failed_run_gpu_spend", title: "GPU spend on failed runs", value: f.failedRunGPUSpend),
            HeadlineMetric(id: "availability_percent", title: "Availability (online)", value: s.product.availability),
            HeadlineMetric(id: "error_rate", title: "Error rate", value: s.product.errorRate),
            HeadlineMetric(id: "runs_per_week", title: "Runs / week", value: s.research.runsPerWeek),
            HeadlineMetric(id: "run_success_rate", title: "Run success rate", value: s.research.successRate),
            HeadlineMetric(id: "run_duration_median_hours", title: "Run duration (median)", value: s.research.durationMedianHours),
            HeadlineMetric(id: "queue_wait_median_minutes", title: "Queue wait (median)", value: s.research.queueWaitMedianMinutes),
            HeadlineMetric(id: "gpu_hours", title: "GPU hours", value: s.research.gpuHours),
        ]
    }
}
