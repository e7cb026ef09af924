import GRDB
import MLOpsCore

/// Runs, counted where they are stored: research statistics per window, per-subject
/// counts for the window and each month, the running and recently failed runs.
enum RunAggregatesQuery {
    static let training = "kind IN ('training', 'pipeline')"

    static func fetch(_ db: Database, _ q: MetricsQuery, parts: MetricsParts) throws -> RunAggregates {
        let subject = MetricsSQL.subject(q.filter, team: "team", model: "model")
        var runs = RunAggregates()
        if parts.contains(.research) {
            runs.current = try research(db, q, previous: false)
            runs.previous = try research(db, q, previous: true)
        }
        if parts.contains(.runCounts) { try counts(db, q, subject, into: &runs) }
        if parts.contains(.runLists) { try lists(db, q, subject, into: &runs) }
        if parts.contains(.running) { runs.running = try runningCounts(db, q)[""] ?? 0 }
        return runs
    }

    /// Research's statistics for the window, or the one before it (without weeks).
    static func research(_ db: Database, _ q: MetricsQuery, previous: Bool) throws -> RunWindowStats {
        let w = previous ? q.previous : q.window
        return try windowStats(db, w.clipped(to: q.range), weeks: previous ? [] : w.weekStarts, now: q.now, q.filter)[""] ?? RunWindowStats()
    }

    /// Research's statistics for the runs placed in one window: its whole days from the
    /// days the store keeps (`ResearchDaysQuery`), the hours before the first and after the
    /// last from the runs. A model's runs are few, and are read as runs.
    /// Per team when `byTeam`, else under "".
    static func windowStats(_ db: Database, _ w: TimeWindow, weeks: [Day], now: Instant, _ filter: SubjectFilter,
                            byTeam: Bool = false) throws -> [String: RunWindowStats] {
        let subject = MetricsSQL.subject(filter, team: "team", model: "model")
        guard filter.model == nil, let days = ResearchDaysQuery.wholeDays(of: w) else {
            return try rowStats(db, w, weeks: weeks, now: now, subject, byTeam: byTeam)
        }
        var result = try ResearchDaysQuery.stats(db, days, weeks: weeks, now: now, team: filter.team, byTeam: byTeam)
        for edge in [TimeWindow(start: w.start, end: days.lowerBound.start), TimeWindow(start: days.upperBound.advanced(by: 1).start, end: w.end)]
        where edge.start < edge.end {
            for (name, stats) in try rowStats(db, edge, weeks: weeks, now: now, subject, byTeam: byTeam) {
                result[name] = result[name].map { $0 + stats } ?? stats
            }
        }
        return result
    }

    static func counts(_ db: Database, _ q: MetricsQuery, _ subject: (sql: String, arguments: StatementArguments),
                       into runs: inout RunAggregates) throws {
        let range = q.range
        // Months wholly inside the range come from the monthly counts the store keeps
        // (`RunMonths`); a month the range cuts (the current one) is counted from its runs.
        func isWhole(_ m: Month) -> Bool { m.window.start >= range.start && m.window.end <= range.end }
        let window = TimeWindow(start: max(q.window.start, range.start), end: max(min(q.window.end, range.end), max(q.window.start, range.start)))
        let windowSplit = MetricsSQL.split(window)
        let wholeMonths = Array(Set(q.countedMonths.filter(isWhole) + windowSplit.months)).sorted()
        let monthly = try monthCounts(db, wholeMonths, now: q.now, filter: q.filter, subject)
        // The spans counted from runs: the months the range cuts and the window's edges.
        // They overlap (a 30-day window's edge and the current month), so each run is read
        // once, counted per piece between their boundaries, and the pieces summed per span.
        var spans: [(span: TimeWindow, month: Month?)] = []
        for month in q.countedMonths where !isWhole(month) {
            let from = max(month.window.start, range.start), to = min(month.window.end, range.end)
            if from < to { spans.append((TimeWindow(start: from, end: to), month)) }
        }
        for edge in windowSplit.edges { spans.append((edge, nil)) }
        let counted = try spanCounts(db, spans.map(\.span), now: q.now, subject)
        for month in q.countedMonths where isWhole(month) {
            if let counts = monthly[month] { runs.monthly[month] = counts }
        }
        var inWindow: [SubjectKey: RunCounts] = [:]
        for (i, span) in spans.enumerated() {
            guard let counts = counted[i] else { continue }
            if let month = span.month { runs.monthly[month] = counts; continue }
            for (key, c) in counts { inWindow[key, default: RunCounts()] = inWindow[key, default: RunCounts()] + c }
        }
        for month in windowSplit.months { for (key, c) in monthly[month] ?? [:] { inWindow[key, default: RunCounts()] = inWindow[key, default: RunCounts()] + c } }
        runs.window = inWindow
        runs.models = try modelsWithRuns(db, q)
    }

