import MLOpsCore

/// Each screen's selectable table, built from the data: the rows a user moves through,
/// sorts, filters and drills into.
public enum ScreenTables {
    /// The Overview's list and table: their titles, and their placeholders' while they wait.
    static let attentionName = "Needs attention", overviewTableName = "Teams"

    public static func table(for screen: Screen, data: DashboardData, ascii: Bool = false) -> DataTable {
        let s = data.snapshot, r = data.records
        let window = s.window
        let runsByID = data.producingRuns
        switch screen {
        case .overview:
            let production = r.deployments.filter { $0.isProduction && $0.status != .failed && window.contains($0.deployedAt) }
            // Only the Overview's and Velocity's tables list deployments, marking those an incident blamed.
            let incidentDeployments = Set(r.incidents.compactMap(\.deploymentId))
            let teams = s.maturity.teams.map(\.subject)
            return DataTable(title: overviewTableName, columns: [.init("Team"), .init("Level", width: 5, numeric: true), .init("Deploys", width: 7, numeric: true),
                                                       .init("Maint", width: 6, numeric: true), .init(["Spend", s.finance.currency].compactMap { $0 }.joined(separator: " "), width: 9, numeric: true),
                                                       .init("Open inc", width: 8, numeric: true)],
                             rows: teams.map { team in
                                 let level = s.maturity.teams.first { $0.subject == team }?.level
                                 let share = s.maintenance.byTeam.first { $0.team == team }
                                 let spend = s.finance.byTeam.first { $0.name == team }?.amount
                                 let deploys = production.filter { $0.team == team }
                                 let open = s.triage.openIncidents.filter { $0.incident.team == team }.count
                                 return DataTable.Row([team, level.map(String.init) ?? "–", "\(deploys.count)", Format.percent(share?.share),
                                                       Format.money(spend), "\(open)"],
                                                      sortKeys: [nil, level.map(Double.init), Double(deploys.count), share?.share, spend, Double(open)],
                                                      urgency: share?.overCap == true || open > 0 ? .warning : nil,
                                                      drill: .table(RecordFields.deployments("\(team): production deployments", deploys, runs: runsByID, incidents: incidentDeployments)))
                             }, emptyMessage: "no teams")
        case .velocity:
            // Only the Overview's and Velocity's tables list deployments, marking those an incident blamed.
            let incidentDeployments = Set(r.incidents.compactMap(\.deploymentId))
            let rows = SubjectVelocity.rows(deployments: r.deployments, incidents: r.incidents, producingRuns: runsByID, window: window, by: \.model)
            return DataTable(title: "Production deployments by model", columns: [.init("Model"), .init("Team", width: 8),
                                                                                 .init("Deploys", width: 7, numeric: true), .init("Lead p50", width: 8, numeric: true),
                                                                                 .init("Failed", width: 6, numeric: true), .init("CFR", width: 5, numeric: true)],
                             rows: rows.map { v in
                                 let model = v.subject, ds = v.deployments, failed = v.failedChanges
                                 let lead = v.leadTimeMedianHours, cfr = v.changeFailureRate
                                 return DataTable.Row([model, v.team, "\(ds.count)", Format.hours(lead), "\(failed)", Format.percent(cfr)],
                                                      sortKeys: [nil, nil, Double(ds.count), lead, Double(failed), cfr],
                                                      urgency: failed > 0 ? .warning : nil,
                                                      drill: .table(RecordFields.deployments("\(model): production deployments", ds, runs: runsByID, incidents: incidentDeployments)))
                             }, emptyMessage: "no production deployments in this window")
        case .maintenance:
            return DataTable(title: "Recurring pain points", columns: [.init("System"), .init("Hours", width: 6, numeric: true), .init("Prev", width: 6, numeric: true),
                                                                       .init("Weeks", width: 5, numeric: true), .init("Mostly", width: 12)],
                             rows: s.maintenance.painPoints.map { p in
                                 return DataTable.Row([p.system, Format.compact(p.hours), Format.compact(p.previousHours), "\(p.weeksSeen)", p.topCategory],
                                                      sortKeys: [nil, p.hours, p.previousHours, Double(p.weeksSeen), nil],
                                                      urgency: p.isRising ? .warning : nil,
                                                      drill: .query(RecordPageRequest(kind: .maintenance, window: window, filter: s.filter, system: p.system)))
                             }, emptyMessage: "no maintenance logged in this window")
        case .maturity:
            let subjects = [s.maturity.organisation] + s.maturity.teams + s.maturity.models
            return DataTable(title: "Maturity by subject", columns: [.init("Subject"), .init("Kind", width: 5), .init("Lvl", width: 3, numeric: true),
                                                                     .init("Prog", width: 4, numeric: true), .init("Missing for next level")],
                             rows: subjects.map { a in
                                 DataTable.Row([a.subject, a.kind == .organisation ? "org" : a.kind.rawValue, a.level.map(String.init) ?? "–",
                                                a.progress.map { Format.fixed($0, 1) } ?? "–",
                                                a.level == 2 ? "—" : a.missing.map(\.title).joined(separator: "; ")],
                                               sortKeys: [nil, nil, a.level.map(Double.init), a.progress, nil],
                                               drill: .fields(title: "\(a.subject): evidence (level \(a.level.map(String.init) ?? "no data"))",
                                                              a.evidence.map { e in
                                                                  let measured = e.measured.map { e.criterion.isCount ? Format.compact($0) : Format.percent($0) } ?? "n/a"
                                                                  let need = e.criterion.isCount ? "≥\(Format.compact(e.threshold))" : "≥\(Format.percent(e.threshold))"
                                                                  return ("L\(e.level) \(e.title)", "\(e.met ? "met" : "NOT met")  \(measured) (need \(need))  \(e.detail)")
                                                              } + [("history", a.history.map { "\($0.month) \($0.value.map { String(Int($0)) } ?? "–")" }.joined(separator: "  "))]))
                             }, emptyMessage: "no runs or deployments in this window")
        case .finance:
            let byModel = s.finance.byModel
            // Every money column names its currency (a 3-letter code fits the column).
            let c = s.finance.currency.map { " " + $0 } ?? ""
            return DataTable(title: "Spend by model", columns: [.init("Model"), .init("Spend" + c, width: 11, numeric: true), .init("Prev" + c, width: 10, numeric: true),
                                                                .init(c.isEmpty ? "Change" : "Chg" + c, width: 9, numeric: true),
                                                                .init(c.isEmpty ? "/1k pred" : String(c.dropFirst()) + "/1k", width: 8, numeric: true)],
                             rows: byModel.map { b in
                                 let per1k = s.finance.modelCosts.first { $0.model == b.name }?.per1kPredictions
                                 return DataTable.Row([b.name, Format.money(b.amount), Format.money(b.previousAmount), Format.signed(b.change, unit: .money),
                                                       per1k.map { Format.fixed($0, 4) } ?? "–"],
                                                      sortKeys: [nil, b.amount, b.previousAmount, b.change, per1k],
                                                      urgency: b.isSurging ? .warning : nil,
                                                      drill: .query(RecordPageRequest(kind: .costs, window: window,
                                                                                      filter: SubjectFilter(team: s.filter.team, model: b.name))))
                             }, emptyMessage: "no costs attributed to models in this window")
        case .product:
            let incidents = Dictionary(grouping: r.incidents.filter { window.contains($0.openedAt) }, by: \.model)
            return DataTable(title: "Models against their objectives", columns: [.init("Model"), .init("Avail %", width: 8, numeric: true),
                                                                                 .init("SLO", width: 6, numeric: true), .init("p95 ms", width: 7, numeric: true),
                                                                                 .init("SLO ms", width: 6, numeric: true), .init("Errors", width: 6, numeric: true),
                                                                                 .init("Inc", width: 3, numeric: true)],
                             rows: s.product.models.map { m in
                                 let bad = m.meetsAvailability == false || m.meetsLatency == false
                                 return DataTable.Row([m.model, m.availability.map { Format.fixed($0, 2) } ?? "–", m.sloAvailability.map { Format.fixed($0, 2) } ?? "–",
                                                       m.p95MedianMs.map { String(Int($0.rounded())) } ?? "–", m.sloP95Ms.map { String(Int($0)) } ?? "–",
                                                       Format.percent(m.errorRate, decimals: 2), "\(m.incidents)"],
                                                      sortKeys: [nil, m.availability, m.sloAvailability, m.p95MedianMs, m.sloP95Ms, m.errorRate, Double(m.incidents)],
                                                      urgency: bad ? .warning : nil,
                                                      drill: .table(RecordFields.incidents("\(m.model): incidents", incidents[m.model] ?? [], now: s.now)))
                             }, emptyMessage: "no models")
        case .research:
            return DataTable(title: "Runs in the window by kind", columns: [.init("Kind"), .init("Runs", width: 7, numeric: true),
                                                                             .init("Prev", width: 7, numeric: true), .init("Failed", width: 6, numeric: true),
                                                                             .init("Fail %", width: 6, numeric: true)],
                             rows: s.research.byKind.map { k in
                                 let failRate = Statistics.ratio(k.failed, k.count)
                                 return DataTable.Row([k.kind.rawValue, "\(k.count)", "\(k.previousCount)", "\(k.failed)", Format.percent(failRate)],
                                                      sortKeys: [nil, Double(k.count), Double(k.previousCount), Double(k.failed), failRate],
                                                      urgency: (failRate ?? 0) > 0.2 ? .warning : nil,
                                                      drill: .query(RecordPageRequest(kind: .runs, window: window, filter: s.filter, runKind: k.kind)))
                             }, emptyMessage: "no runs in this window")
        case .triage:
            return triageTable(data)
        case .dataHealth:
            return DataTable(title: "Records in the store", columns: [.init("Kind", width: 11), .init("Count", width: 7, numeric: true), .init("First", width: 10),
                                                                      .init("Last", width: 10), .init("Gaps", width: 4, numeric: true), .init("Imported", width: 16),
                                                                      .init("Mostly empty")],
                             rows: data.health.kinds.map { k in
                                 DataTable.Row([k.kind.rawValue, "\(k.count)", k.first?.iso8601 ?? "–", k.last?.iso8601 ?? "–", k.emptyDays.map(String.init) ?? "–",
                                                RecordFields.short(k.lastImport), k.mostlyEmptyFields.joined(separator: ", ")],
                                               sortKeys: [nil, Double(k.count), nil, nil, k.emptyDays.map(Double.init), k.lastImport.map { Double($0.seconds) }, nil],
                                               urgency: k.count == 0 ? .critical : nil,
                                               drill: .fields(title: "\(k.kind.rawValue)", [("records", "\(k.count)"), ("first day", k.first?.iso8601 ?? "–"),
                                                                                             ("last day", k.last?.iso8601 ?? "–"), ("days without records", k.emptyDays.map(String.init) ?? "–"),
                                                                                             ("last import", k.lastImport?.iso8601 ?? "never"),
                                                                                             ("mostly empty fields", k.mostlyEmptyFields.joined(separator: ", ")),
                                                                                             ("panels that need it", DataHealth.panels(needing: k.kind).joined(separator: ", "))]))
                             }, emptyMessage: "empty store")
        }
    }
}
