import GRDB
import MLOpsCore

/// The store's schema history, oldest first. Shipped migrations never change:
/// a new need is a new migration at the end.
enum Schema {
    /// 'MLOP': marks a SQLite file as an mlops-dash store.
    static let applicationID: Int32 = 0x4D4C_4F50

    static var migrator: SchemaMigrations { migrator(through: nil) }

    /// The migrator, optionally stopped after the named migration, so tests can build
    /// a store as an older binary would have left it.
    static func migrator(through last: String?) -> SchemaMigrations {
        var migrator = SchemaMigrations()
        migrator.registerMigration("v1-records") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: """
                CREATE TABLE teams (
                    name TEXT PRIMARY KEY NOT NULL,
                    ml_engineers INTEGER NOT NULL,
                    platform_engineers INTEGER NOT NULL,
                    hours_per_week REAL NOT NULL DEFAULT 40
                );
                CREATE TABLE models (
                    name TEXT PRIMARY KEY NOT NULL,
                    team TEXT NOT NULL,
                    serving TEXT NOT NULL,
                    slo_p95_ms REAL,
                    slo_availability REAL,
                    created_at INTEGER
                );
                CREATE TABLE runs (
                    id TEXT PRIMARY KEY NOT NULL,
                    model TEXT NOT NULL,
                    team TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    "trigger" TEXT NOT NULL,
                    orchestrated INTEGER NOT NULL,
                    registered INTEGER NOT NULL,
                    queued_at INTEGER,
                    started_at INTEGER,
                    ended_at INTEGER,
                    gpu_hours REAL,
                    user TEXT,
                    error TEXT,
                    placed_at INTEGER GENERATED ALWAYS AS (COALESCE(started_at, queued_at, ended_at)) STORED
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
                    deployed_at INTEGER NOT NULL,
                    method TEXT NOT NULL,
                    run_id TEXT,
                    status TEXT NOT NULL,
                    rolled_back_at INTEGER
                );
                CREATE INDEX deployments_by_time ON deployments(deployed_at);
                CREATE INDEX deployments_by_model_time ON deployments(model, deployed_at);
                CREATE TABLE incidents (
                    id TEXT PRIMARY KEY NOT NULL,
                    team TEXT NOT NULL,
                    model TEXT,
                    severity INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    opened_at INTEGER NOT NULL,
                    acknowledged_at INTEGER,
                    resolved_at INTEGER,
                    deployment_id TEXT,
                    downtime_minutes REAL,
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
                    hours REAL NOT NULL,
                    date TEXT NOT NULL,
                    note TEXT
                );
                CREATE INDEX maintenance_by_date ON maintenance(date);
                CREATE TABLE costs (
                    id TEXT PRIMARY KEY NOT NULL,
                    date TEXT NOT NULL,
                    amount REAL NOT NULL,
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
                    amount REAL NOT NULL,
                    currency TEXT NOT NULL,
                    PRIMARY KEY (scope, period)
                );
                CREATE TABLE serving (
                    model TEXT NOT NULL,
                    date TEXT NOT NULL,
                    requests INTEGER NOT NULL,
                    errors INTEGER NOT NULL,
                    p50_ms REAL,
                    p95_ms REAL,
                    downtime_minutes REAL,
                    PRIMARY KEY (model, date)
                );
                CREATE INDEX serving_by_date ON serving(date);
                CREATE TABLE imports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    source TEXT NOT NULL,
                    imported_at INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    unchanged INTEGER NOT NULL
                );
                """)
        }
        if last == "v1-records" { return migrator }
        migrator.registerMigration("v2-link-indexes") { db in
            // Change failure rate and triage join deployments to incidents and runs.
            try db.execute(sql: """
                CREATE INDEX incidents_by_deployment ON incidents(deployment_id) WHERE deployment_id IS NOT NULL;
                CREATE INDEX deployments_by_run ON deployments(run_id) WHERE run_id IS NOT NULL;
                CREATE INDEX costs_by_team_date ON costs(team, date);
                CREATE INDEX maintenance_by_team_date ON maintenance(team, date);
                """)
        }
        if last == "v2-link-indexes" { return migrator }
        migrator.registerMigration("v3-external-sources") { db in
            // Imports from other systems (MLflow) keep those systems' ids, and what the
            // last import saw in production, so a later import can tell a promotion
            // from a rollback: MLflow itself keeps no history of either.
            try db.execute(sql: """
                CREATE TABLE external_ids (
                    source TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    first_seen_at INTEGER NOT NULL,
                    PRIMARY KEY (source, kind, external_id)
                );
                CREATE TABLE external_production (
                    source TEXT NOT NULL,
                    model TEXT NOT NULL,
                    version TEXT NOT NULL,
                    deployment_id TEXT NOT NULL,
                    seen_at INTEGER NOT NULL,
                    PRIMARY KEY (source, model)
                );
                """)
        }
        if last == "v3-external-sources" { return migrator }
        migrator.registerMigration("v4-metric-indexes") { db in
            // Metrics are computed in SQL: first experiments per model read an index, not
            // every run; running and recently failed runs are found without scanning the range.
            try db.execute(sql: """
                CREATE INDEX runs_by_kind_model_time ON runs(kind, model, placed_at);
                CREATE INDEX runs_running ON runs(placed_at) WHERE status = 'running';
                CREATE INDEX runs_failed_by_end ON runs(COALESCE(ended_at, placed_at)) WHERE status = 'failed';
                CREATE INDEX deployments_production_by_model ON deployments(model, deployed_at) WHERE environment = 'production' AND status != 'failed';
                CREATE INDEX runs_succeeded_by_end ON runs(ended_at) WHERE status = 'succeeded';
                """)
        }
        if last == "v4-metric-indexes" { return migrator }
        migrator.registerMigration("v5-rollups") { db in
            // Data health, budgets and maturity history read counts kept in step with the
            // records (per kind and day, per team and day, per model and month), so they cost
            // the same on any store; existing stores count theirs once here.
            try db.execute(sql: RecordDays.createTables)
            try db.execute(sql: CostTeamDays.createTable)
            try db.execute(sql: CostMonths.createTable)
            try db.execute(sql: RunMonths.createTable)
            for kind in RecordKind.importOrder { try Rollups.refreshVersion5Tables(db, kind: kind) }
        }
        if last == "v5-rollups" { return migrator }
        migrator.registerMigration("v6-narrow-run-indexes") { db in
            // Two of v4's indexes held every run for queries that read a fraction of them:
            // first experiments read experiments only, the late-run correction succeeded
            // training runs only. Narrowed, they cost an import of runs a fifth less to build.
            try db.execute(sql: """
                DROP INDEX runs_by_kind_model_time;
                CREATE INDEX runs_experiments_by_model ON runs(model, placed_at) WHERE kind = 'experiment';
                DROP INDEX runs_succeeded_by_end;
                CREATE INDEX runs_succeeded_training_by_end ON runs(ended_at) WHERE status = 'succeeded' AND kind IN ('training', 'pipeline');
                """)
        }
        if last == "v6-narrow-run-indexes" { return migrator }
        migrator.registerMigration("v7-window-indexes") { db in
            // A window's GPU spend on failed runs read every cost line of the window from the
            // table to find the GPU lines with a run: they are a third of the lines, and the
            // partial index holds all the query reads of them. The runs still running at `now`
            // (`ended_at >= now` whatever the status) were a scan of the whole range: every
            // run's end time, indexed, finds the few; it also serves the late-succeeded
            // training runs that v6's partial index served.
            try db.execute(sql: """
                CREATE INDEX costs_gpu_with_run ON costs(date, run_id, team, model, amount) WHERE category = 'gpu' AND run_id IS NOT NULL;
                DROP INDEX runs_succeeded_training_by_end;
                CREATE INDEX runs_by_end ON runs(ended_at);
                """)
        }
        if last == "v7-window-indexes" { return migrator }
        migrator.registerMigration("v8-failed-run-ids") { db in
            // A window's GPU spend on failed runs joins its GPU lines to the failed runs.
            // PostgreSQL hashed the failed runs read from the table (a tenth of the runs,
            // spread over every page); their keys alone, in a partial index, are a small
            // index-only read. SQLite's lookups by key do not need it; the two engines keep
            // one schema.
            try db.execute(sql: "CREATE INDEX runs_failed_ids ON runs(id) WHERE status = 'failed'")
        }
        if last == "v8-failed-run-ids" { return migrator }
        migrator.registerMigration("v9-date-indexes") { db in
            // Two reads by date that sorted or looked up every row: maintenance is summed per
            // week, team, system and category, and the date index found each entry and then
            // its row (a 180-day read 43 → 22 ms in the shell with the columns in the index);
            // serving days are read by date and model, and were sorted again by model. Each
            // replaces its date index, so an import maintains as many.
            try db.execute(sql: """
                DROP INDEX maintenance_by_date;
                CREATE INDEX maintenance_by_date_cover ON maintenance(date, team, system, category, hours);
                DROP INDEX serving_by_date;
                CREATE INDEX serving_by_date_model ON serving(date, model);
                """)
        }
        if last == "v9-date-indexes" { return migrator }
        migrator.registerMigration("v10-research-days") { db in
            // Research read every run of its two windows (a 90-day window: 123,000 runs each)
            // for counts and exact percentiles; its days are kept summed per team, kind and
            // status, with every duration and queue wait in order (`ResearchDays`).
            try db.execute(sql: ResearchDays.createTable)
            try ResearchDays.refresh(db, days: nil)
        }
        if last == "v10-research-days" { return migrator }
        migrator.registerMigration("v11-resolved-incidents") { db in
            // The incidents still open at `now` that were opened before a window's range:
            // `resolved_at IS NULL OR resolved_at >= now` read every incident opened before
            // it (all of history, 38 ms on a twenty-year store); the resolved ones are now
            // found by their resolution time, the unresolved ones by `incidents_open`.
            try db.execute(sql: "CREATE INDEX incidents_by_resolution ON incidents(resolved_at) WHERE resolved_at IS NOT NULL")
        }
        return migrator
    }

    /// The migrations this binary knows, in order; a store's applied list is a prefix of it.
    static var knownMigrations: [String] { migrator.migrations }
}
