import MLOpsCore

/// The on-call page as a table: one row per `TriageItem`, in `Triage.ranked`'s order of
/// urgency, with whose it is and the next step; Enter opens what is behind a row.
extension ScreenTables {
    static func triageTable(_ data: DashboardData) -> DataTable {
        let s = data.snapshot, now = s.now, byModel = RecordsByModel(data.records)
        let rows = s.triage.ranked(now: now).map { item in
            DataTable.Row([when(item, now: now), what(item), item.about, item.team, detail(item, now: now), item.nextStep],
                          sortKeys: [Double(item.since.seconds), Double(item.kind.rawValue), nil, nil, nil, nil],
                          urgency: urgency(item), drill: drill(item, data, byModel))
        }
        return DataTable(title: "What to do first", columns: [.init("Age", width: 5, numeric: true), .init("What", width: 12),
                                                               .init("About"), .init("Team"), .init("Detail"),
                                                               .init("Next step")],
                         rows: rows, emptyMessage: "all quiet: nothing open, nothing failed, nothing changed")
    }

    /// How long ago it started; a breach is of a whole day, so it says which day.
    static func when(_ item: TriageItem, now: Instant) -> String {
        if case .sloBreach(let b, _) = item.subject {
            let daysAgo = now.day.daysSinceEpoch - b.day.daysSinceEpoch
            return daysAgo == 0 ? "today" : "\(daysAgo)d"
        }
        return Format.age(item.since, now: now)
    }

    static func what(_ item: TriageItem) -> String {
        switch item.subject {
        case .incident(let o): return "SEV-\(o.incident.severity)\(o.acknowledged ? "" : " unack")"
        case .sloBreach: return "SLO breach"
        case .deployment(let d, _):
            if d.isSuspect { return "SUSPECT dep" }
            return d.deployment.status == .rolledBack ? "rolled back" : "deploy"
        case .rollback: return "rollback"
        case .failedRuns(_, let runs): return "failed ×\(runs.count)"
        case .costAnomaly: return "cost spike"
        }
    }

    static func detail(_ item: TriageItem, now: Instant) -> String {
        switch item.subject {
        case .incident(let o):
            return o.incident.title
        case .sloBreach(let b, let days):
            // The day is in the Age column ("today", "1d"); serving statistics have no time of day.
            let repeatNote = days > 1 ? " (\(days) days)" : ""
            if b.measure.hasPrefix("availability") {
                return "availability \(Format.fixed(b.measured, 2))% < SLO \(Format.compact(b.objective))%\(repeatNote)"
            }
            return "p95 \(Format.compact(b.measured)) ms > SLO \(Format.compact(b.objective)) ms\(repeatNote)"
        case .deployment(let d, _):
            let before = d.isSuspect ? " before \(d.suspectFor.joined(separator: ", "))" : ""
            return "\(d.deployment.version) \(d.deployment.method.rawValue)\(before)"
        case .rollback(let d):
            return "\(d.version) rolled back"
        case .failedRuns(let signature, let runs):
            let models = Set(runs.map(\.model)).count
            if runs.count == 1 { return signature }
            return "\(signature) ×\(runs.count)\(models > 1 ? " in \(models) models" : "")"
        case .costAnomaly(let a):
            return "\(Format.money(a.amount)) on \(a.day == now.day ? "today" : a.day.iso8601) vs usual \(Format.money(a.baselineMedian))"
        }
    }

    static func urgency(_ item: TriageItem) -> AttentionItem.Urgency? {
        switch item.kind {
        case .unacknowledgedIncident: return .critical
        case .openIncident:
            if case .incident(let o) = item.subject, o.incident.severity == 1 { return .critical }
            return .warning
        case .sloBreach, .suspectDeployment, .failedRuns, .costAnomaly: return .warning
        case .recentChange: return nil
        }
    }

    /// Each model's serving days, deployments and record, in the records' order: every row's
    /// drill-down is built with the table, and a scan of the window's records per row cost
    /// tens of milliseconds on a large store.
    struct RecordsByModel {
        let serving: [String: [ServingDay]]
        let deployments: [String: [Deployment]]
        let models: [String: Model]

