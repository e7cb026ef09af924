import GRDB
import MLOpsCore

// MARK: - Teams

extension Team: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.teams }
    static let schema = RecordSchema(kind: .teams, table: "teams", key: ["name"], fields: [
        FieldSpec("name", .text, required: true, "team name, unique"),
        FieldSpec("ml_engineers", .count, required: true, "ML engineers / data scientists on the team"),
        FieldSpec("platform_engineers", .count, required: true, "MLOps / platform engineers on the team"),
        FieldSpec("hours_per_week", .decimal(minimum: 0), "capacity per person per week (default 40)"),
    ], rules: [
        .defaultValue("hours_per_week", 40),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(name: row[0], mlEngineers: row[1], platformEngineers: row[2],
                  hoursPerWeek: row[3])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] { [name, mlEngineers, platformEngineers, hoursPerWeek] }
}

// MARK: - Models

extension Model: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.models }
    static let schema = RecordSchema(kind: .models, table: "models", key: ["name"], fields: [
        FieldSpec("name", .text, required: true, "model name, unique"),
        FieldSpec("team", .text, required: true, "owning team"),
        FieldSpec("serving", .choice(of: ServingMode.self), required: true, "online endpoint or batch job"),
        FieldSpec("slo_p95_ms", .decimal(minimum: 0), "p95 latency objective in milliseconds"),
        FieldSpec("slo_availability", .decimal(minimum: 0), "availability objective in percent, e.g. 99.9"),
        FieldSpec("created_at", .timestamp, "when the model was created"),
    ], rules: [
        .atMost("slo_availability", 100, problem: "is over 100; expected a percentage like 99.9"),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(name: row[0], team: row[1], serving: row.choice(2, ServingMode.online),
                  sloP95Ms: row[3], sloAvailability: row[4], createdAt: row[5])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [name, team, serving.stored, sloP95Ms, sloAvailability, createdAt]
    }
}

// MARK: - Runs

extension Run: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.runs }
    static let schema = RecordSchema(kind: .runs, table: "runs", key: ["id"], fields: [
        FieldSpec("id", .text, required: true, "run id, unique"),
        FieldSpec("model", .text, required: true, "the model the run trains or serves"),
        FieldSpec("team", .text, required: true, "the team that owns the run"),
        FieldSpec("kind", .choice(of: RunKind.self), required: true, "what the run does"),
        FieldSpec("status", .choice(of: RunStatus.self), required: true, "outcome; running has no ended_at"),
        FieldSpec("trigger", .choice(of: RunTrigger.self), required: true, "what started it; drift/data are monitoring-triggered"),
        FieldSpec("orchestrated", .boolean, "ran inside a pipeline/orchestrator (default false)"),
        FieldSpec("registered", .boolean, "produced a registered model version (default false)"),
        FieldSpec("queued_at", .timestamp, "when it was submitted"),
        FieldSpec("started_at", .timestamp, "when it started (queued_at or started_at is required)"),
        FieldSpec("ended_at", .timestamp, "when it ended"),
        FieldSpec("gpu_hours", .nonNegative, "GPU hours consumed"),
        FieldSpec("user", .text, "who started it"),
        FieldSpec("error", .text, "error message of a failed run"),
    ], rules: [
        .anyOf(["started_at", "queued_at"], problem: "is empty and so is queued_at; a run needs at least one of them"),
        .notBefore(later: "started_at", earlier: ["queued_at"]),
        .notBefore(later: "ended_at", earlier: ["started_at", "queued_at"]),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(id: row[0], model: row[1], team: row[2], kind: row.choice(3, RunKind.experiment),
                  status: row.choice(4, RunStatus.failed), trigger: row.choice(5, RunTrigger.manual),
                  orchestrated: row[6], registered: row[7], queuedAt: row[8],
                  startedAt: row[9], endedAt: row[10], gpuHours: row[11],
                  user: row[12], error: row[13])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [id, model, team, kind.stored, status.stored, trigger.stored, orchestrated, registered,
         queuedAt, startedAt, endedAt, gpuHours, user, error]
    }
}

