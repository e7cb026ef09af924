import MLOpsCore

/// Runs counted on the server, by the rules of `RunAggregatesQuery`.
extension PostgresMetricsReader {
    /// Research's statistics for the window, or the one before it (without weeks).
    /// A run that ended at or after `now` counts as running then, with no end and no GPU hours yet.
    func research(previous: Bool) throws -> RunWindowStats {
        let w = (previous ? q.previous : q.window).clipped(to: q.range)
        let weeks = previous ? [] : q.window.weekStarts
        let s = subject(), now = SQLValue.integer(q.now.seconds)
        let week = Self.bucket("placed_at", weeks.dropFirst().map { .integer($0.start.seconds) })
        var stats = RunWindowStats()
        for row in try session.rows("""
            SELECT kind, CASE WHEN ended_at >= ? THEN 'running' ELSE status END AS status_then, \(week.sql) AS week, count(*),
                   SUM(CASE WHEN gpu_hours IS NULL OR ended_at >= ? THEN 0 ELSE \(PostgresSchema.roundedInteger("gpu_hours * 1000000")) END)::bigint,
                   count(CASE WHEN ended_at >= ? THEN NULL ELSE gpu_hours END)
            FROM runs WHERE placed_at >= ? AND placed_at < ?\(s.sql)
            GROUP BY 1, 2, 3
            """, [now] + week.arguments + [now, now, .integer(w.start.seconds), .integer(w.end.seconds)] + s.arguments) {
            guard let kind = RunKind(rawValue: row[0]), let status = RunStatus(rawValue: row[1]) else { continue }
            let n: Int = row[3]
            stats.byKindStatus[RunKindStatus(kind, status), default: 0] += n
            if !weeks.isEmpty { stats.weekly[weeks[min(row[2] as Int, weeks.count - 1)], default: 0] += n }
            stats.gpuMicroHours += row[4] as Int64
            stats.gpuRuns += row[5] as Int
        }
        // Sorted on the server and sent as two arrays: a 90-day window's durations are
        // ~120,000 numbers, which as rows cost the client more than the rest of the input.
        let distributions = try session.integerArrays("""
            SELECT array_agg(duration ORDER BY duration) FILTER (WHERE duration IS NOT NULL),
                   array_agg(wait ORDER BY wait) FILTER (WHERE wait IS NOT NULL)
            FROM (SELECT CASE WHEN ended_at < ? THEN ended_at - started_at END AS duration, started_at - queued_at AS wait FROM runs
                  WHERE placed_at >= ? AND placed_at < ? AND started_at IS NOT NULL AND (ended_at < ? OR queued_at IS NOT NULL)\(s.sql)) AS spans
            """, [now, .integer(w.start.seconds), .integer(w.end.seconds), now] + s.arguments)
        stats.durationSeconds = distributions[0]
        stats.queueWaitSeconds = distributions[1]
        stats.normalise()
        return stats
    }

    /// Runs per subject for the window and each counted month, and the models with runs.
    /// Months wholly inside the range come from `run_months`, corrected for succeeded
    /// training runs that end at or after `now`; the rest from the runs.
    func counts(into runs: inout RunAggregates) throws {
        let range = q.range
        func isWhole(_ m: Month) -> Bool { m.window.start >= range.start && m.window.end <= range.end }
        let windowStart = max(q.window.start, range.start)
        let window = TimeWindow(start: windowStart, end: max(min(q.window.end, range.end), windowStart))
        let split = MetricsSQL.split(window)
        let whole = Array(Set(q.countedMonths.filter(isWhole) + split.months)).sorted()
        let monthly = try monthCounts(whole)
        for month in q.countedMonths {
            if isWhole(month) {
                if let counts = monthly[month] { runs.monthly[month] = counts }
            } else if let counts = try subjectCounts(from: max(month.window.start, range.start), to: min(month.window.end, range.end)) {
                runs.monthly[month] = counts
            }
        }
        var inWindow: [SubjectKey: RunCounts] = [:]
        for month in split.months { for (key, c) in monthly[month] ?? [:] { inWindow[key, default: RunCounts()] = inWindow[key, default: RunCounts()] + c } }
        for edge in split.edges {
            for (key, c) in try subjectCounts(from: edge.start, to: edge.end) ?? [:] { inWindow[key, default: RunCounts()] = inWindow[key, default: RunCounts()] + c }
        }
        runs.window = inWindow
        runs.models = try modelsWithRuns()
    }