        init(_ r: RecordSet) {
            serving = Dictionary(grouping: r.serving, by: \.model)
            deployments = Dictionary(grouping: r.deployments, by: \.model)
            models = Dictionary(r.models.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    static func drill(_ item: TriageItem, _ data: DashboardData, _ byModel: RecordsByModel) -> DataTable.Drill {
        let s = data.snapshot, now = s.now
        switch item.subject {
        case .incident(let o): return .table(incidentContext(o, data, byModel))
        case .sloBreach(let b, _):
            // The last 30 days, whatever the window: a load reads serving days that far back
            // for any screen (`MetricsQuery.detailDays`), and a breach is about now.
            let since = PlatformSnapshot.recentStart(now: now)
            return .table(servingDays("\(b.model): serving days since \(since.iso8601)",
                                      (byModel.serving[b.model] ?? []).filter { $0.date >= since && $0.date <= now.day }, model: byModel.models[b.model]))
        case .deployment(let d, let target):
            guard case .fields(let title, var fields) = RecordFields.of(d.deployment) else { return RecordFields.of(d.deployment) }
            fields.append(("suspect for", d.suspectFor.isEmpty ? "no open incident" : d.suspectFor.joined(separator: ", ")))
            fields.append(("roll back to", target ?? "no earlier production version"))
            return .fields(title: title, fields)
        case .rollback(let d): return RecordFields.of(d)
        case .failedRuns(let signature, let runs):
            return .table(RecordFields.runs("\(signature): failed runs", runs))
        case .costAnomaly(let a):
            let day = TimeWindow(start: a.day.start, end: a.day.advanced(by: 1).start)
            return .query(RecordPageRequest(kind: .costs, window: day, filter: SubjectFilter(team: a.scope)))
        }
    }

    /// What surrounds an incident: its fields, its model's recent deployments (suspects
    /// marked), the model's runs of the last 7 days (a page, read on Enter) and its serving days.
    static func incidentContext(_ o: Triage.OpenIncident, _ data: DashboardData, _ byModel: RecordsByModel) -> DataTable {
        let i = o.incident, now = data.snapshot.now
        let weekAgo = now.adding(hours: -24 * 7)
        var rows: [DataTable.Row] = []
        var fields: [(String, String)] = []
        if case .fields(_, let f) = RecordFields.of(i) { fields = f }
        fields.append(("acknowledged", o.acknowledged ? "yes" : "NO"))
        fields.append(("age", Format.hours(o.ageHours)))
        fields.append(("suspects", o.suspectDeployments.isEmpty ? "none in the \(Format.compact(data.snapshot.triage.changeHours)) h before it opened" : o.suspectDeployments.joined(separator: ", ")))
        rows.append(DataTable.Row([RecordFields.short(i.openedAt), "incident", "SEV-\(i.severity) \(i.kind.rawValue): \(i.title)"],
                                  urgency: i.severity == 1 ? .critical : .warning, drill: .fields(title: "Incident \(i.id)", fields)))
        guard let model = i.model else {
            return DataTable(title: "\(i.id) (\(i.team))", columns: contextColumns, rows: rows)
        }
        let suspects = Set(o.suspectDeployments)
        for d in (byModel.deployments[model] ?? []).filter({ $0.deployedAt >= weekAgo && $0.deployedAt <= now })
            .sorted(by: { $0.deployedAt > $1.deployedAt }) {
            let target = data.snapshot.triage.rollbackTargets[d.id]
            rows.append(DataTable.Row([RecordFields.short(d.deployedAt), suspects.contains(d.id) ? "SUSPECT dep" : "deployment",
                                       (suspects.contains(d.id) ? target.map { "roll back to \($0): " } ?? "" : "")
                                       + "\(d.version) \(d.environment.rawValue) \(d.method.rawValue)"
                                       + (d.status == .succeeded ? "" : " \(d.status.rawValue)")],
                                      urgency: suspects.contains(d.id) ? .warning : nil, drill: RecordFields.of(d)))
        }
        rows.append(DataTable.Row(["last 7 days", "runs", "runs of the last 7 days (Enter)"],
                                  drill: .query(RecordPageRequest(kind: .runs, window: TimeWindow(start: weekAgo, end: now),
                                                                  filter: SubjectFilter(model: model)))))
        let serving = (byModel.serving[model] ?? []).filter { $0.date >= weekAgo.day && $0.date <= now.day }
        let objectives = byModel.models[model]
        rows.append(DataTable.Row(["last 7 days", "serving", "\(serving.count) serving days (Enter)"],
                                  drill: .table(servingDays("\(model): serving days", serving, model: objectives))))
        return DataTable(title: "\(i.id): what changed, runs, serving", columns: contextColumns, rows: rows)
    }

    static let contextColumns: [DataTable.Column] = [.init("When", width: 16), .init("What", width: 11), .init("Detail")]

    static func servingDays(_ title: String, _ days: [ServingDay], model: Model?) -> DataTable {
        DataTable(title: title, columns: [.init("Day", width: 10), .init("Requests", width: 9, numeric: true), .init("Errors", width: 7, numeric: true),
                                          .init("p95 ms", width: 7, numeric: true), .init("SLO ms", width: 6, numeric: true),
                                          .init("Down min", width: 8, numeric: true)],
                  rows: days.sorted { $0.date > $1.date }.map { d in
                      let errorRate = Statistics.ratio(d.errors, d.requests)
                      let slow = (d.p95Ms ?? 0) > (model?.sloP95Ms ?? .infinity)
                      return DataTable.Row([d.date.iso8601, Format.compact(Double(d.requests)), Format.percent(errorRate, decimals: 2),
                                            d.p95Ms.map { Format.compact($0) } ?? "–", model?.sloP95Ms.map { Format.compact($0) } ?? "–",
                                            d.downtimeMinutes.map { Format.compact($0) } ?? "–"],
                                           sortKeys: [Double(d.date.daysSinceEpoch), Double(d.requests), errorRate, d.p95Ms, model?.sloP95Ms, d.downtimeMinutes],
                                           urgency: slow || (d.downtimeMinutes ?? 0) > 0 ? .warning : nil)
                  }, emptyMessage: "no serving days recorded")
    }
}
