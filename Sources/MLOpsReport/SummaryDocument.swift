import Foundation
import MLOpsCore
import SafeText

/// The `summary --json` shape: a versioned, compact overview for scripts and cron jobs.
/// Documented in docs/METRICS.md; bump `schemaVersion` on any incompatible change.
public struct SummaryDocument: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var generatedAt: String
    public var window: Span
    public var previousWindow: Span
    public var subject: String
    public var metrics: [Metric]
    public var attention: [Attention]
    public var maturity: [MaturityLine]
    public var teams: [TeamLine]
    public var missingKinds: [String]

    public struct Span: Codable, Sendable, Equatable {
        public var label: String
        public var start: String
        public var end: String
    }

    public struct Metric: Codable, Sendable, Equatable {
        public var name: String
        public var unit: String
        public var value: Double?
        public var previous: Double?
        public var judgement: String?
        public var band: String?
    }

    public struct Attention: Codable, Sendable, Equatable {
        public var urgency: String
        /// The full message: a list capped in the text output is whole here.
        public var message: String
    }

    public struct MaturityLine: Codable, Sendable, Equatable {
        public var subject: String
        public var kind: String
        public var level: Int?
        public var progress: Double?
        public var missing: [String]
        public var history: [String: Int?]
    }

    public struct TeamLine: Codable, Sendable, Equatable {
        public var team: String
        public var maintenanceShare: Double?
        public var overMaintenanceCap: Bool
        public var spend: Double
        public var level: Int?

        enum CodingKeys: String, CodingKey {
            case team, maintenanceShare = "maintenance_share", overMaintenanceCap = "over_maintenance_cap", spend, level
        }
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version", generatedAt = "generated_at", window, previousWindow = "previous_window", subject,
             metrics, attention, maturity, teams, missingKinds = "missing_kinds"
    }

    public init(_ s: PlatformSnapshot) {
        schemaVersion = Self.currentSchemaVersion
        generatedAt = s.now.iso8601
        window = Span(label: s.windowLabel, start: s.window.start.iso8601, end: s.window.end.iso8601)
        previousWindow = Span(label: "previous", start: s.previousWindow.start.iso8601, end: s.previousWindow.end.iso8601)
        subject = s.filter.description
        metrics = HeadlineMetric.all(s).map {
            Metric(name: $0.id, unit: $0.value.unit.rawValue, value: $0.value.current, previous: $0.value.previous,
                   judgement: $0.value.judgement?.rawValue, band: $0.band?.rawValue)
        }
        attention = s.attention.map { Attention(urgency: "\($0.urgency)", message: $0.message) }
        maturity = ([s.maturity.organisation] + s.maturity.teams + s.maturity.models).map { a in
            MaturityLine(subject: a.subject, kind: a.kind.rawValue, level: a.level, progress: a.progress,
                         missing: a.missing.map(\.criterion.rawValue),
                         history: Dictionary(uniqueKeysWithValues: a.history.map { ($0.month.description, $0.value.map { Int($0) }) }))
        }
        teams = s.maintenance.byTeam.map { t in
            TeamLine(team: t.team, maintenanceShare: t.share, overMaintenanceCap: t.overCap,
                     spend: s.finance.byTeam.first { $0.name == t.team }?.amount ?? 0,
                     level: s.maturity.teams.first { $0.subject == t.team }?.level)
        }
        missingKinds = s.missingKinds.map(\.rawValue)
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        // Exact JSON; C1 and bidi controls written as \u escapes so a terminal showing it stays inert.
        return TextSanitizer.escapingJSONInvisibles(String(decoding: try encoder.encode(self), as: UTF8.self))
    }
}
