import MLOpsCore

/// The store's schema on PostgreSQL: the same migrations, under the same identifiers and
/// in the same order as `Schema` gives SQLite, so both engines report one schema version
/// and a binary refuses a store a newer one wrote, whichever engine holds it.
///
/// Column types keep SQLite's values: epoch seconds and whole numbers as `BIGINT`,
/// booleans as 0/1, dates as ISO text, amounts and hours as `DOUBLE PRECISION`.
enum PostgresSchema {
    static let migrationsTable = "mlops_dash_migrations"

    /// Text compares and sorts by its bytes, as SQLite's default collation does, so ids,
    /// names and dates order the same on both engines whatever the database's locale.
    static let migrations: [(identifier: String, sql: String)] = steps.map { ($0, $1.replacingOccurrences(of: " TEXT", with: " TEXT COLLATE \"C\"")) }

    private static let steps: [(identifier: String, sql: String)] = [
        ("v1-records", """
            CREATE TABLE teams (
                name TEXT PRIMARY KEY NOT NULL,
                ml_engineers BIGINT NOT NULL,
                platform_engineers BIGINT NOT NULL,
                hours_per_week DOUBLE PRECISION NOT NULL DEFAULT 40
            );
            CREATE TABLE models (
                name TEXT PRIMARY KEY NOT NULL,
                team TEXT NOT NULL,
                serving TEXT NOT NULL,
                slo_p95_ms DOUBLE PRECISION,
                slo_availability DOUBLE PRECISION,
                created_at BIGINT
            );
            CREATE TABLE runs (
                id TEXT PRIMARY KEY NOT NULL,
                model TEXT NOT NULL,
                team TEXT NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                "trigger" TEXT NOT NULL,
                orchestrated BIGINT NOT NULL,
                registered BIGINT NOT NULL,
                queued_at BIGINT,
                started_at BIGINT,
                ended_at BIGINT,
                gpu_hours DOUBLE PRECISION,
                "user" TEXT,
                error TEXT,
                placed_at BIGINT GENERATED ALWAYS AS (COALESCE(started_at, queued_at, ended_at)) STORED
            );
            CREATE INDEX runs_by_time ON runs(placed_at);
            CREATE INDEX runs_by_team_time ON runs(team, placed_at);
            CREATE INDEX runs_by_model_time ON runs(model, placed_at);
            CREATE TABLE deployments (
                id TEXT PRIMARY KEY NOT NULL,
                model TEXT NOT NULL,
                team TEXT NOT NULL,
                version TEXT NOT NULL,
                environment TEXT NOT NULL,
                deployed_at BIGINT NOT NULL,
                method TEXT NOT NULL,
                run_id TEXT,
                status TEXT NOT NULL,
                rolled_back_at BIGINT
            );
            CREATE INDEX deployments_by_time ON deployments(deployed_at);
            CREATE INDEX deployments_by_model_time ON deployments(model, deployed_at);
            CREATE TABLE incidents (
                id TEXT PRIMARY KEY NOT NULL,
                team TEXT NOT NULL,
                model TEXT,
                severity BIGINT NOT NULL,
                kind TEXT NOT NULL,
                opened_at BIGINT NOT NULL,
                acknowledged_at BIGINT,
                resolved_at BIGINT,
                deployment_id TEXT,
                downtime_minutes DOUBLE PRECISION,
                title TEXT NOT NULL
            );
            CREATE INDEX incidents_by_time ON incidents(opened_at);
            CREATE INDEX incidents_open ON incidents(resolved_at) WHERE resolved_at IS NULL;
            CREATE TABLE maintenance (
                id TEXT PRIMARY KEY NOT NULL,
                team TEXT NOT NULL,
                person TEXT,
                category TEXT NOT NULL,
                system TEXT,
                hours DOUBLE PRECISION NOT NULL,
                date TEXT NOT NULL,
                note TEXT
            );
            CREATE INDEX maintenance_by_date ON maintenance(date);
            CREATE TABLE costs (
                id TEXT PRIMARY KEY NOT NULL,
                date TEXT NOT NULL,
                amount DOUBLE PRECISION NOT NULL,
                currency TEXT NOT NULL,
                category TEXT NOT NULL,
                service TEXT,
                team TEXT,
                model TEXT,
                run_id TEXT,
                resource_id TEXT
            );
            CREATE INDEX costs_by_date ON costs(date);
            CREATE TABLE budgets (
                scope TEXT NOT NULL,
                period TEXT NOT NULL,
                amount DOUBLE PRECISION NOT NULL,
                currency TEXT NOT NULL,
                PRIMARY KEY (scope, period)
            );
            CREATE TABLE serving (
                model TEXT NOT NULL,
                date TEXT NOT NULL,
                requests BIGINT NOT NULL,
                errors BIGINT NOT NULL,
                p50_ms DOUBLE PRECISION,
                p95_ms DOUBLE PRECISION,
                downtime_minutes DOUBLE PRECISION,
                PRIMARY KEY (model, date)
            );
            CREATE INDEX serving_by_date ON serving(date);
            CREATE TABLE imports (
                id BIGSERIAL PRIMARY KEY,
                kind TEXT NOT NULL,
                source TEXT NOT NULL,
                imported_at BIGINT NOT NULL,
                inserted BIGINT NOT NULL,
                updated BIGINT NOT NULL,
                unchanged BIGINT NOT NULL
            );
            """),
        ("v2-link-indexes", """
            CREATE INDEX incidents_by_deployment ON incidents(deployment_id) WHERE deployment_id IS NOT NULL;
            CREATE INDEX deployments_by_run ON deployments(run_id) WHERE run_id IS NOT NULL;
            CREATE INDEX costs_by_team_date ON costs(team, date);
            CREATE INDEX maintenance_by_team_date ON maintenance(team, date);
            """),
        ("v3-external-sources", """
            CREATE TABLE external_ids (
                source TEXT NOT NULL,
                kind TEXT NOT NULL,
                external_id TEXT NOT NULL,
                record_id TEXT NOT NULL,
                first_seen_at BIGINT NOT NULL,
                PRIMARY KEY (source, kind, external_id)
            );
            CREATE TABLE external_production (
                source TEXT NOT NULL,
                model TEXT NOT NULL,
                version TEXT NOT NULL,
                deployment_id TEXT NOT NULL,
                seen_at BIGINT NOT NULL,
                PRIMARY KEY (source, model)
            );
            """),
        ("v4-metric-indexes", """
            CREATE INDEX runs_by_kind_model_time ON runs(kind, model, placed_at);
            CREATE INDEX runs_running ON runs(placed_at) WHERE status = 'running';
            CREATE INDEX runs_failed_by_end ON runs((COALESCE(ended_at, placed_at))) WHERE status = 'failed';
            CREATE INDEX deployments_production_by_model ON deployments(model, deployed_at) WHERE environment = 'production' AND status <> 'failed';
            CREATE INDEX runs_succeeded_by_end ON runs(ended_at) WHERE status = 'succeeded';
            """),
        ("v5-rollups", """
            CREATE TABLE record_days (
                kind TEXT NOT NULL,
                day BIGINT NOT NULL,
                records BIGINT NOT NULL,
                PRIMARY KEY (kind, day)
            );
            CREATE TABLE record_day_fields (
                kind TEXT NOT NULL,
                day BIGINT NOT NULL,
                field TEXT NOT NULL,
                filled BIGINT NOT NULL,
                PRIMARY KEY (kind, day, field)
            );
            CREATE TABLE cost_team_days (
                day TEXT NOT NULL,
                team TEXT,
                model TEXT,
                credit BIGINT NOT NULL,
                cents BIGINT NOT NULL
            );
            CREATE INDEX cost_team_days_by_day ON cost_team_days(day);
            CREATE TABLE cost_months (
                month TEXT NOT NULL,
                team TEXT,
                model TEXT,
                category TEXT NOT NULL,
                credit BIGINT NOT NULL,
                cents BIGINT NOT NULL,
                lines BIGINT NOT NULL
            );
            CREATE INDEX cost_months_by_month ON cost_months(month);
            CREATE TABLE run_months (
                month TEXT NOT NULL,
                team TEXT NOT NULL,
                model TEXT NOT NULL,
                runs BIGINT NOT NULL,
                training BIGINT NOT NULL,
                orchestrated BIGINT NOT NULL,
                automated BIGINT NOT NULL,
                monitoring_triggered BIGINT NOT NULL,
                succeeded_training BIGINT NOT NULL
            );
            CREATE INDEX run_months_by_month ON run_months(month);
            """),
        ("v6-narrow-run-indexes", """
            DROP INDEX runs_by_kind_model_time;
            CREATE INDEX runs_experiments_by_model ON runs(model, placed_at) WHERE kind = 'experiment';
            DROP INDEX runs_succeeded_by_end;
            CREATE INDEX runs_succeeded_training_by_end ON runs(ended_at) WHERE status = 'succeeded' AND kind IN ('training', 'pipeline');
            """),
        ("v7-window-indexes", """
            CREATE INDEX costs_gpu_with_run ON costs(date, run_id, team, model, amount) WHERE category = 'gpu' AND run_id IS NOT NULL;
            DROP INDEX runs_succeeded_training_by_end;
            CREATE INDEX runs_by_end ON runs(ended_at);
            """),
        ("v8-failed-run-ids", """
            CREATE INDEX runs_failed_ids ON runs(id) WHERE status = 'failed'
            """),
        ("v9-date-indexes", """
            DROP INDEX maintenance_by_date;
            CREATE INDEX maintenance_by_date_cover ON maintenance(date, team, system, category, hours);
            DROP INDEX serving_by_date;
            CREATE INDEX serving_by_date_model ON serving(date, model)
            """),
        // SQLite's research days (`ResearchDays`) have no table here: PostgreSQL sorts a
        // window's durations on the server and sends them as one array per window
        // (`PostgresMetricsReader`). The step keeps the two engines' versions in line.
        ("v10-research-days", "SELECT 1"),
        ("v11-resolved-incidents", """
            CREATE INDEX incidents_by_resolution ON incidents(resolved_at) WHERE resolved_at IS NOT NULL
            """),
    ]

    /// SQLite's `round(x)` (half away from zero, on the double) cast to a whole number:
    /// PostgreSQL's own `round` of a double breaks ties to even, and through `numeric` it
    /// would round the decimal printout, not the double, so cents could differ.
    static func roundedInteger(_ x: String) -> String {
        "trunc((\(x)) + CASE WHEN (\(x)) < 0 THEN -0.5 ELSE 0.5 END)::bigint"
    }

    /// Whole cents of a cost line's amount, as SQLite's `CAST(round(amount * 100) AS INTEGER)`.
    static func cents(_ amount: String) -> String { roundedInteger("\(amount) * 100") }
}
