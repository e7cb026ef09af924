extension RecordSet {
    /// The same records moved `days` later, every timestamp and date alike, so a demo
    /// recorded around one day can be replayed around another.
    public func shifted(byDays days: Int) -> RecordSet {
        guard days != 0 else { return self }
        let seconds = Int64(days) * 86_400
        func t(_ i: Instant) -> Instant { i.adding(seconds: seconds) }
        func t(_ i: Instant?) -> Instant? { i.map { $0.adding(seconds: seconds) } }
        func d(_ day: Day) -> Day { day.advanced(by: days) }
        var out = self
        out.models = models.map { var m = $0; m.createdAt = t(m.createdAt); return m }
        out.runs = runs.map { var r = $0; r.queuedAt = t(r.queuedAt); r.startedAt = t(r.startedAt); r.endedAt = t(r.endedAt); return r }
        out.deployments = deployments.map { var x = $0; x.deployedAt = t(x.deployedAt); x.rolledBackAt = t(x.rolledBackAt); return x }
        out.incidents = incidents.map { var x = $0; x.openedAt = t(x.openedAt); x.acknowledgedAt = t(x.acknowledgedAt); x.resolvedAt = t(x.resolvedAt); return x }
        out.maintenance = maintenance.map { var x = $0; x.date = d(x.date); return x }
        out.costs = costs.map { var x = $0; x.date = d(x.date); return x }
        out.serving = serving.map { var x = $0; x.date = d(x.date); return x }
        // Budgets belong to calendar periods; a shifted demo keeps each period's amount
        // and covers the periods the shifted records now reach.
        var periods = Set<BudgetPeriod>()
        out.budgets = []
        let scopes = Array(Set(budgets.map(\.scope))).sorted()
        guard let firstDay = out.costs.map(\.date).min(), let lastDay = out.costs.map(\.date).max() else { return out }
        let window = TimeWindow(start: firstDay.start, end: lastDay.advanced(by: 1).start)
        for scope in scopes {
            let own = budgets.filter { $0.scope == scope }
            guard let sample = own.first else { continue }
            for month in window.months where own.contains(where: { if case .month = $0.period { return true } else { return false } }) {
                periods.insert(.month(month))
                out.budgets.append(Budget(scope: scope, period: .month(month), amount: sample.amount, currency: sample.currency))
            }
            let quarterly = own.filter { if case .quarter = $0.period { return true } else { return false } }
            if let q0 = quarterly.first {
                var q = Quarter(containing: firstDay)
                while q <= Quarter(containing: lastDay) {
                    out.budgets.append(Budget(scope: scope, period: .quarter(q), amount: q0.amount, currency: q0.currency))
                    q = q.next
                }
            }
        }
        return out
    }
}
