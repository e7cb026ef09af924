/// The evidence behind Google's MLOps maturity levels, as data: each criterion names
/// the level it belongs to, what is measured and the threshold that counts as met.
public enum MaturityCriterion: String, CaseIterable, Sendable, Codable, Hashable {
    case orchestratedTraining = "orchestrated_training"
    case automatedTraining = "automated_training"
    case registeredDeployments = "registered_deployments"
    case automatedDeployments = "automated_deployments"
    case rollbacks = "rollbacks"
    case monitoringCoverage = "monitoring_coverage"
    case triggeredRetraining = "triggered_retraining"

    /// The level this criterion is needed for.
    public var level: Int {
        switch self {
        case .orchestratedTraining, .automatedTraining, .registeredDeployments: return 1
        case .automatedDeployments, .rollbacks, .monitoringCoverage, .triggeredRetraining: return 2
        }
    }

    public var title: String {
        switch self {
        case .orchestratedTraining: return "Training runs orchestrated"
        case .automatedTraining: return "Training scheduled or triggered"
        case .registeredDeployments: return "Prod deploys from registered runs"
        case .automatedDeployments: return "Prod deploys automated"
        case .rollbacks: return "Failed changes rolled back"
        case .monitoringCoverage: return "Deployed models monitored"
        case .triggeredRetraining: return "Retrains triggered by drift/data"
        }
    }

    /// True when the measure is a count (threshold is a minimum number), not a share.
    public var isCount: Bool { self == .triggeredRetraining }
}

/// The threshold each criterion must reach; the defaults are documented in docs/METRICS.md.
public struct MaturityThresholds: Sendable, Codable, Hashable {
    public var values: [MaturityCriterion: Double]

    public init(values: [MaturityCriterion: Double] = MaturityThresholds.defaults) {
        self.values = MaturityThresholds.defaults.merging(values) { _, new in new }
    }

    public static let defaults: [MaturityCriterion: Double] = [
        .orchestratedTraining: 0.8,
        .automatedTraining: 0.5,
        .registeredDeployments: 0.8,
        .automatedDeployments: 0.8,
        .rollbacks: 0.8,
        .monitoringCoverage: 0.8,
        .triggeredRetraining: 1,
    ]

    public subscript(_ c: MaturityCriterion) -> Double { values[c] ?? MaturityThresholds.defaults[c]! }

    /// Parses `orchestrated_training=0.9,triggered_retraining=2`.
    public init?(parsing text: String) {
        var values: [MaturityCriterion: Double] = [:]
        for part in text.split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1).map(trimmed)
            guard kv.count == 2, let c = MaturityCriterion(rawValue: kv[0]), let v = Double(kv[1]), v >= 0 else { return nil }
            values[c] = v
        }
        self.init(values: values)
    }
}

private func trimmed(_ s: Substring) -> String {
    var s = s
    while s.first?.isWhitespace == true { s.removeFirst() }
    while s.last?.isWhitespace == true { s.removeLast() }
    return String(s)
}