    static func lists(_ db: Database, _ q: MetricsQuery, _ subject: (sql: String, arguments: StatementArguments),
                      into runs: inout RunAggregates) throws {
        runs.recentFailures = try recentFailures(db, q)
        runs.producingRuns = try producingRuns(db, q).all
    }

    /// Runs still running at `now`, per team when `byTeam` (else under "").
    static func runningCounts(_ db: Database, _ q: MetricsQuery, byTeam: Bool = false) throws -> [String: Int] {
        // `status = 'running' OR ended_at >= now`, as two disjoint counts that each read an
        // index of the few runs they count (`runs_running`, `runs_by_end`); `+` keeps the
        // planner off the time and subject indexes, which hold every run of the range.
        var result: [String: Int] = [:]
        let group = byTeam ? "team" : "''"
        let unindexed = MetricsSQL.subject(q.filter, team: "+team", model: "+model")
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(group) AS grp, count(*) FROM runs
            WHERE status = 'running' AND placed_at >= ? AND placed_at < ?\(unindexed.sql)
            GROUP BY grp
            UNION ALL
            SELECT \(group) AS grp, count(*) FROM runs
            WHERE ended_at >= ? AND status <> 'running' AND +placed_at >= ? AND +placed_at < ?\(unindexed.sql)
            GROUP BY grp
            """, arguments: [q.range.start.seconds, q.range.end.seconds] + unindexed.arguments
                + [q.now.seconds, q.range.start.seconds, q.range.end.seconds] + unindexed.arguments)
        while let row = try rows.next() { result[row[0], default: 0] += row[1] as Int }
        return result
    }

    /// Runs that failed in triage's lookback, newest first.
    static func recentFailures(_ db: Database, _ q: MetricsQuery) throws -> [Run] {
        let since = q.now.adding(hours: -q.configuration.triageHours)
        // `+`: the few failures since `since` are found by their end; on the subject's index
        // SQLite would read all its runs in the range.
        let subject = MetricsSQL.subject(q.filter, team: "+team", model: "+model")
        return try Store.fetch(Run.self, db, """
            WHERE status = 'failed' AND COALESCE(ended_at, placed_at) >= ? AND COALESCE(ended_at, placed_at) < ?
              AND placed_at >= ? AND placed_at < ?\(subject.sql)
            """, [since.seconds, q.now.seconds, q.range.start.seconds, q.range.end.seconds] + subject.arguments)
            .sorted(by: RunAggregates.newestFirst)
    }

    /// Runs per subject in whole months, from the monthly counts, with succeeded training
    /// runs that ended at or after `now` counted as still running then (few, found by
    /// their end time in the succeeded training runs' index; `+` keeps the planner off the
    /// time and subject ones): the counts hold each run's stored status.
    static func monthCounts(_ db: Database, _ months: [Month], now: Instant, filter: SubjectFilter,
                            _ subject: (sql: String, arguments: StatementArguments)) throws -> [Month: [SubjectKey: RunCounts]] {
        guard let first = months.first, let last = months.last else { return [:] }
        var result: [Month: [SubjectKey: RunCounts]] = [:]
        let byName = Dictionary(uniqueKeysWithValues: months.map { ($0.description, $0) })
        let names = months.map(\.description)
        let rows = try Row.fetchCursor(db, sql: """
            SELECT month, team, model, runs, training, orchestrated, automated, monitoring_triggered, succeeded_training
            FROM run_months WHERE month IN (\(names.map { _ in "?" }.joined(separator: ", ")))\(subject.sql)
            """, arguments: StatementArguments(names) + subject.arguments)
        while let row = try rows.next() {
            guard let month = byName[row[0]] else { continue }
            result[month, default: [:]][SubjectKey(team: row[1], model: row[2])] =
                RunCounts(runs: row[3], training: row[4], orchestrated: row[5], automated: row[6], monitoringTriggered: row[7],
                          succeededTraining: row[8])
        }
        let unindexed = MetricsSQL.subject(filter, team: "+team", model: "+model")
        let late = try Row.fetchCursor(db, sql: """
            SELECT \(RunMonths.monthOf("placed_at")) AS month, team, model, count(*) FROM runs
            WHERE status = 'succeeded' AND ended_at >= ? AND kind IN ('training', 'pipeline') AND +placed_at >= ? AND +placed_at < ?\(unindexed.sql)
            GROUP BY month, team, model
            """, arguments: [now.seconds, first.window.start.seconds, last.window.end.seconds] + unindexed.arguments)
        while let row = try late.next() {
            guard let month = byName[row[0]] else { continue }
            result[month, default: [:]][SubjectKey(team: row[1], model: row[2]), default: RunCounts()].succeededTraining -= row[3] as Int
        }
        return result
    }

    /// Research's statistics for the runs placed in one window, read run by run.
    /// A run that ended at or after `now` counts as running then, with no end and no GPU
    /// hours yet (`Run.asOf`).
    /// Per team when `byTeam`, else under "".
    ///
    /// One pass over the window's runs gives both the counts (`… count(*), SUM(gpu),
    /// count(gpu) … GROUP BY grp, kind, status_then, week`) and every duration and queue
    /// wait, grouped in memory rather than by SQLite's sorter (tens of thousands of runs, a
    /// few dozen groups). Kind and status come as their case's position when the stored
    /// bytes are the case's name (what an import writes), so most rows are counted in a
    /// plain array; any other text is grouped by its bytes (`InternedRowCursor`) and named
    /// as `GROUP BY` would have given it.
    static func rowStats(_ db: Database, _ w: TimeWindow, weeks: [Day], now: Instant,
                         _ subject: (sql: String, arguments: StatementArguments), byTeam: Bool = false) throws -> [String: RunWindowStats] {
        let group = byTeam ? "team" : "''"
        let boundaries = weeks.dropFirst().map(\.start.seconds)
        let kindNames = RunKind.allCases.map { Array($0.rawValue.utf8) }, statusNames = RunStatus.allCases.map { Array($0.rawValue.utf8) }
        let running = Int32(RunStatus.allCases.firstIndex(of: .running)!)
        // The week, and the kind's and status's positions, are found here rather than by
        // `CASE`s in SQL: a 90-day window's 123,000 runs took 74 ms in the shell with them,
        // 57 ms without.
        var rows = try InternedRowCursor(db, sql: """
            SELECT \(group), kind, status, ended_at >= ?, placed_at,
                   CASE WHEN gpu_hours IS NULL OR ended_at >= ? THEN 0 ELSE CAST(round(gpu_hours * 1000000) AS INTEGER) END,
                   (CASE WHEN ended_at >= ? THEN NULL ELSE gpu_hours END) IS NOT NULL,
                   CASE WHEN ended_at < ? THEN ended_at - started_at END, started_at - queued_at
            FROM runs WHERE placed_at >= ? AND placed_at < ?\(subject.sql)
            """, arguments: [now.seconds, now.seconds, now.seconds, now.seconds, w.start.seconds, w.end.seconds] + subject.arguments)
        typealias Sums = (runs: Int, gpuMicroHours: Int64, gpuRuns: Int)
        /// A group: its team's text number (-1 for ""), kind and status as their case's
        /// position or -1 - the number of an unmatched text, and week.
        struct Key: Hashable { var group, kind, status: Int32; var week: Int64 }
        let kindCount = RunKind.allCases.count, statusCount = RunStatus.allCases.count, weekCount = max(weeks.count, 1)
        // The organisation's groups of known kind and status, by position.
        var counted = [Sums](repeating: (0, 0, 0), count: kindCount * statusCount * weekCount)
        var groups: [Key: Sums] = [:]
        var spans: [Int32: (durations: [Int64], queueWaits: [Int64])] = [:]
        func add(_ sums: inout Sums, gpu: Int64, gpuRun: Int64) throws {
            sums.runs += 1
            try sums.gpuMicroHours.addExactly(gpu)
            sums.gpuRuns += Int(gpuRun)
        }
        while try rows.next() {
            let team = byTeam ? rows.text(0) : -1
            // A kind or status is its case's position, or -1 - the number of its bytes.
            let kind = rows.position(1, among: kindNames)
            // A run that ended at or after `now` was running then (`ended_at >= now` is 1).
            let status = rows.int(3) != 0 ? running : rows.position(2, among: statusNames)
            let week = rows.bucket(4, boundaries)
            if !byTeam, kind >= 0, status >= 0, week < weekCount {
                try add(&counted[(Int(kind) * statusCount + Int(status)) * weekCount + Int(week)], gpu: rows.int(5), gpuRun: rows.int(6))
            } else {
                let key = Key(group: team, kind: kind, status: status, week: week)
                var sums = groups[key] ?? (0, 0, 0)
                try add(&sums, gpu: rows.int(5), gpuRun: rows.int(6))
                groups[key] = sums
            }
            if !rows.isNull(7) { spans[team, default: ([], [])].durations.append(rows.int(7)) }
            if !rows.isNull(8) { spans[team, default: ([], [])].queueWaits.append(rows.int(8)) }
        }
        for (i, sums) in counted.enumerated() where sums.runs > 0 {
            let key = Key(group: -1, kind: Int32(i / weekCount / statusCount), status: Int32(i / weekCount % statusCount), week: Int64(i % weekCount))
            groups[key] = sums
        }
        var result: [String: RunWindowStats] = [:]
        func name(_ group: Int32) -> String? { group == -1 ? "" : rows.string(group) }
        for (key, sums) in groups {
            guard let name = name(key.group),
                  let kind = key.kind >= 0 ? RunKind.allCases[Int(key.kind)] : rows.string(-1 - key.kind).flatMap(RunKind.init(rawValue:)),
                  let status = key.status >= 0 ? RunStatus.allCases[Int(key.status)] : rows.string(-1 - key.status).flatMap(RunStatus.init(rawValue:))
            else { continue }
            result[name, default: RunWindowStats()].byKindStatus[RunKindStatus(kind, status), default: 0] += sums.runs
            if !weeks.isEmpty { result[name, default: RunWindowStats()].weekly[weeks[min(Int(key.week), weeks.count - 1)], default: 0] += sums.runs }
            result[name, default: RunWindowStats()].gpuMicroHours += sums.gpuMicroHours
            result[name, default: RunWindowStats()].gpuRuns += sums.gpuRuns
        }
        for (group, lists) in spans {
            guard let name = name(group) else { continue }
            result[name, default: RunWindowStats()].durationSeconds += lists.durations
            result[name, default: RunWindowStats()].queueWaitSeconds += lists.queueWaits
        }
        for key in result.keys { result[key]!.normalise() }
        return result
    }

    /// Runs counted per subject for each span, reading each run once however the spans
    /// overlap: overlapping or touching spans are read together, counted per piece between
    /// their boundaries (`subjectCounts` with a bucket per piece), and each span sums its
    /// pieces. A span with no runs has no entry; spans must not be empty.
    static func spanCounts(_ db: Database, _ spans: [TimeWindow], now: Instant,
                           _ subject: (sql: String, arguments: StatementArguments)) throws -> [Int: [SubjectKey: RunCounts]] {
        var result: [Int: [SubjectKey: RunCounts]] = [:]
        let order = spans.indices.sorted { spans[$0].start < spans[$1].start }
        var cluster: [Int] = [], clusterEnd = Instant(seconds: .min)
        func flush() throws {
            guard let first = cluster.first else { return }
            let start = spans[first].start
            let points = Set(cluster.flatMap { [spans[$0].start, spans[$0].end] }).filter { $0 > start && $0 < clusterEnd }.sorted()
            let pieces = try subjectCounts(db, from: start, to: clusterEnd, bucket: MetricsSQL.bucket("placed_at", boundaries: points.map(\.seconds)),
                                           now: now, subject)
            let starts = [start] + points
            for i in cluster {
                var sum: [SubjectKey: RunCounts] = [:]
                for (piece, counts) in pieces where starts[piece] >= spans[i].start && starts[piece] < spans[i].end {
                    for (key, c) in counts { sum[key, default: RunCounts()] = sum[key, default: RunCounts()] + c }
                }
                if !sum.isEmpty { result[i] = sum }
            }
            cluster = []
        }
        for i in order {
            if !cluster.isEmpty && spans[i].start > clusterEnd { try flush() }
            clusterEnd = cluster.isEmpty ? spans[i].end : max(clusterEnd, spans[i].end)
            cluster.append(i)
        }
        try flush()
        return result
    }

    /// Runs counted per bucket and subject, for runs placed in `[from, to)`.
    static func subjectCounts(_ db: Database, from: Instant, to: Instant, bucket: (sql: String, arguments: StatementArguments), now: Instant,
                              _ subject: (sql: String, arguments: StatementArguments)) throws -> [Int: [SubjectKey: RunCounts]] {
        guard from < to else { return [:] }
        var result: [Int: [SubjectKey: RunCounts]] = [:]
        // `… count(*), SUM(…) … GROUP BY bucket, team, model`, grouped in a hash table (`InternedRowCursor`).
        var rows = try InternedRowCursor(db, sql: """
            SELECT \(bucket.sql) AS bucket, team, model,
                   \(training),
                   \(training) AND orchestrated <> 0,
                   \(training) AND "trigger" <> 'manual',
                   \(training) AND "trigger" IN ('drift', 'data'),
                   \(training) AND status = 'succeeded' AND COALESCE(ended_at < ?, 1)
            FROM runs WHERE placed_at >= ? AND placed_at < ?\(subject.sql)
            """, arguments: bucket.arguments + [now.seconds, from.seconds, to.seconds] + subject.arguments)
        struct Key: Hashable { var bucket: Int64; var team, model: Int32 }
        var groups: [Key: RunCounts] = [:]
        while try rows.next() {
            let one = RunCounts(runs: 1, training: Int(rows.int(3)), orchestrated: Int(rows.int(4)), automated: Int(rows.int(5)),
                                monitoringTriggered: Int(rows.int(6)), succeededTraining: Int(rows.int(7)))
            let key = Key(bucket: rows.int(0), team: rows.text(1), model: rows.text(2))
            groups[key] = (groups[key] ?? RunCounts()) + one
        }
        for (key, counts) in groups {
            guard let team = rows.string(key.team), let model = rows.string(key.model) else { continue }
            result[Int(key.bucket), default: [:]][SubjectKey(team: team, model: model)] = counts
        }
        return result
    }

    /// Models with a run placed in the range: a loose scan of the model index, one seek
    /// per model, instead of reading every run in the range.
    static func modelsWithRuns(_ db: Database, _ q: MetricsQuery) throws -> Set<String> {
        if let team = q.filter.team, q.filter.model == nil {
            // The loose scan would read every other model's range to find none of the team's.
            return try modelsWithRunsByTeam(db, q, team: team)[team] ?? []
        }
        // `+r.team` keeps each probe on the (model, placed_at) index: on the team's index it
        // would read the team's whole range once per model.
        let subject = MetricsSQL.subject(q.filter, team: "+r.team", model: "r.model")
        return Set(try String.fetchAll(db, sql: """
            \(runModelNames)
            SELECT name FROM names WHERE name IS NOT NULL
              AND EXISTS (SELECT 1 FROM runs r WHERE r.model = names.name AND r.placed_at >= ? AND r.placed_at < ?\(subject.sql))
            """, arguments: [q.range.start.seconds, q.range.end.seconds] + subject.arguments))
    }

    /// Each team's models with a run placed in the range: whole months from the monthly
    /// counts the store keeps (`RunMonths`), the months the range cuts from their runs.
    /// Only `team`'s when given.
    static func modelsWithRunsByTeam(_ db: Database, _ q: MetricsQuery, team: String? = nil) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        let split = MetricsSQL.split(q.range)
        let subject = MetricsSQL.subject(SubjectFilter(team: team), team: "team", model: "model")
        if !split.months.isEmpty {
            let names = split.months.map(\.description)
            for row in try Row.fetchAll(db, sql: """
                SELECT DISTINCT team, model FROM run_months
                WHERE runs > 0 AND month IN (\(names.map { _ in "?" }.joined(separator: ", ")))\(subject.sql)
                """, arguments: StatementArguments(names) + subject.arguments) {
                result[row[0], default: []].insert(row[1])
            }
        }
        for edge in split.edges {
            for row in try Row.fetchAll(db, sql: "SELECT DISTINCT team, model FROM runs WHERE placed_at >= ? AND placed_at < ?\(subject.sql)",
                                        arguments: [edge.start.seconds, edge.end.seconds] + subject.arguments) {
                result[row[0], default: []].insert(row[1])
            }
        }
        return result
    }

    /// Every model that has runs, one index seek per model (`names`): a loose scan of the
    /// model index instead of reading a million entries.
    static let runModelNames = """
        WITH RECURSIVE names(name) AS (
            SELECT min(model) FROM runs
            UNION ALL
            SELECT (SELECT min(model) FROM runs WHERE model > names.name) FROM names WHERE names.name IS NOT NULL
        )
        """

    /// Each production deployment's producing run, joined in SQL, where both belong to the subject.
    /// Also per team: a deployment and its run of the same team.
    static func producingRuns(_ db: Database, _ q: MetricsQuery) throws -> (all: [String: ProducingRun], byTeam: [String: [String: ProducingRun]]) {
        let deployments = MetricsSQL.subject(q.filter, team: "d.team", model: "d.model")
        // `+`: each deployment finds its run by id; on the runs' team or model index SQLite
        // would read all the subject's runs to find the few that were deployed.
        let runs = MetricsSQL.subject(q.filter, team: "+r.team", model: "+r.model")
        var all: [String: ProducingRun] = [:], byTeam: [String: [String: ProducingRun]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT d.id, r.ended_at, r.registered, d.team, r.team FROM deployments d JOIN runs r ON r.id = d.run_id
            WHERE d.deployed_at >= ? AND d.deployed_at < ? AND d.environment = 'production'\(deployments.sql)\(runs.sql)
            """, arguments: [q.range.start.seconds, q.range.end.seconds] + deployments.arguments + runs.arguments)
        while let row = try rows.next() {
            // A run that had not ended by `now` gives no lead time yet (`Run.asOf`).
            let run = ProducingRun(endedAt: (row[1] as Int64?).map(Instant.init(seconds:)).flatMap { $0 < q.now ? $0 : nil }, registered: row[2])
            all[row[0]] = run
            let team: String = row[3]
            if team == row[4] { byTeam[team, default: [:]][row[0]] = run }
        }
        return (all, byTeam)
    }
}
