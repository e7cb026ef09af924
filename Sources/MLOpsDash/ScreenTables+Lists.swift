import MLOpsCore

// MARK: - The lists beside a screen's table

extension ScreenTables {
    /// The table behind one focusable panel: the screen's own table, or a list beside it.
    public static func table(_ panel: ScreenPanel, on screen: Screen, data: DashboardData, ascii: Bool = false) -> DataTable {
        switch panel {
        case .table: return table(for: screen, data: data, ascii: ascii)
        case .attention: return attentionList(data.snapshot)
        case .categories: return categoriesList(data.snapshot)
        case .budgets: return budgetsList(data.snapshot)
        case .risks: return risksList(data.snapshot)
        }
    }

    /// How many items of one kind the Overview lists before "and N more".
    static let attentionPerKind = 3

    /// Overview: what needs attention today, most urgent first, grouped by kind and capped
    /// at a few of each; an "and N more" row opens the whole group, a summarising row (SLO
    /// breaches) its details. Sorting by A sorts by urgency.
    static func attentionList(_ s: PlatformSnapshot) -> DataTable {
        func mark(_ u: AttentionItem.Urgency) -> String { u == .critical ? "!!" : (u == .warning ? "! " : "· ") }
        func row(_ a: AttentionItem) -> DataTable.Row {
            let drill: DataTable.Drill = a.details.isEmpty
                ? .fields(title: attentionName, [("urgency", "\(a.urgency)"), ("what", a.listed)])
                : .table(DataTable(list: a.listed, rows: a.details.map { DataTable.Row([$0], urgency: a.urgency) }, emptyMessage: ""))
            return DataTable.Row(["\(mark(a.urgency)) \(a.listed)"], sortKeys: [Double(a.urgency.rawValue)], urgency: a.urgency, drill: drill)
        }
        var rows: [DataTable.Row] = []
        for group in AttentionItem.grouped(s.attention, perKind: attentionPerKind) {
            rows += group.shown.map(row)
            if let more = group.moreLine, let urgency = group.all.first?.urgency {
                rows.append(DataTable.Row(["   \(more) (Enter)"], sortKeys: [Double(urgency.rawValue)], urgency: urgency,
                                          drill: .table(DataTable(list: "\(attentionName): all \(group.all.count)", rows: group.all.map(row), emptyMessage: ""))))
            }
        }
        return DataTable(list: "\(attentionName) (\(s.attention.count))", rows: rows, emptyMessage: "Nothing needs attention today.")
    }

    /// Maintenance: the staffing ratio first (a key fact at 80×24), then hours by category.
    static func categoriesList(_ s: PlatformSnapshot) -> DataTable {
        let m = s.maintenance
        let staffing = DataTable.Row(
            [m.staffing.map { "\($0.mlEngineers):\($0.platformEngineers) ML:platform = \($0.ratio.map { Format.fixed($0, 1) } ?? "–"):1 — \($0.assessment)" }
                ?? "no teams recorded"],
            drill: m.staffing.map { st in
                .fields(title: "Staffing", [("ML engineers", "\(st.mlEngineers)"), ("platform engineers", "\(st.platformEngineers)"),
                                            ("ML per platform", st.ratio.map { Format.fixed($0, 1) } ?? "–"), ("assessment", st.assessment)])
            })
        let categories = m.byCategory.map { c in
            DataTable.Row(["\(c.name.padding(13)) \(Format.compact(c.hours))h"], sortKeys: [c.hours],
                          drill: MaintenanceCategory(rawValue: c.name).map {
                              .query(RecordPageRequest(kind: .maintenance, window: s.window, filter: s.filter, category: $0))
                          })
        }
        return DataTable(list: "Staffing & categories", rows: [staffing] + categories, emptyMessage: "no maintenance logged")
    }

    /// Finance: every budget, plus team budgets forecast to run over.
    static func budgetsList(_ s: PlatformSnapshot) -> DataTable {
        let statuses = s.finance.budgets + s.finance.teamBudgets.filter(\.forecastOver)
        return DataTable(list: "Budgets (spent · forecast · budget)", rows: statuses.map { st in
            let flag = st.isOver ? "OVER" : (st.forecastOver ? "forecast over" : "on track")
            return DataTable.Row(
                ["\(st.scope) \(st.period): \(Format.money(st.spent)) · \(Format.money(st.forecast)) · \(Format.money(st.budget))  \(flag)\(st.runsOutOn.map { " (\($0))" } ?? "")"],
                sortKeys: [st.budget > 0 ? st.forecast / st.budget : nil],
                urgency: st.isOver ? .critical : (st.forecastOver ? .warning : nil),
                drill: .fields(title: "Budget \(st.scope) \(st.period)", [
                    ("budget", Format.money(st.budget)), ("spent", Format.money(st.spent)), ("forecast", Format.money(st.forecast)),
                    ("runs out on", st.runsOutOn.map { "\($0)" } ?? "–"), ("days elapsed", "\(st.daysElapsed) of \(st.daysTotal)"), ("status", flag),
                ]))
        }, emptyMessage: "no budgets for this period")
    }

    /// Product: incidents by severity on the first line, then risky deploys, newest first.
    static func risksList(_ s: PlatformSnapshot) -> DataTable {
        let p = s.product
        let severities = DataTable.Row(
            [p.incidentsBySeverity.map { "sev-\($0.severity): \($0.count) (prev \($0.previousCount), open \($0.open))" }.joined(separator: "  ")],
            drill: .fields(title: "Incidents by severity", p.incidentsBySeverity.map {
                ("sev-\($0.severity)", "\($0.count) in the window, \($0.previousCount) in the previous one, \($0.open) open")
            }))
        let deploys = p.riskyDeployments.map { r in
            DataTable.Row(["\(RecordFields.short(r.deployment.deployedAt)) \(r.deployment.model) \(r.deployment.version): \(r.reasons.joined(separator: ", "))"],
                          sortKeys: [Double(r.deployment.deployedAt.seconds)], drill: RecordFields.of(r.deployment))
        }
        return DataTable(list: "Incidents by severity · risky recent deploys", rows: [severities] + deploys, emptyMessage: "no incidents")
    }
}
