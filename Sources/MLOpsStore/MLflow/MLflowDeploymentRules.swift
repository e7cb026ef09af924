import Foundation
import MLOpsCore

/// How a registered model's versions become deployments, given that MLflow keeps only
/// the present: each version's `current_stage` and `last_updated_time`, and the
/// current alias → version map (aliases carry no timestamp).
///
/// - A version in the Production stage, or holding a production alias, is a production
///   deployment at its `last_updated_time`; Staging (stage or staging alias) likewise
///   for staging. A `deployed_at` version tag (ISO 8601 or epoch milliseconds) wins.
/// - An Archived version older than the newest live version was superseded: a past
///   production deployment, at its `deployed_at` tag, else its `creation_time` (the
///   earliest it could have gone live).
/// - The model's *current* production version is the one holding the first production
///   alias, else the highest version in the Production stage. The store remembers it;
///   when a later import finds another, that is a new deployment at import time (a
///   later `deployed_at` tag wins), and a move to a lower version number is a rollback
///   of the previous deployment, at import time.
/// - Deleted versions (`Deleted_Internal`) are skipped.
struct MLflowDeploymentRules {
    var productionAliases: [String]
    var stagingAliases: [String]

    /// What the store saw in production at the previous import.
    struct LastProduction: Equatable {
        var version: Int
        var deploymentID: String
        var deployedAt: Instant
    }

    /// The deployments one import derives for one model, and what it leaves remembered.
    struct Plan {
        var deployments: [Deployment] = []
        /// The previous production deployment, when this import rolled it back.
        var rolledBack: String?
        /// The production version to remember, when there is one.
        var production: LastProduction?
    }

    /// - Parameters:
    ///   - runID: our run id for an MLflow run id, when that run was imported.
    func plan(model: MLflowSnapshot.RegisteredModel, team: String, last: LastProduction?,
              now: Instant, runID: (String?) -> String?) -> Plan {
        let live = model.versions.filter { !$0.isDeleted }
        guard let newest = live.map(\.version).max() else { return Plan(production: last) }
        let name = model.qualifiedName
        func holds(_ aliases: [String], _ v: MLflowSnapshot.ModelVersion) -> Bool {
            aliases.contains { model.aliases[$0] == v.version }
        }
        let production = live.filter { $0.stage == "Production" || holds(productionAliases, $0) }
        let productionNumbers = Set(production.map(\.version))
        let staging = live.filter {
            !productionNumbers.contains($0.version) && ($0.stage == "Staging" || holds(stagingAliases, $0))
        }
        let stagingNumbers = Set(staging.map(\.version))
        let superseded = live.filter {
            $0.stage == "Archived" && $0.version < newest
                && !productionNumbers.contains($0.version) && !stagingNumbers.contains($0.version)
        }
        let current = productionAliases.lazy.compactMap { alias in live.first { $0.version == model.aliases[alias] } }.first
            ?? production.filter { $0.stage == "Production" }.max { $0.version < $1.version }

        var plan = Plan(production: last)
        func deployment(_ v: MLflowSnapshot.ModelVersion, _ environment: DeploymentEnvironment, id: String, at: Instant) -> Deployment {
            let automated = (v.tags["mlops.method"] ?? model.tags["mlops.method"])?.lowercased() == "automated"
            return Deployment(id: id, model: name, team: team, version: String(v.version), environment: environment,
                              deployedAt: at, method: automated ? .automated : .manual, runId: runID(v.runID))
        }
        func stateID(_ v: MLflowSnapshot.ModelVersion, _ environment: DeploymentEnvironment) -> String {
            "mlflow:\(name)/\(v.version)/\(environment.rawValue)"
        }
        for v in superseded {
            let at = Self.taggedTime(v) ?? MLflowRunRules.instant(milliseconds: v.creationTime ?? v.lastUpdatedTime) ?? now
            plan.deployments.append(deployment(v, .production, id: stateID(v, .production), at: at))
        }
        for v in staging {
            plan.deployments.append(deployment(v, .staging, id: stateID(v, .staging), at: Self.stateTime(v, now: now)))
        }
        for v in production where v.version != current?.version {
            plan.deployments.append(deployment(v, .production, id: stateID(v, .production), at: Self.stateTime(v, now: now)))
        }
        guard let current else { return plan }
        if let last, last.version == current.version {
            // Still where the last import saw it: the same deployment, as stored.
            plan.deployments.append(deployment(current, .production, id: last.deploymentID, at: last.deployedAt))
        } else if let last {
            // Moved since the last import: MLflow cannot say when, so the import's clock does.
            let tagged = Self.taggedTime(current).flatMap { $0 > last.deployedAt ? $0 : nil }
            let at = tagged ?? now
            let id = "mlflow:\(name)/\(current.version)/production@\(now.seconds)"
            plan.deployments.append(deployment(current, .production, id: id, at: at))
            if current.version < last.version { plan.rolledBack = last.deploymentID }
            plan.production = LastProduction(version: current.version, deploymentID: id, deployedAt: at)
        } else {
            let at = Self.stateTime(current, now: now)
            let id = stateID(current, .production)
            plan.deployments.append(deployment(current, .production, id: id, at: at))
            plan.production = LastProduction(version: current.version, deploymentID: id, deployedAt: at)
        }
        return plan
    }

    /// The `deployed_at` tag, else the version's `last_updated_time`.
    static func stateTime(_ v: MLflowSnapshot.ModelVersion, now: Instant) -> Instant {
        taggedTime(v) ?? MLflowRunRules.instant(milliseconds: v.lastUpdatedTime ?? v.creationTime) ?? now
    }

    /// A `deployed_at` version tag: ISO 8601 with a zone, or epoch milliseconds.
    static func taggedTime(_ v: MLflowSnapshot.ModelVersion) -> Instant? {
        guard let text = v.tags["deployed_at"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let ms = Int64(text) { return MLflowRunRules.instant(milliseconds: ms) }
        return Instant(iso8601: text)
    }
}
