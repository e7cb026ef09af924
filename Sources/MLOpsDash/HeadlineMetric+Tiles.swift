import MLOpsCore

/// A tile's content: the same names and values the summary and the report use.
public struct HeadlineMetric: Sendable {
    public var title: String
    public var value: MetricValue
    public var band: DORABand?
    /// The parts its family is computed from: until a load has read them the tile shows
    /// that its value is on its way, not the empty family's.
    public var needs: MetricsParts = []

    static func tiles(_ s: PlatformSnapshot) -> [HeadlineMetric] {
        let v = s.velocity, f = s.finance
        let budget = f.budgets.first
        // The currency and the scale in the title: a tile's number carries no unit of its own.
        var spend = HeadlineMetric(title: ["Spend", f.currency].compactMap { $0 }.joined(separator: " "), value: f.spend)
        if let budget {
            let period: String
            if case .quarter(let q) = budget.period { period = "Q\(q.quarter)" } else { period = budget.period.description }
            spend.title += " (\(Format.percent(budget.spent / max(budget.budget, 1))) \(period))"
        }
        let org = s.maturity.organisation
        let maturitySubject = org.subject == "organisation" ? "org" : org.subject
        spend.needs = .financeParts
        return velocityTiles(s) + [
            HeadlineMetric(title: "Maintenance share", value: s.maintenance.capacityShare, needs: .maintenanceParts),
            spend,
            HeadlineMetric(title: "Maturity 0-2 (\(maturitySubject))", value: MetricValue(org.progress, previous: nil, unit: .level, polarity: .higherIsBetter),
                           needs: .maturityParts),
            HeadlineMetric(title: "Open incidents", value: MetricValue(Double(s.triage.openIncidents.count), previous: nil, unit: .count, polarity: .lowerIsBetter),
                           needs: .triageParts),
        ]
    }

    static func velocityTiles(_ s: PlatformSnapshot) -> [HeadlineMetric] {
        let v = s.velocity
        return [HeadlineMetric(title: "Deploys / week", value: v.deploymentsPerWeek, band: v.bands.deploymentFrequency, needs: .velocityParts),
                HeadlineMetric(title: "Lead time p50", value: v.leadTimeMedianHours, band: v.bands.leadTime, needs: .velocityParts),
                HeadlineMetric(title: "Change failure", value: v.changeFailureRate, band: v.bands.changeFailureRate, needs: .velocityParts),
                recoveryTile(v)]
    }

    /// DORA's fourth key under the benchmark in use (see `MLOpsReport.HeadlineMetric.recoveryKey`).
    static func recoveryTile(_ v: Velocity) -> HeadlineMetric {
        v.benchmark == .dora2023
            ? HeadlineMetric(title: "Deploy recovery", value: v.failedDeploymentRecoveryMedianHours, band: v.bands.failedDeploymentRecovery, needs: .velocityParts)
            : HeadlineMetric(title: "Time to restore", value: v.timeToRestoreMedianHours, band: v.bands.timeToRestore, needs: .velocityParts)
    }

    static func maintenanceTiles(_ s: PlatformSnapshot) -> [HeadlineMetric] {
        let m = s.maintenance
        return [HeadlineMetric(title: "Share of capacity", value: m.capacityShare), HeadlineMetric(title: "Hours", value: m.hours),
                HeadlineMetric(title: ["Maint cost", s.finance.currency].compactMap { $0 }.joined(separator: " "), value: m.cost), HeadlineMetric(title: "Pages / week", value: m.pagesPerWeek)]
    }

    static func financeTiles(_ s: PlatformSnapshot) -> [HeadlineMetric] {
        let f = s.finance
        // Net spend; when credits came in, the title says so, so the tile still matches the invoice.
        let credits = (f.credits.current ?? 0) < 0 ? " net, credits \(Format.money(f.credits.current))" : ""
        return [HeadlineMetric(title: "Spend\(f.currency.map { " (\($0))" } ?? "")\(credits)", value: f.spend),
                HeadlineMetric(title: ["Burn/day 7d", f.currency].compactMap { $0 }.joined(separator: " "), value: MetricValue(f.burnRatePerDay, previous: nil, unit: .money, polarity: .lowerIsBetter)),
                HeadlineMetric(title: "GPU share", value: f.gpuShare), HeadlineMetric(title: ["Cost/1k pred", f.currency].compactMap { $0 }.joined(separator: " "), value: f.costPer1kPredictions)]
    }

    static func productTiles(_ s: PlatformSnapshot) -> [HeadlineMetric] {
        let p = s.product
        return [HeadlineMetric(title: "Availability (online)", value: p.availability), HeadlineMetric(title: "Error rate", value: p.errorRate),
                HeadlineMetric(title: "Prod deploys", value: p.productionDeployments),
                HeadlineMetric(title: "Change failure", value: p.changeFailureRate, band: s.velocity.bands.changeFailureRate)]
    }

    static func researchTiles(_ s: PlatformSnapshot) -> [HeadlineMetric] {
        let r = s.research
        return [HeadlineMetric(title: "Runs / week", value: r.runsPerWeek), HeadlineMetric(title: "Success rate", value: r.successRate),
                HeadlineMetric(title: "Run time p50", value: r.durationMedianHours), HeadlineMetric(title: "Queue wait p50", value: r.queueWaitMedianMinutes)]
    }
}
