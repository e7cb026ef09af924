import MLOpsCore
import MLOpsStore

/// What one dashboard screen computes for a window, and the same aggregates written as
/// plain SQL for the `sqlite3` shell, the yardstick the issue asks for.
struct ScreenWorkload: Sendable {
    var name: String
    /// The parts of the metric input the screen's metrics read.
    var parts: MetricsParts
    /// Computes the screen's metrics from its input.
    var compute: @Sendable (MetricsInput, MetricsQuery) -> Void
    /// The screen's aggregates as SQL; `:from`/`:to` are epoch seconds, `:fromDay`/`:toDay` ISO days.
    var sql: [String]

    /// The screen's data as the dashboard gets it: its input from the store, then its metrics.
    func run(_ source: MetricsSource, _ query: MetricsQuery) throws {
        compute(try source.input(for: query, parts: parts), query)
    }

    static let all: [ScreenWorkload] = [
        // The whole Overview: the dashboard shows six of its tiles from fewer parts first.
        ScreenWorkload(name: "overview", parts: .all, compute: { i, q in _ = PlatformSnapshot.compute(i, q) }, sql: [
            "SELECT count(*) FROM deployments WHERE environment = 'production' AND status != 'failed' AND deployed_at BETWEEN :from AND :to",
            "SELECT sum(hours) FROM maintenance WHERE date BETWEEN :fromDay AND :toDay",
            "SELECT sum(amount) FROM costs WHERE date BETWEEN :fromDay AND :toDay",
            "SELECT count(*) FROM incidents WHERE resolved_at IS NULL",
        ]),
        ScreenWorkload(name: "velocity", parts: .velocityParts, compute: { i, q in _ = Velocity.compute(i, q) }, sql: [
            """
            SELECT d.model, strftime('%W', d.deployed_at, 'unixepoch') AS week, count(*), avg(d.deployed_at - r.ended_at),
                   sum(d.status = 'rolled_back' OR i.id IS NOT NULL)
            FROM deployments d LEFT JOIN runs r ON r.id = d.run_id LEFT JOIN incidents i ON i.deployment_id = d.id
            WHERE d.environment = 'production' AND d.deployed_at BETWEEN :from AND :to GROUP BY d.model, week
            """,
            "SELECT avg(resolved_at - opened_at) FROM incidents WHERE opened_at BETWEEN :from AND :to AND resolved_at IS NOT NULL",
        ]),
        ScreenWorkload(name: "maintenance", parts: .maintenanceParts, compute: { i, q in _ = MaintenanceLoad.compute(i, q) }, sql: [
            "SELECT team, category, sum(hours) FROM maintenance WHERE date BETWEEN :fromDay AND :toDay GROUP BY team, category",
            "SELECT system, sum(hours) FROM maintenance WHERE date BETWEEN :fromDay AND :toDay GROUP BY system ORDER BY 2 DESC",
            "SELECT team, count(*) FROM incidents WHERE opened_at BETWEEN :from AND :to GROUP BY team",
        ]),
        ScreenWorkload(name: "maturity", parts: .maturityParts, compute: { i, q in
            _ = MaturityOverview.compute(i, window: q.window, thresholds: q.configuration.maturityThresholds, historyMonths: q.historyMonths)
        }, sql: [
            """
            SELECT model, count(*), sum(orchestrated), sum("trigger" != 'manual'), sum("trigger" IN ('drift', 'data'))
            FROM runs WHERE kind = 'training' AND placed_at BETWEEN :from AND :to GROUP BY model
            """,
            """
            SELECT d.model, count(*), sum(d.method = 'automated'), sum(r.registered), sum(d.status = 'rolled_back')
            FROM deployments d LEFT JOIN runs r ON r.id = d.run_id
            WHERE d.environment = 'production' AND d.status != 'failed' AND d.deployed_at BETWEEN :from AND :to GROUP BY d.model
            """,
            "SELECT DISTINCT model FROM serving WHERE date BETWEEN :fromDay AND :toDay",
        ]),
        ScreenWorkload(name: "finance", parts: .financeParts, compute: { i, q in _ = Finance.compute(i, q) }, sql: [
            "SELECT date, team, category, sum(amount) FROM costs WHERE date BETWEEN :fromDay AND :toDay GROUP BY date, team, category",
            "SELECT model, sum(amount) FROM costs WHERE date BETWEEN :fromDay AND :toDay GROUP BY model",
            """
            SELECT sum(c.amount) FROM costs c JOIN runs r ON r.id = c.run_id
            WHERE c.category = 'gpu' AND r.status = 'failed' AND c.date BETWEEN :fromDay AND :toDay
            """,
        ]),
        ScreenWorkload(name: "product", parts: .productParts, compute: { i, q in
            _ = ProductHealth.compute(i, q, velocity: Velocity.compute(i, q))
        }, sql: [
            """
            SELECT model, sum(requests), sum(errors), max(p95_ms), sum(downtime_minutes)
            FROM serving WHERE date BETWEEN :fromDay AND :toDay GROUP BY model
            """,
            "SELECT severity, count(*) FROM incidents WHERE opened_at BETWEEN :from AND :to GROUP BY severity",
        ]),
        ScreenWorkload(name: "research", parts: .researchParts, compute: { i, q in
            _ = ResearchThroughput.compute(i, q)
        }, sql: [
            """
            SELECT kind, status, count(*), avg(ended_at - started_at), avg(started_at - queued_at), sum(gpu_hours)
            FROM runs WHERE placed_at BETWEEN :from AND :to GROUP BY kind, status
            """,
            "SELECT strftime('%W', placed_at, 'unixepoch') AS week, count(*) FROM runs WHERE placed_at BETWEEN :from AND :to GROUP BY week",
        ]),
        ScreenWorkload(name: "triage", parts: .triageParts, compute: { i, q in _ = Triage.compute(i, q) }, sql: [
            "SELECT * FROM incidents WHERE resolved_at IS NULL ORDER BY severity, opened_at",
            "SELECT * FROM deployments WHERE deployed_at >= :to - 259200 ORDER BY deployed_at DESC",
            "SELECT * FROM runs WHERE status = 'failed' AND placed_at >= :to - 86400",
            // What else the screen shows: rollbacks, SLO breaches of the last day, and each
            // team's daily spend over the 28 days its cost anomalies compare against.
            "SELECT * FROM deployments WHERE rolled_back_at >= :to - 259200",
            """
            SELECT s.model, s.date, s.p95_ms, s.downtime_minutes FROM serving s JOIN models m ON m.name = s.model
            WHERE s.date >= date(:toDay, '-1 day') AND (s.p95_ms > m.slo_p95_ms OR (s.downtime_minutes > 0 AND m.slo_availability IS NOT NULL))
            """,
            "SELECT date, team, sum(amount) FROM costs WHERE date >= date(:toDay, '-28 days') AND amount > 0 GROUP BY date, team",
        ]),
    ]
}
