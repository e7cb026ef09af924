import GRDB
import MLOpsCore

/// What one import's new rows add to the rollups, counted in memory as each row is
/// inserted and applied once, in the import's transaction, before it commits.
///
/// Recounting the touched days with `GROUP BY` read every row of those days again (for an
/// import into an empty store, the whole table, three or four times), which took a third
/// of an import's time. Counting here gives the same numbers because each group is
/// computed from the row's values exactly as the recount's SQL computes it: the day of a
/// run is `placed_at / 86400` truncated, its month `strftime('%Y-%m')` (the floor day's),
/// a cost's cents `CAST(round(amount * 100) AS INTEGER)`, text grouped by its bytes.
///
/// Only inserted rows are counted: new rows only add to a group, so a delta never has to
/// tell an emptied group apart from a zero sum. An updated row (or, rarely, one whose
/// month SQLite cannot name) marks its old and new days instead, and those days are
/// recounted from the table after the deltas are applied, as every write did before.
struct RollupDeltas {
    let kind: RecordKind
    /// Placement fields in `COALESCE` order (`placed_at` for runs); empty for kinds with no rollups.
    private let placement: [Int]
    private let isEpochSeconds: Bool
    /// The schema's optional fields, whose filled counts `record_day_fields` keeps.
    private let optional: [Int]
    private let optionalNames: [String]

    // record_days and record_day_fields: a slot per day.
    private var slotOfDay: [Int: Int] = [:]
    private var slotDays: [Int] = []
    private var records: [Int] = []
    /// `filled[slot * optional.count + k]`.
    private var filled: [Int] = []
    private var lastDay = Int.min, lastSlot = 0

    // The kind's own rollups.
    private var strings = ByteInterner()
    private var runMonths: [RunMonthKey: RunMonthCounts] = [:]
    private var costTeamDays: [CostTeamDayKey: Int64] = [:]
    private var costMonths: [CostMonthKey: CostMonthSums] = [:]
    private var research = ResearchDayDeltas()
    private var lastMonthDay = Int.min, lastMonth = Month(year: 1970, month: 1)
    /// Positions of the fields the kind's rollups group or count by (-1 when the kind has none).
    private let team: Int, model: Int, runKind: Int, status: Int, trigger: Int, orchestrated: Int, amount: Int, category: Int
    private let started: Int, ended: Int, queued: Int, gpuHours: Int
    /// The numbers of the choice values run months compare against.
    private let training: Int32, pipeline: Int32, manual: Int32, drift: Int32, data: Int32, succeeded: Int32
    /// The numbers of the run kinds' and statuses' names, in the cases' order (`ResearchDays`).
    private let kindNumbers: [Int32], statusNumbers: [Int32]

    /// Days (from 1970-01-01) to recount from the table after the deltas are applied.
    private(set) var recountDays: Set<Int> = []

    /// How many groups (and distinct texts) the deltas hold before giving up on them: a
    /// file whose every row names a new model would otherwise grow memory with its size.
    /// Past it, every day the import touches is recounted from the table instead.
    let groupLimit: Int
    private var overflowed = false
    /// Floor days of runs placed before 1970 whose truncated day differs, for a recount after an overflow.
    private var preEpochFloorDays: Set<Int> = []

    init(schema: RecordSchema, groupLimit: Int = 250_000) {
        self.groupLimit = groupLimit
        kind = schema.kind
        let place = RecordDays.placement(schema.kind)
        isEpochSeconds = place?.isEpochSeconds ?? false
        placement = place == nil ? [] : RecordDays.placementFields(schema.kind).map { schema.fieldIndex[$0]! }
        optional = schema.fields.indices.filter { !schema.fields[$0].required }
        optionalNames = optional.map { schema.fields[$0].name }
        func field(_ name: String) -> Int { schema.fieldIndex[name] ?? -1 }
        team = field("team"); model = field("model"); runKind = field("kind"); status = field("status")
        trigger = field("trigger"); orchestrated = field("orchestrated"); amount = field("amount"); category = field("category")
        started = field("started_at"); ended = field("ended_at"); queued = field("queued_at"); gpuHours = field("gpu_hours")
        var strings = ByteInterner()
        func number(_ word: String) -> Int32 { Array(word.utf8).withUnsafeBufferPointer { strings.id(of: $0) } }
        training = number("training"); pipeline = number("pipeline"); manual = number("manual")
        drift = number("drift"); data = number("data"); succeeded = number("succeeded")
        kindNumbers = RunKind.allCases.map { number($0.rawValue) }
        statusNumbers = RunStatus.allCases.map { number($0.rawValue) }
        self.strings = strings
    }