// MARK: - Deployments

extension Deployment: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.deployments }
    static let schema = RecordSchema(kind: .deployments, table: "deployments", key: ["id"], fields: [
        FieldSpec("id", .text, required: true, "deployment id, unique"),
        FieldSpec("model", .text, required: true, "the deployed model"),
        FieldSpec("team", .text, required: true, "the owning team"),
        FieldSpec("version", .text, required: true, "the model version deployed"),
        FieldSpec("environment", .choice(of: DeploymentEnvironment.self), required: true, "where it was deployed"),
        FieldSpec("deployed_at", .timestamp, required: true, "when it went live"),
        FieldSpec("method", .choice(of: DeploymentMethod.self), required: true, "by hand or by a CD pipeline"),
        FieldSpec("run_id", .text, "the run that produced the model"),
        FieldSpec("status", .choice(of: DeploymentStatus.self), required: true, "outcome"),
        FieldSpec("rolled_back_at", .timestamp, "when it was rolled back"),
    ], rules: [
        .notBefore(later: "rolled_back_at", earlier: ["deployed_at"]),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(id: row[0], model: row[1], team: row[2], version: row[3],
                  environment: row.choice(4, DeploymentEnvironment.staging), deployedAt: row[5],
                  method: row.choice(6, DeploymentMethod.manual), runId: row[7],
                  status: row.choice(8, DeploymentStatus.succeeded), rolledBackAt: row[9])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [id, model, team, version, environment.stored, deployedAt, method.stored, runId, status.stored, rolledBackAt]
    }
}

// MARK: - Incidents

extension Incident: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.incidents }
    static let schema = RecordSchema(kind: .incidents, table: "incidents", key: ["id"], fields: [
        FieldSpec("id", .text, required: true, "incident id, unique"),
        FieldSpec("team", .text, required: true, "the team that owns it"),
        FieldSpec("model", .text, "the affected model"),
        FieldSpec("severity", .integer(minimum: 1, maximum: 4), required: true, "1 is the worst, 4 the mildest"),
        FieldSpec("kind", .choice(of: IncidentKind.self), required: true, "what went wrong"),
        FieldSpec("opened_at", .timestamp, required: true, "when it was opened"),
        FieldSpec("acknowledged_at", .timestamp, "when someone acknowledged the page"),
        FieldSpec("resolved_at", .timestamp, "when it was resolved; empty while open"),
        FieldSpec("deployment_id", .text, "the deployment that caused it, if known"),
        FieldSpec("downtime_minutes", .nonNegative, "minutes of user-visible downtime"),
        FieldSpec("title", .text, required: true, "one-line description"),
    ], rules: [
        .notBefore(later: "acknowledged_at", earlier: ["opened_at"]),
        .notBefore(later: "resolved_at", earlier: ["opened_at"]),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(id: row[0], team: row[1], model: row[2], severity: row[3],
                  kind: row.choice(4, IncidentKind.degradation), openedAt: row[5],
                  acknowledgedAt: row[6], resolvedAt: row[7],
                  deploymentId: row[8], downtimeMinutes: row[9], title: row[10])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [id, team, model, severity, kind.stored, openedAt, acknowledgedAt, resolvedAt, deploymentId, downtimeMinutes, title]
    }
}

// MARK: - Maintenance

extension MaintenanceEntry: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.maintenance }
    static let schema = RecordSchema(kind: .maintenance, table: "maintenance", key: ["id"], fields: [
        FieldSpec("id", .text, required: true, "work-log entry id, unique"),
        FieldSpec("team", .text, required: true, "the team whose time it was"),
        FieldSpec("person", .text, "who did the work"),
        FieldSpec("category", .choice(of: MaintenanceCategory.self), required: true, "kind of keep-the-lights-on work"),
        FieldSpec("system", .text, "the system worked on (recurring systems are pain points)"),
        FieldSpec("hours", .nonNegative, required: true, "hours spent"),
        FieldSpec("date", .date, required: true, "the day of the work"),
        FieldSpec("note", .text, "free text"),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(id: row[0], team: row[1], person: row[2],
                  category: row.choice(3, MaintenanceCategory.other), system: row[4],
                  hours: row[5], date: row[6], note: row[7])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] { [id, team, person, category.stored, system, hours, date, note] }
}