    private func monthCounts(_ months: [Month]) throws -> [Month: [SubjectKey: RunCounts]] {
        guard let first = months.first, let last = months.last else { return [:] }
        var result: [Month: [SubjectKey: RunCounts]] = [:]
        let byName = Dictionary(uniqueKeysWithValues: months.map { ($0.description, $0) })
        let s = subject()
        for row in try session.rows("""
            SELECT month, team, model, runs, training, orchestrated, automated, monitoring_triggered, succeeded_training
            FROM run_months WHERE month = ANY(?::text[])\(s.sql)
            """, [.text("{" + months.map(\.description).joined(separator: ",") + "}")] + s.arguments) {
            guard let month = byName[row[0]] else { continue }
            result[month, default: [:]][SubjectKey(team: row[1], model: row[2])] =
                RunCounts(runs: row[3], training: row[4], orchestrated: row[5], automated: row[6], monitoringTriggered: row[7], succeededTraining: row[8])
        }
        for row in try session.rows("""
            SELECT \(PostgresRollups.monthOf("placed_at")) AS month, team, model, count(*) FROM runs
            WHERE status = 'succeeded' AND ended_at >= ? AND \(Self.training) AND placed_at >= ? AND placed_at < ?\(s.sql)
            GROUP BY 1, 2, 3
            """, [.integer(q.now.seconds), .integer(first.window.start.seconds), .integer(last.window.end.seconds)] + s.arguments) {
            guard let month = byName[row[0]] else { continue }
            result[month, default: [:]][SubjectKey(team: row[1], model: row[2]), default: RunCounts()].succeededTraining -= row[3] as Int
        }
        return result
    }

    /// Runs per subject placed in `[from, to)`; nil when there are none.
    private func subjectCounts(from: Instant, to: Instant) throws -> [SubjectKey: RunCounts]? {
        guard from < to else { return nil }
        let s = subject(), t = Self.training
        var result: [SubjectKey: RunCounts] = [:]
        for row in try session.rows("""
            SELECT team, model, count(*),
                   count(*) FILTER (WHERE \(t)),
                   count(*) FILTER (WHERE \(t) AND orchestrated <> 0),
                   count(*) FILTER (WHERE \(t) AND "trigger" <> 'manual'),
                   count(*) FILTER (WHERE \(t) AND "trigger" IN ('drift', 'data')),
                   count(*) FILTER (WHERE \(t) AND status = 'succeeded' AND (ended_at IS NULL OR ended_at < ?))
            FROM runs WHERE placed_at >= ? AND placed_at < ?\(s.sql)
            GROUP BY 1, 2
            """, [.integer(q.now.seconds), .integer(from.seconds), .integer(to.seconds)] + s.arguments) {
            result[SubjectKey(team: row[0], model: row[1])] =
                RunCounts(runs: row[2], training: row[3], orchestrated: row[4], automated: row[5], monitoringTriggered: row[6], succeededTraining: row[7])
        }
        return result.isEmpty ? nil : result
    }

    /// Runs still running at `now`.
    func runningCount() throws -> Int {
        let s = subject()
        // Two disjoint counts, each on an index (running runs; runs by end time), for the
        // one condition `status = 'running' OR ended_at >= now` that no index serves.
        let range: [SQLValue] = [.integer(q.range.start.seconds), .integer(q.range.end.seconds)]
        return try session.rows("""
            SELECT (SELECT count(*) FROM runs WHERE status = 'running' AND placed_at >= ? AND placed_at < ?\(s.sql))
                 + (SELECT count(*) FROM runs WHERE ended_at >= ? AND status <> 'running' AND placed_at >= ? AND placed_at < ?\(s.sql))
            """, range + s.arguments + [.integer(q.now.seconds)] + range + s.arguments)[0][0]
    }

    /// Runs that failed in triage's lookback, newest first.
    func recentFailures() throws -> [Run] {
        let since = q.now.adding(hours: -q.configuration.triageHours), s = subject()
        return try fetch(Run.self, """
            WHERE status = 'failed' AND COALESCE(ended_at, placed_at) >= ? AND COALESCE(ended_at, placed_at) < ?
              AND placed_at >= ? AND placed_at < ?\(s.sql)
            """, [.integer(since.seconds), .integer(q.now.seconds), .integer(q.range.start.seconds), .integer(q.range.end.seconds)] + s.arguments)
            .sorted(by: RunAggregates.newestFirst)
    }

    /// Each production deployment's producing run, where both belong to the subject.
    func producingRuns() throws -> [String: ProducingRun] {
        let deployments = subject(team: "d.team", model: "d.model"), runs = subject(team: "r.team", model: "r.model")
        var result: [String: ProducingRun] = [:]
        // Each deployment's run looked up by its key (`OFFSET 0` keeps the lookup a lookup):
        // joined, the planner hashed every run of the store for a few thousand deployments.
        for row in try session.rows("""
            SELECT d.id, r.ended_at, r.registered FROM deployments d
            CROSS JOIN LATERAL (SELECT r.ended_at, r.registered FROM runs r WHERE r.id = d.run_id\(runs.sql) OFFSET 0) AS r
            WHERE d.deployed_at >= ? AND d.deployed_at < ? AND d.environment = 'production'\(deployments.sql)
            """, runs.arguments + [.integer(q.range.start.seconds), .integer(q.range.end.seconds)] + deployments.arguments) {
            // A run that had not ended by `now` gives no lead time yet (`Run.asOf`).
            result[row[0]] = ProducingRun(endedAt: (row[1] as Int64?).map(Instant.init(seconds:)).flatMap { $0 < q.now ? $0 : nil }, registered: row[2])
        }
        return result
    }
}
