import MLOpsCore

/// The quarterly report: one quarter against the one before, for the organisation or one
/// team, as plain values. Built once from metrics (`QuarterlyReport.build`), then rendered
/// as Markdown, HTML, CSV or JSON; the JSON is this value encoded with snake_case keys,
/// documented field by field in docs/REPORT.md.
public struct QuarterlyReport: Encodable, Sendable, Equatable {
    /// Bump on any incompatible change to the JSON (and CSV) shape.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var generatedAt: String
    public var quarter: Period
    public var previousQuarter: Period
    public var subject: Subject
    public var currency: String?
    public var settings: Settings
    public var summary: Summary
    public var velocity: VelocitySection
    public var maintenance: MaintenanceSection
    public var maturity: MaturitySection
    public var finance: FinanceSection
    public var product: ProductSection
    public var research: ResearchSection
    public var teams: [TeamSection]

    // MARK: - Shared pieces

    /// A quarter: its label and its first and last day (inclusive).
    public struct Period: Encodable, Sendable, Equatable {
        public var label: String
        public var firstDay: String
        public var lastDay: String
    }

    public struct Subject: Encodable, Sendable, Equatable {
        /// `org` or `team`.
        public var kind: String
        public var name: String
    }

    public struct Settings: Encodable, Sendable, Equatable {
        public var hourlyRate: Double
        public var doraBenchmark: String
        public var maintenanceCap: Double
    }

    /// One metric this quarter and last, with the change and whether it is good news.
    public struct Metric: Encodable, Sendable, Equatable {
        public var id: String
        public var title: String
        public var unit: String
        public var polarity: String
        public var value: Double?
        public var previous: Double?
        public var delta: Double?
        public var relativeChange: Double?
        /// `better`, `worse`, `unchanged`, or null (no comparison, or neither direction is good).
        public var judgement: String?
        /// DORA band of this quarter's value, for the four DORA metrics.
        public var band: String?

        public init(id: String, title: String, _ v: MetricValue, band: DORABand? = nil) {
            self.id = id
            self.title = title
            unit = v.unit.rawValue
            polarity = v.polarity.rawValue
            value = v.current
            previous = v.previous
            delta = v.delta
            relativeChange = v.relativeChange
            judgement = v.judgement?.rawValue
            self.band = band?.rawValue
        }

        /// The metric as the engine's value again, for formatting.
        public var metricValue: MetricValue {
            MetricValue(value, previous: previous, unit: MetricUnit(rawValue: unit) ?? .count,
                        polarity: Polarity(rawValue: polarity) ?? .neutral)
        }

        enum CodingKeys: String, CodingKey {
            case id, title, unit, polarity, value, previous, delta, relativeChange, judgement, band
        }