    // MARK: - Counting rows

    /// Counts a row the import inserted.
    mutating func addInserted(_ values: FieldValues, _ record: RawRecord) {
        guard let day = recordDay(values) else { return }
        if overflowed { return markForRecount(day, values) }
        if kind == .runs, !countRun(values, record, day: day) { return }
        if kind == .costs { countCost(values, record, day: day) }
        let slot = self.slot(day)
        records[slot] += 1
        let base = slot * optional.count
        for k in 0..<optional.count where values.present[optional[k]] { filled[base + k] += 1 }
        if runMonths.count + costTeamDays.count + costMonths.count + research.groupCount + strings.values.count > groupLimit { overflow() }
    }

    /// Drops the deltas and marks every day they counted for a recount.
    private mutating func overflow() {
        overflowed = true
        recountDays.formUnion(slotDays)
        recountDays.formUnion(preEpochFloorDays)
        slotOfDay = [:]
        slotDays = []
        records = []
        filled = []
        lastDay = .min
        runMonths = [:]
        research = ResearchDayDeltas()
        costTeamDays = [:]
        costMonths = [:]
        strings = ByteInterner()
        preEpochFloorDays = []
    }

    /// Marks an updated row's days, before and after, for a recount.
    mutating func addUpdated(_ values: FieldValues, previousDays: [Int]) {
        for day in previousDays { recountDays.insert(day) }
        if let day = recordDay(values) { markForRecount(day, values) }
    }

    /// The day `record_days` files the row under, as the recount computes it; nil when
    /// the kind has no rollups or the row no placement.
    private func recordDay(_ values: FieldValues) -> Int? {
        guard let i = placement.first(where: { values.present[$0] }) else { return nil }
        // Epoch seconds: `placed_at / 86400`, SQLite's integer division (truncating, as Swift's).
        // ISO dates: the parser left the day number in `integer`.
        return isEpochSeconds ? Int(values.integer[i] / 86_400) : Int(values.integer[i])
    }

    /// Both days a timestamp can be filed under (truncated and floor division differ
    /// before 1970), so a recount by day range covers the row whichever it uses.
    private mutating func markForRecount(_ day: Int, _ values: FieldValues) {
        recountDays.insert(day)
        if isEpochSeconds, let i = placement.first(where: { values.present[$0] }) {
            recountDays.insert(Instant(seconds: values.integer[i]).day.daysSinceEpoch)
        }
    }

    private mutating func slot(_ day: Int) -> Int {
        if day == lastDay { return lastSlot }
        let slot: Int
        if let known = slotOfDay[day] {
            slot = known
        } else {
            slot = slotDays.count
            slotOfDay[day] = slot
            slotDays.append(day)
            records.append(0)
            filled.append(contentsOf: repeatElement(0, count: optional.count))
        }
        lastDay = day
        lastSlot = slot
        return slot
    }

    /// The month of a day, remembered for the next row (files mostly run in date order).
    private mutating func month(ofDay day: Int) -> Month {
        if day != lastMonthDay {
            lastMonthDay = day
            lastMonth = Month(containing: Day(daysSinceEpoch: day))
        }
        return lastMonth
    }

    private mutating func id(_ i: Int, _ values: FieldValues, _ record: RawRecord) -> Int32 {
        guard values.present[i] else { return -1 }
        return record.bytes.withUnsafeBufferPointer { strings.id(of: UnsafeBufferPointer(rebasing: $0[values.start[i]..<values.end[i]])) }
    }

