import MLOpsCore
import MLOpsStore

/// What one dashboard screen computes for a window, and the same aggregates written as
/// plain SQL for the `sqlite3` shell, the yardstick the issue asks for.
struct ScreenWorkload: Sendable {
    var name: String
    /// Computes the screen's metrics from loaded records.
    var compute: @Sendable (Inputs) -> Void
    /// The screen's aggregates as SQL; `:from`/`:to` are epoch seconds, `:fromDay`/`:toDay` ISO days.
    var sql: [String]

    struct Inputs: Sendable {
        var records: RecordSet
        var history: ModelHistory
        var window: TimeWindow
        var previous: TimeWindow
        var now: Instant
        var configuration: MetricsConfiguration
    }

    static func velocity(_ i: Inputs) -> Velocity {
        Velocity.compute(records: i.records, window: i.window, previous: i.previous, now: i.now, history: i.history,
                         benchmark: i.configuration.benchmark)
    }

    static let all: [ScreenWorkload] = [
        ScreenWorkload(name: "overview", compute: { i in
            _ = PlatformSnapshot.compute(records: i.records, history: i.history, window: i.window, previous: i.previous,
                                         windowLabel: "", now: i.now, configuration: i.configuration)
        }, sql: [
            "SELECT count(*) FROM deployments WHERE environment = 'production' AND status != 'failed' AND deployed_at BETWEEN :from AND :to",
            "SELECT sum(hours) FROM maintenance WHERE date BETWEEN :fromDay AND :toDay",
            "SELECT sum(amount) FROM costs WHERE date BETWEEN :fromDay AND :toDay",
            "SELECT count(*) FROM incidents WHERE resolved_at IS NULL",
        ]),
        ScreenWorkload(name: "velocity", compute: { i in _ = velocity(i) }, sql: [
            """
            SELECT d.model, strftime('%W', d.deployed_at, 'unixepoch') AS week, count(*), avg(d.deployed_at - r.ended_at),
                   sum(d.status = 'rolled_back' OR i.id IS NOT NULL)
            FROM deployments d LEFT JOIN runs r ON r.id = d.run_id LEFT JOIN incidents i ON i.deployment_id = d.id
            WHERE d.environment = 'production' AND d.deployed_at BETWEEN :from AND :to GROUP BY d.model, week
            """,
            "SELECT avg(resolved_at - opened_at) FROM incidents WHERE opened_at BETWEEN :from AND :to AND resolved_at IS NOT NULL",
        ]),
        ScreenWorkload(name: "maintenance", compute: { i in
            _ = MaintenanceLoad.compute(records: i.records, window: i.window, previous: i.previous, now: i.now,
                                        hourlyRate: i.configuration.hourlyRate)
        }, sql: [
            "SELECT team, category, sum(hours) FROM maintenance WHERE date BETWEEN :fromDay AND :toDay GROUP BY team, category",
            "SELECT system, sum(hours) FROM maintenance WHERE date BETWEEN :fromDay AND :toDay GROUP BY system ORDER BY 2 DESC",
            "SELECT team, count(*) FROM incidents WHERE opened_at BETWEEN :from AND :to GROUP BY team",
        ]),
        ScreenWorkload(name: "maturity", compute: { i in
            _ = MaturityOverview.compute(records: i.records, window: i.window, thresholds: i.configuration.maturityThresholds,
                                         historyMonths: i.window.months)
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
        ScreenWorkload(name: "finance", compute: { i in
            _ = Finance.compute(records: i.records, window: i.window, previous: i.previous, now: i.now, budgetScope: nil,
                                anomalyK: i.configuration.anomalyK)
        }, sql: [
            "SELECT date, team, category, sum(amount) FROM costs WHERE date BETWEEN :fromDay AND :toDay GROUP BY date, team, category",
            "SELECT model, sum(amount) FROM costs WHERE date BETWEEN :fromDay AND :toDay GROUP BY model",
            """
            SELECT sum(c.amount) FROM costs c JOIN runs r ON r.id = c.run_id
            WHERE c.category = 'gpu' AND r.status = 'failed' AND c.date BETWEEN :fromDay AND :toDay
            """,
        ]),
        ScreenWorkload(name: "product", compute: { i in
            _ = ProductHealth.compute(records: i.records, window: i.window, previous: i.previous, now: i.now, velocity: velocity(i))
        }, sql: [
            """
            SELECT model, sum(requests), sum(errors), max(p95_ms), sum(downtime_minutes)
            FROM serving WHERE date BETWEEN :fromDay AND :toDay GROUP BY model
            """,
            "SELECT severity, count(*) FROM incidents WHERE opened_at BETWEEN :from AND :to GROUP BY severity",
        ]),
        ScreenWorkload(name: "research", compute: { i in
            _ = ResearchThroughput.compute(records: i.records, window: i.window, previous: i.previous, now: i.now, velocity: velocity(i))
        }, sql: [
            """
            SELECT kind, status, count(*), avg(ended_at - started_at), avg(started_at - queued_at), sum(gpu_hours)
            FROM runs WHERE placed_at BETWEEN :from AND :to GROUP BY kind, status
            """,
            "SELECT strftime('%W', placed_at, 'unixepoch') AS week, count(*) FROM runs WHERE placed_at BETWEEN :from AND :to GROUP BY week",
        ]),
        ScreenWorkload(name: "triage", compute: { i in
            _ = Triage.compute(records: i.records, now: i.now, windowHours: i.configuration.triageHours,
                               changeHours: i.configuration.changeHours, anomalyK: i.configuration.anomalyK)
        }, sql: [
            "SELECT * FROM incidents WHERE resolved_at IS NULL ORDER BY severity, opened_at",
            "SELECT * FROM deployments WHERE deployed_at >= :to - 259200 ORDER BY deployed_at DESC",
            "SELECT * FROM runs WHERE status = 'failed' AND placed_at >= :to - 86400",
        ]),
    ]
}
