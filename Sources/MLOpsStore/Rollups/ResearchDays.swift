import GRDB
import MLOpsCore

/// Runs per day (of `placed_at`, UTC) and team as research reads them: for each kind and
/// status, the runs and their GPU millionths; and every duration and queue wait in
/// ascending order (`SortedSecondsBlob`), so that a window's exact percentiles are merged from one row per team
/// and day instead of read from every run. Values are as stored; a reader corrects the
/// few runs that end at or after its `now` (`ResearchDaysQuery`). Kept exact by every
/// import of runs (`RollupDeltas`, `Rollups.refresh`).
///
/// One row per team and day rather than per kind and status too: an import of 200,000
/// runs spread over two years touches ~14,000 of these and would touch ten times as many
/// of those, each written back whole.
enum ResearchDays {
    static let createTable = """
        CREATE TABLE research_days (
            day INTEGER NOT NULL,
            team TEXT NOT NULL,
            counts TEXT NOT NULL,
            durations BLOB NOT NULL,
            queue_waits BLOB NOT NULL,
            PRIMARY KEY (day, team)
        ) WITHOUT ROWID;
        """

    static let kinds = RunKind.allCases, statuses = RunStatus.allCases
    static let kindNames = kinds.map { Array($0.rawValue.utf8) }, statusNames = statuses.map { Array($0.rawValue.utf8) }

    /// A kind and status's runs and GPU hours.
    struct Count: Equatable {
        var runs = 0
        var gpuMicroHours: Int64 = 0
        var gpuRuns = 0

        mutating func add(_ other: Count) {
            runs += other.runs
            gpuMicroHours &+= other.gpuMicroHours
            gpuRuns += other.gpuRuns
        }
    }

    /// A team's day: a count per kind and status (`slot(kind:status:)`), for runs whose kind
    /// and status are a case's name (research counts no other); the durations and queue
    /// waits of every run, ascending once `normalise`d.
    struct Sums {
        var counts = [Count](repeating: Count(), count: kinds.count * statuses.count)
        var durations: [Int64] = []
        var queueWaits: [Int64] = []

        /// Adds a run from its stored fields; `slot` nil for a kind or status that is no case's
        /// name; `gpuMicroHours` as SQLite rounds it.
        mutating func add(slot: Int?, started: Int64?, ended: Int64?, queued: Int64?, gpuMicroHours gpu: Int64?) {
            if let slot {
                counts[slot].runs += 1
                if let gpu { counts[slot].gpuMicroHours &+= gpu; counts[slot].gpuRuns += 1 }
            }
            if let started, let ended { durations.append(ended &- started) }
            if let started, let queued { queueWaits.append(started &- queued) }
        }

        mutating func add(_ other: Sums) {
            for i in counts.indices { counts[i].add(other.counts[i]) }
            durations += other.durations
            queueWaits += other.queueWaits
        }

        mutating func normalise() {
            durations.sort()
            queueWaits.sort()
        }
    }

    static func slot(kind: Int, status: Int) -> Int { kind * statuses.count + status }

    /// The counts as stored: `kind status runs gpu_micro_hours gpu_runs` for each kind and
    /// status with runs, in the cases' order, joined by `;`. Names, not positions, so that
    /// a store stays readable when a case is added.
    static func countsText(_ counts: ArraySlice<Count>) -> [UInt8] {
        var text: [UInt8] = []
        for (i, c) in counts.enumerated() where c.runs > 0 {
            if !text.isEmpty { text.append(UInt8(ascii: ";")) }
            text += countNames[i]
            text.append(UInt8(ascii: " "))
            appendDecimal(Int64(c.runs), to: &text)
            text.append(UInt8(ascii: " "))
            appendDecimal(c.gpuMicroHours, to: &text)
            text.append(UInt8(ascii: " "))
            appendDecimal(Int64(c.gpuRuns), to: &text)
        }
        return text
    }

    /// `kind status` for each slot.
    static let countNames: [[UInt8]] = (0..<kinds.count * statuses.count).map { i in
        kindNames[i / statuses.count] + [UInt8(ascii: " ")] + statusNames[i % statuses.count]
    }