    /// Adds a run to its month; false (and the day marked for a recount) when SQLite would
    /// give it no month (`strftime` names years 0000–9999 only).
    private mutating func countRun(_ values: FieldValues, _ record: RawRecord, day: Int) -> Bool {
        let seconds = values.integer[placement.first { values.present[$0] }!]
        let floorDay = Instant(seconds: seconds).day.daysSinceEpoch
        if floorDay != day { preEpochFloorDays.insert(floorDay) }
        let month = self.month(ofDay: floorDay)
        guard (0...9999).contains(month.year) else {
            markForRecount(day, values)
            return false
        }
        let key = RunMonthKey(month: month, team: id(team, values, record), model: id(model, values, record))
        let kind = id(runKind, values, record), trigger = id(self.trigger, values, record), status = id(self.status, values, record)
        var counts = RunMonthCounts()
        counts.runs = 1
        if kind == training || kind == pipeline {
            counts.training = 1
            if values.integer[orchestrated] != 0 { counts.orchestrated = 1 }
            if trigger != manual { counts.automated = 1 }
            if trigger == drift || trigger == data { counts.monitoringTriggered = 1 }
            if status == succeeded { counts.succeededTraining = 1 }
        }
        runMonths[key, default: RunMonthCounts()].add(counts)
        func optional(_ i: Int) -> Int64? { values.present[i] ? values.integer[i] : nil }
        var slot: Int?
        if let k = kindNumbers.firstIndex(of: kind), let s = statusNumbers.firstIndex(of: status) { slot = ResearchDays.slot(kind: k, status: s) }
        research.add(
            day: floorDay, team: key.team, slot: slot, started: optional(started), ended: optional(ended), queued: optional(queued),
            gpuMicroHours: values.present[gpuHours] ? ResearchDays.sqliteMicroHours(values.real[gpuHours]) : nil)
        return true
    }

    private mutating func countCost(_ values: FieldValues, _ record: RawRecord, day: Int) {
        let cents = Self.sqliteCents(values.real[amount])
        let credit = cents < 0
        let team = id(self.team, values, record), model = id(self.model, values, record)
        let category = id(self.category, values, record)
        costTeamDays[CostTeamDayKey(day: day, team: team, model: team < 0 ? model : -1, credit: credit), default: 0] += cents
        let key = CostMonthKey(month: month(ofDay: day), team: team, model: model, category: category, credit: credit)
        costMonths[key, default: CostMonthSums()].add(cents)
    }

    /// `CAST(round(amount * 100) AS INTEGER)` as SQLite computes it (`roundFunc` with no
    /// digits): beyond ±2⁵² a double has no fraction and is kept; below, ±0.5 is added and
    /// the result truncated. The cast then truncates (the value is already whole).
    static func sqliteCents(_ amount: Double) -> Int64 { sqliteRounded(amount * 100) }

    /// `CAST(round(r) AS INTEGER)` as SQLite computes it.
    static func sqliteRounded(_ r: Double) -> Int64 {
        // Past 64 bits the cast saturates.
        if r >= 9_223_372_036_854_775_807.0 { return .max }
        if r <= -9_223_372_036_854_775_808.0 { return .min }
        if r < -4_503_599_627_370_496.0 || r > 4_503_599_627_370_496.0 { return Int64(r) }
        return Int64(r + (r < 0 ? -0.5 : 0.5))
    }
}

extension RollupDeltas {
    /// Adds the counted rows to the rollup tables, then recounts the marked days from the
    /// table: call once, after the last row is written, in the same transaction.
    func apply(_ db: Database) throws {
        guard !placement.isEmpty else { return }
        try applyRecordDays(db)
        if kind == .runs {
            try applyRunMonths(db)
            try research.apply(db, number: { number(bytes: $0) }, bytes: { bytes($0) })
        }
        if kind == .costs {
            try applyCostTeamDays(db)
            try applyCostMonths(db)
        }
        for days in Self.ranges(recountDays) { try Rollups.refresh(db, kind: kind, days: days) }
    }

