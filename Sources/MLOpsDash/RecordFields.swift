import MLOpsCore

/// Every field of a record as label/value pairs, for the detail view.
enum RecordFields {
    static func time(_ i: Instant?) -> String { i.map { $0.iso8601 } ?? "" }
    static func num(_ d: Double?) -> String { d.map { Format.compact($0) } ?? "" }

    static func of(_ r: Run) -> DataTable.Drill {
        .fields(title: "Run \(r.id)", [("id", r.id), ("model", r.model), ("team", r.team), ("kind", r.kind.rawValue),
                                        ("status", r.status.rawValue), ("trigger", r.trigger.rawValue),
                                        ("orchestrated", "\(r.orchestrated)"), ("registered", "\(r.registered)"),
                                        ("queued_at", time(r.queuedAt)), ("started_at", time(r.startedAt)), ("ended_at", time(r.endedAt)),
                                        ("gpu_hours", num(r.gpuHours)), ("user", r.user ?? ""), ("error", r.error ?? "")])
    }

    static func of(_ d: Deployment) -> DataTable.Drill {
        .fields(title: "Deployment \(d.id)", [("id", d.id), ("model", d.model), ("team", d.team), ("version", d.version),
                                               ("environment", d.environment.rawValue), ("deployed_at", time(d.deployedAt)),
                                               ("method", d.method.rawValue), ("run_id", d.runId ?? ""), ("status", d.status.rawValue),
                                               ("rolled_back_at", time(d.rolledBackAt))])
    }

    static func of(_ i: Incident) -> DataTable.Drill {
        .fields(title: "Incident \(i.id)", [("id", i.id), ("team", i.team), ("model", i.model ?? ""), ("severity", "\(i.severity)"),
                                             ("kind", i.kind.rawValue), ("opened_at", time(i.openedAt)),
                                             ("acknowledged_at", time(i.acknowledgedAt)), ("resolved_at", time(i.resolvedAt)),
                                             ("deployment_id", i.deploymentId ?? ""), ("downtime_minutes", num(i.downtimeMinutes)),
                                             ("title", i.title)])
    }

    static func of(_ m: MaintenanceEntry) -> DataTable.Drill {
        .fields(title: "Maintenance \(m.id)", [("id", m.id), ("team", m.team), ("person", m.person ?? ""), ("category", m.category.rawValue),
                                                ("system", m.system ?? ""), ("hours", num(m.hours)), ("date", m.date.iso8601), ("note", m.note ?? "")])
    }

    static func of(_ c: CostEntry) -> DataTable.Drill {
        .fields(title: "Cost \(c.id)", [("id", c.id), ("date", c.date.iso8601), ("amount", Format.fixed(c.amount, 2)), ("currency", c.currency),
                                         ("category", c.category.rawValue), ("service", c.service ?? ""), ("team", c.team ?? ""),
                                         ("model", c.model ?? ""), ("run_id", c.runId ?? ""), ("resource_id", c.resourceId ?? "")])
    }

    // MARK: - Record tables for drilling from an aggregate into its records

    static func runs(_ title: String, _ runs: [Run]) -> DataTable {
        DataTable(title: title, columns: [.init("Started", width: 16), .init("Model"), .init("Kind", width: 15), .init("Status", width: 9),
                                          .init("Trigger", width: 8), .init("Hours", width: 6, numeric: true)],
                  rows: runs.sorted { ($0.timestamp ?? Instant(seconds: 0)) > ($1.timestamp ?? Instant(seconds: 0)) }.map { r in
                      DataTable.Row([short(r.timestamp), r.model, r.kind.rawValue, r.status.rawValue, r.trigger.rawValue,
                                     r.durationSeconds.map { Format.fixed(Double($0) / 3600, 1) } ?? "–"],
                                    sortKeys: [r.timestamp.map { Double($0.seconds) }, nil, nil, nil, nil, r.durationSeconds.map(Double.init)],
                                    urgency: r.status == .failed ? .warning : nil, drill: of(r))
                  }, emptyMessage: "no runs")
    }

