/// Records as the store would have shown them at an instant: what happened at or after
/// it has not happened yet. `--now` reproduces a report only if every metric reads its
/// records through these (docs/METRICS.md, "The store as of now").
extension Deployment {
    /// The deployment at `now`: a rollback at or after `now` has not happened, so a
    /// deployment rolled back later was still live then.
    public func asOf(_ now: Instant) -> Deployment {
        guard let r = rolledBackAt, r >= now else { return self }
        var d = self
        d.rolledBackAt = nil
        if d.status == .rolledBack { d.status = .succeeded }
        return d
    }
}

extension Run {
    /// The run at `now`: one that ended at or after `now` was still running then, with no
    /// end and no GPU hours reported yet.
    public func asOf(_ now: Instant) -> Run {
        guard let e = endedAt, e >= now else { return self }
        var r = self
        r.endedAt = nil
        r.gpuHours = nil
        r.status = .running
        return r
    }
}

extension Incident {
    /// The incident at `now`: resolved or acknowledged only if that happened before `now`.
    public func asOf(_ now: Instant) -> Incident {
        var i = self
        if let r = resolvedAt, r >= now { i.resolvedAt = nil }
        if let a = acknowledgedAt, a >= now { i.acknowledgedAt = nil }
        return i
    }
}

extension ModelHistory {
    /// The milestones reached before `now`. Each is the first of its kind, so dropping the
    /// later ones leaves exactly the history a store holding only earlier records gives.
    public func asOf(_ now: Instant) -> ModelHistory {
        ModelHistory(firstExperiment: firstExperiment.filter { $0.value < now },
                     firstProduction: firstProduction.filter { $0.value < now })
    }
}
