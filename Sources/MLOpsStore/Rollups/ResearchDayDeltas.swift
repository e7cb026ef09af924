import GRDB
import MLOpsCore

/// What one import's new runs add to research's days (`ResearchDays`), gathered in flat
/// arrays as rows are inserted: a dictionary entry of arrays per team and day cost an
/// import of 200,000 runs a fifth more time, most of it in copy-on-write checks.
struct ResearchDayDeltas {
    struct Key: Hashable {
        let day: Int
        let team: Int32
    }

    private var groupOfKey: [Key: Int32] = [:]
    private var keys: [Key] = []
    private var lastKey = Key(day: .min, team: -1), lastGroup: Int32 = 0
    /// `counts[group * slots + slot]`.
    private var counts: [ResearchDays.Count] = []
    private var durations: [(group: Int32, seconds: Int64)] = []
    private var queueWaits: [(group: Int32, seconds: Int64)] = []
    private let slots = ResearchDays.kinds.count * ResearchDays.statuses.count

    var groupCount: Int { keys.count }

    /// Adds a run from its stored fields; `slot` nil for a kind or status that is no case's name.
    mutating func add(day: Int, team: Int32, slot: Int?, started: Int64?, ended: Int64?, queued: Int64?, gpuMicroHours gpu: Int64?) {
        let key = Key(day: day, team: team)
        let group: Int32
        if key == lastKey {
            group = lastGroup
        } else if let known = groupOfKey[key] {
            group = known
        } else {
            group = Int32(keys.count)
            groupOfKey[key] = group
            keys.append(key)
            counts.append(contentsOf: repeatElement(ResearchDays.Count(), count: slots))
        }
        lastKey = key
        lastGroup = group
        if let slot {
            let i = Int(group) * slots + slot
            counts[i].runs += 1
            if let gpu { counts[i].gpuMicroHours &+= gpu; counts[i].gpuRuns += 1 }
        }
        if let started, let ended { durations.append((group, ended &- started)) }
        if let started, let queued { queueWaits.append((group, started &- queued)) }
    }

    /// Each group's values, ascending, gathered from the pairs by group.
    private func byGroup(_ pairs: [(group: Int32, seconds: Int64)]) -> [[Int64]] {
        var result = [[Int64]](repeating: [], count: keys.count)
        for (group, seconds) in pairs { result[Int(group)].append(seconds) }
        return result
    }

    /// Adds the days to `research_days`: the stored days the deltas touch are read, merged
    /// with the new runs and written back whole. `number` gives stored bytes' number in the
    /// import (nil when no run had them), `bytes` a number's bytes.
    func apply(_ db: Database, number: ([UInt8]?) -> Int32?, bytes: (Int32) -> [UInt8]?) throws {
        guard let first = keys.map(\.day).min(), let last = keys.map(\.day).max() else { return }
        var durations = byGroup(durations), queueWaits = byGroup(queueWaits)
        var counts = counts
        var stored = try InternedRowCursor(db, sql: """
            SELECT day, team, counts, durations, queue_waits FROM research_days WHERE day >= ? AND day <= ?
            """, arguments: [first, last])
        while try stored.next() {
            let team = stored.text(1)
            guard let number = number(stored.bytes(team)), let group = groupOfKey[Key(day: Int(stored.int(0)), team: number)] else { continue }
            var sums = ResearchDays.Sums()
            ResearchDays.add(counts: stored.textBytes(2), to: &sums)
            for slot in 0..<slots { counts[Int(group) * slots + slot].add(sums.counts[slot]) }
            ResearchDays.append(stored.blob(3), to: &durations[Int(group)])
            ResearchDays.append(stored.blob(4), to: &queueWaits[Int(group)])
        }
        var insert = try RollupRowWriter(db, sql: ResearchDays.insertSQL)
        for (group, key) in keys.enumerated() {
            insert.int(key.day); insert.text(bytes(key.team))
            durations[group].sort()
            queueWaits[group].sort()
            try ResearchDays.write(counts: counts[group * slots..<(group + 1) * slots], durations: durations[group],
                                   queueWaits: queueWaits[group], &insert)
        }
    }
}