    static func deployments(_ title: String, _ list: [Deployment], runs: [String: ProducingRun], incidents: Set<String>) -> DataTable {
        DataTable(title: title, columns: [.init("Deployed", width: 16), .init("Model"), .init("Version", width: 9), .init("Method", width: 9),
                                          .init("Status", width: 11), .init("Lead", width: 6, numeric: true)],
                  rows: list.sorted { $0.deployedAt > $1.deployedAt }.map { d in
                      let lead = d.leadTimeHours(producingRunEnd: runs[d.id]?.endedAt)
                      let failed = d.isFailedChange(causedIncident: incidents)
                      return DataTable.Row([short(d.deployedAt), d.model, d.version, d.method.rawValue,
                                            d.status.rawValue + (incidents.contains(d.id) ? "+inc" : ""), Format.hours(lead)],
                                           sortKeys: [Double(d.deployedAt.seconds), nil, nil, nil, nil, lead],
                                           urgency: failed ? .warning : nil, drill: of(d))
                  }, emptyMessage: "no production deployments in this window")
    }

    static func incidents(_ title: String, _ list: [Incident], now: Instant) -> DataTable {
        DataTable(title: title, columns: [.init("Opened", width: 16), .init("Sev", width: 3, numeric: true), .init("Model", width: 18),
                                          .init("Title"), .init("Restore", width: 7, numeric: true)],
                  rows: list.sorted { $0.openedAt > $1.openedAt }.map { i in
                      let restore = i.secondsToRestore.map { Double($0) / 3600 }
                      return DataTable.Row([short(i.openedAt), "\(i.severity)", i.model ?? i.team, i.title, restore.map { Format.hours($0) } ?? "open"],
                                           sortKeys: [Double(i.openedAt.seconds), Double(i.severity), nil, nil, restore],
                                           urgency: i.isOpen(at: now) ? (i.severity == 1 ? .critical : .warning) : nil, drill: of(i))
                  }, emptyMessage: "no incidents")
    }

    static func costs(_ title: String, _ list: [CostEntry]) -> DataTable {
        DataTable(title: title, columns: [.init("Date", width: 10), .init("Category", width: 9), .init("Service"), .init("Model", width: 18),
                                          .init("Amount", width: 10, numeric: true)],
                  rows: list.sorted { ($0.date, $0.amount) > ($1.date, $1.amount) }.map { c in
                      DataTable.Row([c.date.iso8601, c.category.rawValue, c.service ?? "", c.model ?? c.team ?? "", Format.fixed(c.amount, 2)],
                                    sortKeys: [Double(c.date.daysSinceEpoch), nil, nil, nil, c.amount], drill: of(c))
                  }, emptyMessage: "no costs")
    }

    static func maintenance(_ title: String, _ list: [MaintenanceEntry]) -> DataTable {
        DataTable(title: title, columns: [.init("Date", width: 10), .init("Team", width: 8), .init("Person", width: 8), .init("Category", width: 12),
                                          .init("System"), .init("Hours", width: 6, numeric: true)],
                  rows: list.sorted { ($0.date, $0.id) > ($1.date, $1.id) }.map { m in
                      DataTable.Row([m.date.iso8601, m.team, m.person ?? "", m.category.rawValue, m.system ?? "", Format.compact(m.hours)],
                                    sortKeys: [Double(m.date.daysSinceEpoch), nil, nil, nil, nil, m.hours], drill: of(m))
                  }, emptyMessage: "no maintenance entries")
    }

    /// A drill-down page as a table: its records, newest first, and how many there are.
    static func table(for page: RecordPage) -> DataTable {
        let r = page.request
        var subject = [r.filter.team, r.filter.model, r.runKind?.rawValue, r.system, r.category?.rawValue].compactMap { $0 }.joined(separator: " ")
        if subject.isEmpty { subject = "all" }
        // The panel title counts the rows it holds; a page short of the whole says so.
        let shown = page.total > page.count ? ", newest \(page.count) of \(page.total)" : ""
        switch r.kind {
        case .runs: return runs("\(subject): runs\(shown)", page.records.runs)
        case .costs: return costs("\(subject): cost lines\(shown)", page.records.costs)
        case .maintenance: return maintenance("\(subject): work log\(shown)", page.records.maintenance)
        }
    }

    /// `2026-11-18 09:30`: minutes are enough on a dashboard.
    static func short(_ i: Instant?) -> String {
        guard let i else { return "–" }
        let s = i.iso8601
        return String(s.prefix(10)) + " " + String(s.dropFirst(11).prefix(5))
    }
}
