import GRDB
import MLOpsCore

/// Every table kept in step with the records, refreshed together for the days a write touched.
enum Rollups {
    static func refresh(_ db: Database, kind: RecordKind, days: ClosedRange<Day>? = nil) throws {
        try refreshVersion5Tables(db, kind: kind, days: days)
        if kind == .runs { try ResearchDays.refresh(db, days: days) }
    }

    /// The tables migration v5 created, which it counts before later migrations' tables exist.
    static func refreshVersion5Tables(_ db: Database, kind: RecordKind, days: ClosedRange<Day>? = nil) throws {
        try RecordDays.refresh(db, kind: kind, days: days)
        switch kind {
        case .costs:
            try CostTeamDays.refresh(db, days: days)
            try CostMonths.refresh(db, days: days)
        case .runs: try RunMonths.refresh(db, days: days)
        default: break
        }
    }
}