        /// Writes every field, `null` included, so a consumer sees "no data" explicitly.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(title, forKey: .title)
            try c.encode(unit, forKey: .unit)
            try c.encode(polarity, forKey: .polarity)
            try c.encode(value, forKey: .value)
            try c.encode(previous, forKey: .previous)
            try c.encode(delta, forKey: .delta)
            try c.encode(relativeChange, forKey: .relativeChange)
            try c.encode(judgement, forKey: .judgement)
            try c.encode(band, forKey: .band)
        }
    }

    /// A named amount this quarter and last (hours or money, by context).
    public struct Amount: Encodable, Sendable, Equatable {
        public var name: String
        public var value: Double
        public var previous: Double
    }

    public struct WeekValue: Encodable, Sendable, Equatable {
        /// The Monday the week starts.
        public var week: String
        public var value: Double?
    }

    public struct MonthValue: Encodable, Sendable, Equatable {
        public var month: String
        public var value: Double?
    }

    // MARK: - Sections

    public struct Summary: Encodable, Sendable, Equatable {
        public var headlines: [Metric]
        public var sentences: [String]
    }

    public struct VelocitySection: Encodable, Sendable, Equatable {
        public var metrics: [Metric]
        public var deployDays: Int
        public var daysWithoutDeployments: Int
        public var weeksWithoutDeployments: Int
        public var failedChanges: Int
        public var unresolvedIncidents: Int
        public var weeklyDeployments: [WeekValue]
    }

    public struct MaintenanceSection: Encodable, Sendable, Equatable {
        public var metrics: [Metric]
        public var capacityHours: Double?
        public var weeklyShare: [WeekValue]
        public var byCategory: [Amount]
        public var byTeam: [TeamLoad]
        public var painPoints: [PainPoint]
        public var staffing: Staffing?

        public struct TeamLoad: Encodable, Sendable, Equatable {
            public var team: String
            public var hours: Double
            public var share: Double?
            public var previousShare: Double?
            public var overCap: Bool
            public var cost: Double
        }

        public struct PainPoint: Encodable, Sendable, Equatable {
            public var system: String
            public var hours: Double
            public var previousHours: Double
            public var weeksSeen: Int
            public var topCategory: String
        }

        public struct Staffing: Encodable, Sendable, Equatable {
            public var mlEngineers: Int
            public var platformEngineers: Int
            public var ratio: Double?
            public var assessment: String
        }
    }

    public struct MaturitySection: Encodable, Sendable, Equatable {
        public var organisation: Maturity
        public var teams: [Maturity]
        public var models: [Maturity]
        public var rubric: [Criterion]

        public struct Criterion: Encodable, Sendable, Equatable {
            public var id: String
            public var title: String
            public var level: Int
            public var threshold: Double
            public var isCount: Bool
        }
    }

    /// A subject's maturity: the level from the quarter's evidence, and the level of its
    /// first and last month, so movement within the quarter shows.
    public struct Maturity: Encodable, Sendable, Equatable {
        public var subject: String
        /// `organisation`, `team` or `model`.
        public var kind: String
        /// For models: the owning team.
        public var team: String?
        public var level: Int?
        public var progress: Double?
        public var levelAtStart: Int?
        public var levelAtEnd: Int?
        public var monthly: [MonthValue]
        public var evidence: [Evidence]
        /// Criteria of the next level not yet met.
        public var missing: [String]

        public struct Evidence: Encodable, Sendable, Equatable {
            public var criterion: String
            public var title: String
            public var level: Int
            public var measured: Double?
            public var threshold: Double
            public var met: Bool
            public var detail: String
        }
    }

    public struct FinanceSection: Encodable, Sendable, Equatable {
        public var metrics: [Metric]
        public var quarterBudget: Double?
        public var previousQuarterBudget: Double?
        /// The previous quarter's months, then this quarter's.
        public var months: [MonthSpend]
        public var byTeam: [TeamSpend]
        public var byCategory: [Amount]
        public var byModel: [ModelCost]
        public var anomalies: [Anomaly]
        /// The midpoint forecast against the actual, for the previous quarter and this one.
        public var forecastAccuracy: [Forecast]

        public struct MonthSpend: Encodable, Sendable, Equatable {
            public var month: String
            public var spend: Double
            public var budget: Double?
            /// True when the month had no budget of its own and `budget` is its days' share of the quarter's.
            public var budgetProrated: Bool
            public var overBudget: Bool
        }

        public struct TeamSpend: Encodable, Sendable, Equatable {
            public var team: String
            public var spend: Double
            public var previous: Double
            public var quarterBudget: Double?
            public var overBudget: Bool
        }

        public struct ModelCost: Encodable, Sendable, Equatable {
            public var model: String
            public var team: String
            public var spend: Double
            public var previous: Double
            public var requests: Int
            public var costPerThousandPredictions: Double?
        }

        public struct Anomaly: Encodable, Sendable, Equatable {
            public var day: String
            public var amount: Double
            public var baselineMedian: Double
            public var threshold: Double
        }

        public struct Forecast: Encodable, Sendable, Equatable {
            public var quarter: String
            public var madeOn: String
            public var spendToDate: Double
            public var burnRatePerDay: Double
            public var remainingDays: Int
            public var forecast: Double
            public var actual: Double
            public var error: Double
            public var absolutePercentageError: Double?
        }
    }

    public struct ProductSection: Encodable, Sendable, Equatable {
        public var metrics: [Metric]
        public var incidentsBySeverity: [SeverityCount]
        public var models: [ModelService]

        public struct SeverityCount: Encodable, Sendable, Equatable {
            public var severity: Int
            public var count: Int
            public var previous: Int
        }

        public struct ModelService: Encodable, Sendable, Equatable {
            public var model: String
            public var team: String
            public var serving: String
            public var availability: Double?
            public var sloAvailability: Double?
            public var meetsAvailability: Bool?
            public var p95MedianMs: Double?
            public var sloP95Ms: Double?
            public var meetsLatency: Bool?
            public var latencyBreachDays: Int
            public var errorRate: Double?
            public var requests: Int
            public var incidents: Int
        }
    }

    public struct ResearchSection: Encodable, Sendable, Equatable {
        public var metrics: [Metric]
        public var byKind: [KindCount]
        public var modelsTrainedPerMonth: [MonthValue]

        public struct KindCount: Encodable, Sendable, Equatable {
            public var kind: String
            public var count: Int
            public var previous: Int
            public var failed: Int
        }
    }

    public struct TeamSection: Encodable, Sendable, Equatable {
        public var team: String
        public var sentences: [String]
        public var metrics: [Metric]
        public var overMaintenanceCap: Bool
        public var quarterBudget: Double?
        public var maturity: Maturity
    }
}

extension QuarterlyReport {
    /// Every metric of the report once, in section order (a metric shown in two sections,
    /// like the change failure rate, appears once).
    public var allMetrics: [Metric] {
        var seen = Set<String>()
        return (velocity.metrics + maintenance.metrics + finance.metrics + product.metrics + research.metrics)
            .filter { seen.insert($0.id).inserted }
    }

    /// The report's default file name: `mlops-report-2026-Q3.html`, `mlops-report-2026-Q3-atlas.md`.
    public static func fileName(quarter: Quarter, team: String?, format: ReportFormat) -> String {
        let suffix = team.map { "-" + safeFileComponent($0) } ?? ""
        return "mlops-report-\(quarter)\(suffix).\(format.rawValue)"
    }

    /// A team name made safe for a file name: anything but letters, digits, `.`, `_` and `-` becomes `_`.
    static func safeFileComponent(_ s: String) -> String {
        let cleaned = String(s.map { c -> Character in
            c.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") ? c : "_"
        })
        return cleaned.hasPrefix(".") ? "_" + cleaned.dropFirst() : cleaned
    }
}

/// The formats the report renders to.
public enum ReportFormat: String, CaseIterable, Sendable {
    case md, html, csv, json

    public func render(_ report: QuarterlyReport) throws -> String {
        switch self {
        case .md: return MarkdownReport.render(report)
        case .html: return HTMLReport.render(report)
        case .csv: return CSVReport.render(report)
        case .json: return try JSONReport.render(report)
        }
    }
}