    /// A whole number's decimal digits, appended in place (an import writes tens of
    /// thousands of these; `String(n)` made a string for each).
    static func appendDecimal(_ n: Int64, to text: inout [UInt8]) {
        if n < 0 { text.append(UInt8(ascii: "-")) }
        var magnitude = n.magnitude
        let start = text.count
        repeat {
            text.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        text[start...].reverse()
    }

    /// Calls `body` with each stored count's kind and status (their positions among the
    /// cases) read from the text's bytes; counts of names this binary does not know, or
    /// malformed, are skipped.
    static func forEachCount(in text: UnsafeBufferPointer<UInt8>, _ body: (_ kind: Int, _ status: Int, Count) throws -> Void) rethrows {
        var fields: [Range<Int>] = []
        var start = 0
        func entry(_ end: Int) throws {
            var fieldStart = start
            fields.removeAll(keepingCapacity: true)
            for i in start...end where i == end || text[i] == UInt8(ascii: " ") {
                fields.append(fieldStart..<i)
                fieldStart = i + 1
            }
            func position(_ range: Range<Int>, among names: [[UInt8]]) -> Int? {
                names.firstIndex { $0.elementsEqual(text[range]) }
            }
            /// A decimal whole number; nil for anything else, or past 64 bits (a store edited by hand).
            func number(_ range: Range<Int>) -> Int64? {
                guard !range.isEmpty else { return nil }
                let negative = text[range.lowerBound] == UInt8(ascii: "-")
                guard !negative || range.count > 1 else { return nil }
                var value: Int64 = 0
                for i in (negative ? range.dropFirst() : range[...]) {
                    let c = text[i]
                    guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                    // Digits subtracted for a negative number, so that its lowest value is reached.
                    let (tens, o1) = value.multipliedReportingOverflow(by: 10)
                    let digit = Int64(c - UInt8(ascii: "0"))
                    let (next, o2) = negative ? tens.subtractingReportingOverflow(digit) : tens.addingReportingOverflow(digit)
                    guard !o1, !o2 else { return nil }
                    value = next
                }
                return value
            }
            guard fields.count == 5, let kind = position(fields[0], among: kindNames), let status = position(fields[1], among: statusNames),
                  let runs = number(fields[2]), let gpu = number(fields[3]), let gpuRuns = number(fields[4]) else { return }
            try body(kind, status, Count(runs: Int(runs), gpuMicroHours: gpu, gpuRuns: Int(gpuRuns)))
        }
        for i in 0..<text.count where text[i] == UInt8(ascii: ";") {
            try entry(i)
            start = i + 1
        }
        if start < text.count { try entry(text.count) }
    }

    /// Adds stored counts to a day's slots.
    static func add(counts text: UnsafeBufferPointer<UInt8>, to sums: inout Sums) {
        forEachCount(in: text) { kind, status, count in sums.counts[slot(kind: kind, status: status)].add(count) }
    }

    /// `CAST(round(hours * 1000000) AS INTEGER)` as SQLite computes it.
    static func sqliteMicroHours(_ hours: Double) -> Int64 { RollupDeltas.sqliteRounded(hours * 1_000_000) }

    /// The SQL the stored GPU millionths are read with, so a recount sums what a delta adds.
    static let microHours = "CAST(round(gpu_hours * 1000000) AS INTEGER)"

    /// Appends the seconds a blob holds (`SortedSecondsBlob`).
    static func append(_ bytes: UnsafeRawBufferPointer, to values: inout [Int64]) {
        SortedSecondsBlob.decode(bytes, appendingTo: &values)
    }

    /// Recounts `days` (every day when nil) from the runs.
    static func refresh(_ db: Database, days: ClosedRange<Day>?) throws {
        var condition = "WHERE placed_at IS NOT NULL", arguments = StatementArguments()
        var delete = "", deleteArguments = StatementArguments()
        if let days {
            condition += " AND placed_at >= ? AND placed_at < ?"
            arguments = [days.lowerBound.start.seconds, days.upperBound.advanced(by: 1).start.seconds]
            delete = "WHERE day >= ? AND day <= ?"
            deleteArguments = [days.lowerBound.daysSinceEpoch, days.upperBound.daysSinceEpoch]
        }
        try db.execute(sql: "DELETE FROM research_days \(delete)", arguments: deleteArguments)
        struct Key: Hashable { var day: Int; var team: Int32 }
        var rows = try InternedRowCursor(db, sql: """
            SELECT placed_at, team, kind, status, started_at, ended_at, queued_at, \(microHours) FROM runs \(condition)
            """, arguments: arguments)
        var groups: [Key: Sums] = [:]
        func optional(_ column: Int32) -> Int64? { rows.isNull(column) ? nil : rows.int(column) }
        while try rows.next() {
            let key = Key(day: Instant(seconds: rows.int(0)).day.daysSinceEpoch, team: rows.text(1))
            let kind = rows.position(2, among: kindNames), status = rows.position(3, among: statusNames)
            groups[key, default: Sums()].add(slot: kind >= 0 && status >= 0 ? slot(kind: Int(kind), status: Int(status)) : nil,
                                             started: optional(4), ended: optional(5), queued: optional(6), gpuMicroHours: optional(7))
        }
        var insert = try RollupRowWriter(db, sql: insertSQL)
        for (key, sums) in groups {
            var sums = sums
            sums.normalise()
            insert.int(key.day)
            insert.text(rows.bytes(key.team))
            try write(counts: sums.counts[...], durations: sums.durations, queueWaits: sums.queueWaits, &insert)
        }
    }

    /// Inserts a team's day, or replaces the stored one.
    static let insertSQL = """
        INSERT INTO research_days (day, team, counts, durations, queue_waits) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (day, team) DO UPDATE SET counts = excluded.counts, durations = excluded.durations, queue_waits = excluded.queue_waits
        """

    /// Binds a day's counts and its times (ascending) after its key, bound by the caller, and steps.
    static func write(counts: ArraySlice<Count>, durations: [Int64], queueWaits: [Int64], _ insert: inout RollupRowWriter) throws {
        insert.text(countsText(counts))
        SortedSecondsBlob.encode(durations).withUnsafeBytes { insert.blob($0) }
        SortedSecondsBlob.encode(queueWaits).withUnsafeBytes { insert.blob($0) }
        try insert.step()
    }
}
