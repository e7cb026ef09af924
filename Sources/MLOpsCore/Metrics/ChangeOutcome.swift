/// The per-deployment rules every velocity number and table is built from, defined once
/// so a tile and the rows beneath it cannot disagree (docs/METRICS.md, "Per deployment").
extension Deployment {
    /// A failed change: a production deployment rolled back (by status or by a rollback
    /// time) or named as the cause of an incident.
    public func isFailedChange(causedIncident: Set<String>) -> Bool {
        status == .rolledBack || rolledBackAt != nil || causedIncident.contains(id)
    }

    /// Rolled back, by status or by a rollback time.
    public var isRolledBack: Bool { status == .rolledBack || rolledBackAt != nil }

    /// Hours from the producing run's end to this deployment, never below 0 (a run whose
    /// end was stamped after the deployment is a clock skew, not negative lead time).
    public func leadTimeHours(producingRunEnd end: Instant?) -> Double? {
        end.map { max(0, Double($0.seconds(until: deployedAt)) / 3600) }
    }

    /// DORA 2023's failed deployment recovery time, in hours: from this deployment to the
    /// first thing that restored service, its rollback or the resolution of the last
    /// incident it caused, whichever came first, before `now`. Nil while not recovered
    /// (or when neither time is known).
    public func recoveryHours(incidents: [Incident], now: Instant) -> Double? {
        var recovered: [Instant] = []
        if let r = rolledBackAt, r < now { recovered.append(r) }
        let caused = incidents.filter { $0.deploymentId == id }
        if !caused.isEmpty, caused.allSatisfy({ $0.resolvedAt.map { $0 < now } ?? false }) {
            recovered.append(caused.compactMap(\.resolvedAt).max()!)
        }
        return recovered.min().map { max(0, Double(deployedAt.seconds(until: $0)) / 3600) }
    }
}