// MARK: - Costs

extension CostEntry: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.costs }
    static let schema = RecordSchema(kind: .costs, table: "costs", key: ["id"], fields: [
        FieldSpec("id", .text, required: true, "cost line id, unique"),
        FieldSpec("date", .date, required: true, "the day charged"),
        FieldSpec("amount", .money(minimum: nil), required: true, "amount charged, rounded to cents; negative for a credit or refund"),
        FieldSpec("currency", .text, required: true, "ISO 4217 code, e.g. EUR"),
        FieldSpec("category", .choice(of: CostCategory.self), required: true, "what the money bought"),
        FieldSpec("service", .text, "the provider's service name"),
        FieldSpec("team", .text, "the team charged"),
        FieldSpec("model", .text, "the model charged"),
        FieldSpec("run_id", .text, "the run that incurred it"),
        FieldSpec("resource_id", .text, "the provider's resource id"),
    ], rules: [
        .currencyCode("currency"),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(id: row[0], date: row[1], amount: row[2], currency: row[3],
                  category: row.choice(4, CostCategory.other), service: row[5], team: row[6],
                  model: row[7], runId: row[8], resourceId: row[9])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] {
        [id, date, amount, currency, category.stored, service, team, model, runId, resourceId]
    }
}

// MARK: - Budgets

extension Budget: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.budgets }
    static let schema = RecordSchema(kind: .budgets, table: "budgets", key: ["scope", "period"], fields: [
        FieldSpec("scope", .text, required: true, "`org` for the whole organisation, or a team name"),
        FieldSpec("period", .period, required: true, "the month or quarter covered"),
        FieldSpec("amount", .money(minimum: 0), required: true, "money allowed, rounded to cents"),
        FieldSpec("currency", .text, required: true, "ISO 4217 code, e.g. EUR"),
    ], rules: [
        .currencyCode("currency"),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        let period = (row[1] as String?).flatMap(BudgetPeriod.init) ?? .month(Month(year: 1970, month: 1))
        self.init(scope: row[0], period: period, amount: row[2], currency: row[3])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] { [scope, period.description, amount, currency] }
}

// MARK: - Serving

extension ServingDay: StoredRecord {
    static var inRecordSet: WritableKeyPath<RecordSet, [Self]> { \RecordSet.serving }
    static let schema = RecordSchema(kind: .serving, table: "serving", key: ["model", "date"], fields: [
        FieldSpec("model", .text, required: true, "the served model"),
        FieldSpec("date", .date, required: true, "the day"),
        FieldSpec("requests", .count, required: true, "predictions served"),
        FieldSpec("errors", .count, required: true, "failed requests"),
        FieldSpec("p50_ms", .nonNegative, "median latency in milliseconds"),
        FieldSpec("p95_ms", .nonNegative, "95th percentile latency in milliseconds"),
        FieldSpec("downtime_minutes", .nonNegative, "minutes unavailable that day"),
    ], rules: [
        .notMoreThan("errors", other: "requests", problem: "errors are a subset of requests"),
        .atMost("downtime_minutes", 1440, problem: "is more than the 1440 minutes in a day"),
    ])

    /// Decodes a row selected with `schema.columnList`: columns by position, in field order.
    init(row: some PositionalRow) {
        self.init(model: row[0], date: row[1], requests: row[2], errors: row[3],
                  p50Ms: row[4], p95Ms: row[5], downtimeMinutes: row[6])
    }

    var databaseValues: [(any DatabaseValueConvertible)?] { [model, date, requests, errors, p50Ms, p95Ms, downtimeMinutes] }
}
