import MLOpsCore

extension QuarterlyReport {
    /// Builds the report for `quarter` (against the quarter before) from records.
    ///
    /// Every number comes from `PlatformSnapshot.compute` for `WindowSpec.quarter(quarter)`
    /// (the organisation's or the team's, plus one per team) and from `ForecastAccuracy`;
    /// nothing is re-derived here.
    ///
    /// - Parameters:
    ///   - records: records covering `PlatformSnapshot.requiredRange` for the quarter at `now`.
    ///   - history: model milestones over all time (`Store.modelHistory()`).
    ///   - team: only this team; nil for the whole organisation.
    /// - Throws: `ReportError` when the quarter is not complete at `now`, the team is
    ///   unknown, or the quarter holds no runs, deployments, costs or maintenance.
    public static func build(records: RecordSet, history: ModelHistory, quarter: Quarter, team: String? = nil,
                             now: Instant, configuration: MetricsConfiguration = MetricsConfiguration()) throws -> QuarterlyReport {
        try build(source: InMemoryMetricsSource(records: records, history: history), quarter: quarter, team: team, now: now,
                  configuration: configuration)
    }

    /// Builds the report from a metrics source: one input for the subject and one per team.
    public static func build(source: MetricsSource, quarter: Quarter, team: String? = nil,
                             now: Instant, configuration: MetricsConfiguration = MetricsConfiguration()) throws -> QuarterlyReport {
        try validate(quarter: quarter, now: now)
        let spec = WindowSpec.quarter(quarter)
        let query = MetricsQuery(spec: spec, now: now, configuration: configuration)
        let filter = SubjectFilter(team: team)
        // One team's report reads the organisation and that team; the organisation's reads
        // every team with it, at about the cost of the organisation alone.
        let organisation: MetricsInput, teamInputs: [String: MetricsInput]
        if let team {
            organisation = try source.input(for: query)
            teamInputs = [team: try source.input(for: query.with(filter: filter))]
        } else {
            let all = try source.inputsByTeam(for: query)
            (organisation, teamInputs) = (all.organisation, all.teams)
        }
        let records = organisation.records
        let teamNames = records.teamNames
        if let team, !teamNames.contains(team) { throw ReportError.unknownTeam(team, known: teamNames) }
        let reportTeams = team.map { [$0] } ?? teamNames
        let subjectInput = team.flatMap { teamInputs[$0] } ?? organisation
        let s = PlatformSnapshot.compute(subjectInput, query.with(filter: filter))
        let dataKinds: Set<RecordKind> = [.runs, .deployments, .costs, .maintenance]
        if dataKinds.isSubset(of: Set(s.missingKinds)) { throw ReportError.noData(quarter: quarter, subject: filter.description) }

        let modelTeam = Dictionary(records.models.map { ($0.name, $0.team) }, uniquingKeysWith: { a, _ in a })
        let teamSnapshots = reportTeams.map { name in
            (name: name, snapshot: team == name ? s
                : PlatformSnapshot.compute(teamInputs[name] ?? .empty, query.with(filter: SubjectFilter(team: name))))
        }
        let months = quarter.months
        let teamBudget = { (name: String, q: Quarter) in Finance.quarterBudget(records: records, quarter: q, scope: name) }
        let subjectRecords = subjectInput.records
        let subjectDaily = subjectInput.costs.dailyAmounts()

        func maturity(_ a: MaturityAssessment, team: String? = nil) -> Maturity {
            let monthly = months.map { m in a.history.first { $0.month == m }?.value }
            return Maturity(subject: a.subject, kind: a.kind.rawValue, team: team, level: a.level, progress: a.progress,
                            levelAtStart: monthly.first.flatMap { $0.map { Int($0) } }, levelAtEnd: monthly.last.flatMap { $0.map { Int($0) } },
                            monthly: zip(months, monthly).map { MonthValue(month: $0.description, value: $1) },
                            evidence: a.evidence.map {
                                Maturity.Evidence(criterion: $0.criterion.rawValue, title: $0.title, level: $0.level, measured: $0.measured,
                                                  threshold: $0.threshold, met: $0.met, detail: $0.detail)
                            },
                            missing: a.missing.map(\.criterion.rawValue))
        }

        let headline = Dictionary(HeadlineMetric.all(s).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func h(_ id: String) -> Metric {
            let m = headline[id]!
            return Metric(id: m.id, title: m.title, m.value, band: m.band)
        }
        let v = s.velocity, ml = s.maintenance, f = s.finance, p = s.product, r = s.research

        let incidents = MetricValue(Double(p.incidentsBySeverity.reduce(0) { $0 + $1.count }),
                                    previous: Double(p.incidentsBySeverity.reduce(0) { $0 + $1.previousCount }),
                                    unit: .count, polarity: .lowerIsBetter)
        let velocity = VelocitySection(
            metrics: [Metric(id: "deployments", title: "Prod deployments", v.deployments), h("deployments_per_week"),
                      h("lead_time_median_hours"), h("lead_time_p90_hours"), h("change_failure_rate"),
                      h(HeadlineMetric.recoveryKey(v)), h("idea_to_production_median_days")],
            deployDays: v.deployDays, daysWithoutDeployments: v.daysWithoutDeployments, weeksWithoutDeployments: v.weeksWithoutDeployments,
            failedChanges: v.failedChanges, unresolvedIncidents: v.unresolvedIncidents,
            weeklyDeployments: v.weeklyDeployments.map { WeekValue(week: $0.weekStart.iso8601, value: $0.value) })

        let maintenance = MaintenanceSection(
            metrics: [Metric(id: "maintenance_hours", title: "Maintenance hours", ml.hours), h("maintenance_share"), h("maintenance_cost"),
                      h("pages_per_week")],
            capacityHours: ml.capacityHours,
            weeklyShare: ml.weeklyShare.map { WeekValue(week: $0.weekStart.iso8601, value: $0.value) },
            byCategory: ml.byCategory.map { Amount(name: $0.name, value: $0.hours, previous: $0.previousHours) },
            byTeam: ml.byTeam.map {
                MaintenanceSection.TeamLoad(team: $0.team, hours: $0.hours, share: $0.share, previousShare: $0.previousShare,
                                            overCap: $0.overCap, cost: $0.hours * configuration.hourlyRate)
            },
            painPoints: ml.painPoints.map {
                MaintenanceSection.PainPoint(system: $0.system, hours: $0.hours, previousHours: $0.previousHours, weeksSeen: $0.weeksSeen,
                                             topCategory: $0.topCategory)
            },
            staffing: ml.staffing.map {
                MaintenanceSection.Staffing(mlEngineers: $0.mlEngineers, platformEngineers: $0.platformEngineers, ratio: $0.ratio,
                                            assessment: $0.assessment)
            })

        let maturitySection = MaturitySection(
            organisation: maturity(s.maturity.organisation),
            teams: s.maturity.teams.map { maturity($0) },
            models: s.maturity.models.map { maturity($0, team: modelTeam[$0.subject]) },
            rubric: MaturityCriterion.allCases.map {
                MaturitySection.Criterion(id: $0.rawValue, title: $0.title, level: $0.level, threshold: configuration.maturityThresholds[$0],
                                          isCount: $0.isCount)
            })

        let budgetScope = team ?? Budget.organisationScope
        let monthly = Finance.monthly(daily: subjectDaily, budgets: subjectRecords.budgets, months: quarter.previous.months + months, scope: budgetScope)
        let subjectCharges = subjectInput.costs.dailyAmounts { !$0.credit }
        let forecasts = [quarter.previous, quarter].compactMap { ForecastAccuracy.compute(daily: subjectDaily, charges: subjectCharges, quarter: $0) }
        let finance = FinanceSection(
            metrics: [h("spend"), h("gross_spend"), h("credits"), h("gpu_share"), Metric(id: "cost_per_production_model", title: "Cost / production model", f.costPerProductionModel),
                      h("cost_per_1k_predictions"), h("failed_run_gpu_spend")],
            quarterBudget: Finance.quarterBudget(records: subjectRecords, quarter: quarter, scope: budgetScope),
            previousQuarterBudget: Finance.quarterBudget(records: subjectRecords, quarter: quarter.previous, scope: budgetScope),
            months: monthly.map { FinanceSection.MonthSpend(month: $0.month.description, spend: $0.spend, budget: $0.budget,
                                                                   budgetProrated: $0.budgetIsProrated, overBudget: $0.isOver) },
            byTeam: f.byTeam.map { b in
                let budget = teamBudget(b.name, quarter)
                return FinanceSection.TeamSpend(team: b.name, spend: b.amount, previous: b.previousAmount, quarterBudget: budget,
                                                overBudget: budget.map { b.amount > $0 } ?? false)
            },
            byCategory: f.byCategory.map { Amount(name: $0.name, value: $0.amount, previous: $0.previousAmount) },
            byModel: f.byModel.map { b in
                let served = f.modelCosts.first { $0.model == b.name }
                return FinanceSection.ModelCost(model: b.name, team: modelTeam[b.name] ?? "-", spend: b.amount, previous: b.previousAmount,
                                                requests: served?.requests ?? 0, costPerThousandPredictions: served?.per1kPredictions)
            },
            anomalies: f.anomalies.map {
                FinanceSection.Anomaly(day: $0.day.iso8601, amount: $0.amount, baselineMedian: $0.baselineMedian, threshold: $0.threshold)
            },
            forecastAccuracy: forecasts.map {
                FinanceSection.Forecast(quarter: $0.quarter.description, madeOn: $0.madeOn.iso8601, spendToDate: $0.spendToDate,
                                        burnRatePerDay: $0.burnRatePerDay, remainingDays: $0.remainingDays, forecast: $0.forecast,
                                        actual: $0.actual, error: $0.error, absolutePercentageError: $0.absolutePercentageError)
            })

        let product = ProductSection(
            metrics: [h("availability_percent"), h("error_rate"), Metric(id: "incidents", title: "Incidents opened", incidents),
                      h("time_to_restore_median_hours"), h("change_failure_rate")],
            incidentsBySeverity: p.incidentsBySeverity.map {
                ProductSection.SeverityCount(severity: $0.severity, count: $0.count, previous: $0.previousCount)
            },
            models: p.models.map {
                ProductSection.ModelService(model: $0.model, team: $0.team, serving: $0.serving.rawValue, availability: $0.availability,
                                            sloAvailability: $0.sloAvailability, meetsAvailability: $0.meetsAvailability,
                                            p95MedianMs: $0.p95MedianMs, sloP95Ms: $0.sloP95Ms, meetsLatency: $0.meetsLatency,
                                            latencyBreachDays: $0.latencyBreachDays, errorRate: $0.errorRate, requests: $0.requests,
                                            incidents: $0.incidents)
            })

        let research = ResearchSection(
            metrics: [Metric(id: "runs", title: "Runs", r.runs), h("runs_per_week"), h("run_success_rate"), h("run_duration_median_hours"),
                      Metric(id: "run_duration_p90_hours", title: "Run duration (p90)", r.durationP90Hours), h("queue_wait_median_minutes"),
                      h("gpu_hours"), h("idea_to_production_median_days")],
            byKind: r.byKind.map { ResearchSection.KindCount(kind: $0.kind.rawValue, count: $0.count, previous: $0.previousCount, failed: $0.failed) },
            modelsTrainedPerMonth: r.modelsTrainedPerMonth.map { MonthValue(month: $0.month.description, value: $0.value) })

        let teamSections = teamSnapshots.map { t -> TeamSection in
            let ts = t.snapshot
            let th = Dictionary(HeadlineMetric.all(ts).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let metrics = TeamSection.metricIDs.map { id in Metric(id: id, title: th[id]!.title, th[id]!.value, band: th[id]!.band) }
            let load = ts.maintenance.byTeam.first { $0.team == t.name }
            let assessment = ts.maturity.teams.first { $0.subject == t.name } ?? ts.maturity.organisation
            let m = maturity(assessment)
            let budget = teamBudget(t.name, quarter)
            return TeamSection(team: t.name,
                               sentences: Narrative.teamSentences(team: t.name, metrics: metrics, load: load, spend: ts.finance.spend.current,
                                                                  budget: budget, maturity: m, currency: ts.finance.currency),
                               metrics: metrics, overMaintenanceCap: load?.overCap ?? false, quarterBudget: budget, maturity: m)
        }

        var report = QuarterlyReport(
            schemaVersion: currentSchemaVersion, generatedAt: now.iso8601,
            quarter: Period(quarter), previousQuarter: Period(quarter.previous),
            subject: Subject(kind: team == nil ? "org" : "team", name: team ?? "organisation"),
            currency: f.currency, settings: Settings(hourlyRate: configuration.hourlyRate, doraBenchmark: configuration.benchmark.rawValue,
                                                     maintenanceCap: MaintenanceLoad.toilCap),
            summary: Summary(headlines: Summary.headlineIDs.map(h), sentences: []),
            velocity: velocity, maintenance: maintenance, maturity: maturitySection, finance: finance, product: product,
            research: research, teams: teamSections)
        report.summary.sentences = Narrative.summarySentences(report, candidates: HeadlineMetric.all(s).map { Metric(id: $0.id, title: $0.title, $0.value) })
        return report
    }

    /// Throws unless `quarter` has ended at `now`.
    public static func validate(quarter: Quarter, now: Instant) throws {
        if quarter.window.end > now {
            throw ReportError.quarterNotComplete(quarter: quarter, now: now, lastComplete: Quarter.lastComplete(at: now))
        }
    }

    /// Parses `2026-Q3`, or throws `ReportError.malformedQuarter`.
    public static func parseQuarter(_ text: String) throws -> Quarter {
        guard let q = Quarter(text) else { throw ReportError.malformedQuarter(text) }
        return q
    }
}

extension QuarterlyReport.Period {
    init(_ q: Quarter) {
        self.init(label: q.description, firstDay: q.firstDay.iso8601, lastDay: q.endDay.advanced(by: -1).iso8601)
    }
}

extension QuarterlyReport.Summary {
    /// The executive summary's headline numbers.
    public static let headlineIDs = ["deployments_per_week", "lead_time_median_hours", "change_failure_rate", "maintenance_share",
                                     "spend", "availability_percent", "run_success_rate"]
}

extension QuarterlyReport.TeamSection {
    /// The metrics each team's section shows.
    public static let metricIDs = ["deployments_per_week", "lead_time_median_hours", "change_failure_rate", "maintenance_share",
                                   "maintenance_cost", "spend", "availability_percent", "run_success_rate", "runs_per_week"]
}