    private func applyRecordDays(_ db: Database) throws {
        var addDay = try RollupRowWriter(db, sql: """
            INSERT INTO record_days (kind, day, records) VALUES (?, ?, ?)
            ON CONFLICT (kind, day) DO UPDATE SET records = records + excluded.records
            """)
        // A day with records has a row for every optional field, 0 when none is filled.
        var addField = try RollupRowWriter(db, sql: """
            INSERT INTO record_day_fields (kind, day, field, filled) VALUES (?, ?, ?, ?)
            ON CONFLICT (kind, day, field) DO UPDATE SET filled = filled + excluded.filled
            """)
        let kindName = Array(kind.rawValue.utf8), fieldNames = optionalNames.map { Array($0.utf8) }
        for (slot, day) in slotDays.enumerated() {
            addDay.text(kindName); addDay.int(day); addDay.int(records[slot])
            try addDay.step()
            for (k, name) in fieldNames.enumerated() {
                addField.text(kindName); addField.int(day); addField.text(name); addField.int(filled[slot * optional.count + k])
                try addField.step()
            }
        }
    }

    // The other rollups have no unique key (team and model may be NULL): the stored rows of
    // the months or days the deltas touch are read, matched by key in memory and added to;
    // groups not stored yet are inserted.

    private func applyRunMonths(_ db: Database) throws {
        guard let first = runMonths.keys.map(\.month).min(), let last = runMonths.keys.map(\.month).max() else { return }
        var pending = runMonths
        var add = try RollupRowWriter(db, sql: """
            UPDATE run_months SET runs = runs + ?, training = training + ?, orchestrated = orchestrated + ?, automated = automated + ?,
                   monitoring_triggered = monitoring_triggered + ?, succeeded_training = succeeded_training + ?
            WHERE rowid = ?
            """)
        let stored = try Row.fetchAll(db, sql: "SELECT rowid, month, team, model FROM run_months WHERE month >= ? AND month <= ?",
                                      arguments: [first.description, last.description])
        for row in stored {
            guard let month = Month(row[1] as String), let team = number(row[2]), let model = number(row[3]),
                  let c = pending.removeValue(forKey: RunMonthKey(month: month, team: team, model: model)) else { continue }
            add.int(c.runs); add.int(c.training); add.int(c.orchestrated); add.int(c.automated)
            add.int(c.monitoringTriggered); add.int(c.succeededTraining); add.int(row[0] as Int64)
            try add.step()
        }
        var insert = try RollupRowWriter(db, sql: """
            INSERT INTO run_months (month, team, model, runs, training, orchestrated, automated, monitoring_triggered, succeeded_training)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var months = TextCache<Month> { $0.description }
        for (key, c) in pending {
            insert.text(months[key.month]); insert.text(bytes(key.team)); insert.text(bytes(key.model))
            insert.int(c.runs); insert.int(c.training); insert.int(c.orchestrated); insert.int(c.automated)
            insert.int(c.monitoringTriggered); insert.int(c.succeededTraining)
            try insert.step()
        }
    }

    private func applyCostTeamDays(_ db: Database) throws {
        guard let first = costTeamDays.keys.map(\.day).min(), let last = costTeamDays.keys.map(\.day).max() else { return }
        var pending = costTeamDays
        var add = try RollupRowWriter(db, sql: "UPDATE cost_team_days SET cents = cents + ? WHERE rowid = ?")
        let stored = try Row.fetchAll(db, sql: "SELECT rowid, day, team, model, credit FROM cost_team_days WHERE day >= ? AND day <= ?",
                                      arguments: [Day(daysSinceEpoch: first).iso8601, Day(daysSinceEpoch: last).iso8601])
        for row in stored {
            guard let day = Day(iso8601: row[1] as String), let team = number(row[2]), let model = number(row[3]),
                  let cents = pending.removeValue(forKey: CostTeamDayKey(day: day.daysSinceEpoch, team: team, model: model,
                                                                         credit: (row[4] as Int64) != 0)) else { continue }
            add.int(cents); add.int(row[0] as Int64)
            try add.step()
        }
        var insert = try RollupRowWriter(db, sql: "INSERT INTO cost_team_days (day, team, model, credit, cents) VALUES (?, ?, ?, ?, ?)")
        var days = TextCache<Int> { Day(daysSinceEpoch: $0).iso8601 }
        for (key, cents) in pending {
            insert.text(days[key.day]); insert.text(bytes(key.team)); insert.text(bytes(key.model)); insert.bool(key.credit); insert.int(cents)
            try insert.step()
        }
    }

    private func applyCostMonths(_ db: Database) throws {
        guard let first = costMonths.keys.map(\.month).min(), let last = costMonths.keys.map(\.month).max() else { return }
        var pending = costMonths
        var add = try RollupRowWriter(db, sql: "UPDATE cost_months SET cents = cents + ?, lines = lines + ? WHERE rowid = ?")
        let stored = try Row.fetchAll(db, sql: """
            SELECT rowid, month, team, model, category, credit FROM cost_months WHERE month >= ? AND month <= ?
            """, arguments: [first.description, last.description])
        for row in stored {
            guard let month = Month(row[1] as String), let team = number(row[2]), let model = number(row[3]),
                  let category = number(row[4]),
                  let sums = pending.removeValue(forKey: CostMonthKey(month: month, team: team, model: model, category: category,
                                                                      credit: (row[5] as Int64) != 0)) else { continue }
            add.int(sums.cents); add.int(sums.lines); add.int(row[0] as Int64)
            try add.step()
        }
        var insert = try RollupRowWriter(db, sql: """
            INSERT INTO cost_months (month, team, model, category, credit, cents, lines) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        var months = TextCache<Month> { $0.description }
        for (key, sums) in pending {
            insert.text(months[key.month]); insert.text(bytes(key.team)); insert.text(bytes(key.model)); insert.text(bytes(key.category))
            insert.bool(key.credit); insert.int(sums.cents); insert.int(sums.lines)
            try insert.step()
        }
    }

    /// The number a stored text has in this import (-1 for NULL); nil when no counted row has it.
    private func number(_ value: String?) -> Int32? {
        guard let value else { return -1 }
        return number(bytes: Array(value.utf8))
    }

    /// The number stored bytes have in this import (-1 for NULL); nil when no counted row has them.
    private func number(bytes value: [UInt8]?) -> Int32? {
        guard let value else { return -1 }
        return value.withUnsafeBufferPointer { strings.existingID(of: $0) }
    }

    /// The bytes of a numbered text; nil (NULL) for -1.
    private func bytes(_ number: Int32) -> [UInt8]? { number < 0 ? nil : strings.values[Int(number)] }

    /// Days as ranges to recount: runs of neighbouring days joined, and one span when
    /// there would be many (a recount per range costs a few statements).
    static func ranges(_ days: Set<Int>) -> [ClosedRange<Day>] {
        let sorted = days.sorted()
        guard let first = sorted.first, let last = sorted.last else { return [] }
        var ranges: [ClosedRange<Int>] = []
        for day in sorted {
            if let open = ranges.last, day <= open.upperBound + 1 {
                ranges[ranges.count - 1] = open.lowerBound...day
            } else {
                ranges.append(day...day)
            }
        }
        if ranges.count > 64 { ranges = [first...last] }
        return ranges.map { Day(daysSinceEpoch: $0.lowerBound)...Day(daysSinceEpoch: $0.upperBound) }
    }
}

/// The UTF-8 of a month's or day's text, made once per value however many groups share it.
private struct TextCache<Key: Hashable> {
    let make: (Key) -> String
    private var made: [Key: [UInt8]] = [:]

    init(_ make: @escaping (Key) -> String) { self.make = make }

    subscript(key: Key) -> [UInt8] {
        mutating get {
            if let bytes = made[key] { return bytes }
            let bytes = Array(make(key).utf8)
            made[key] = bytes
            return bytes
        }
    }
}

private struct RunMonthKey: Hashable {
    let month: Month
    let team: Int32
    let model: Int32
}

private struct RunMonthCounts {
    var runs = 0, training = 0, orchestrated = 0, automated = 0, monitoringTriggered = 0, succeededTraining = 0

    mutating func add(_ other: RunMonthCounts) {
        runs += other.runs
        training += other.training
        orchestrated += other.orchestrated
        automated += other.automated
        monitoringTriggered += other.monitoringTriggered
        succeededTraining += other.succeededTraining
    }
}

private struct CostTeamDayKey: Hashable {
    let day: Int
    let team: Int32
    let model: Int32
    let credit: Bool
}

private struct CostMonthKey: Hashable {
    let month: Month
    let team: Int32
    let model: Int32
    let category: Int32
    let credit: Bool
}

private struct CostMonthSums {
    var cents: Int64 = 0
    var lines = 0
    mutating func add(_ c: Int64) {
        cents += c
        lines += 1
    }
}
