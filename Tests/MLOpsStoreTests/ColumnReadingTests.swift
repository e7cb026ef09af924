import GRDB
import GRDBSQLite
import MLOpsCore
@testable import MLOpsStore
import Testing

/// The fast column readers give what the slower paths they replace gave: instants and days
/// read from a statement as through a `DatabaseValue`, and rows grouped in a hash table
/// as SQLite's `GROUP BY` groups them.
@Suite struct ColumnReadingTests {
    /// Each value of a one-column query read from the statement (the fast path) and through
    /// its `DatabaseValue`; nil for NULL or a value that is not one.
    static func bothWays<T: DatabaseValueConvertible & StatementColumnConvertible>(_: T.Type, _ sql: String) throws -> [(fast: T?, slow: T?)] {
        try DatabaseQueue().read { db in
            let statement = try db.makeStatement(sql: sql)
            var pairs: [(T?, T?)] = []
            while sqlite3_step(statement.sqliteStatement) == SQLITE_ROW {
                let s = statement.sqliteStatement
                pairs.append((sqlite3_column_type(s, 0) == SQLITE_NULL ? nil : T(sqliteStatement: s, index: 0),
                              T.fromDatabaseValue(DatabaseValue(sqliteStatement: s, index: 0))))
            }
            sqlite3_reset(statement.sqliteStatement)
            return pairs
        }
    }

    @Test func instantsReadAlikeFromEveryStorageClass() throws {
        let pairs = try Self.bothWays(Instant.self, """
            SELECT 1795021200 UNION ALL SELECT -86401 UNION ALL SELECT 1795021200.0 UNION ALL SELECT 1.5
            UNION ALL SELECT '1795021200' UNION ALL SELECT NULL
            """)
        for pair in pairs { #expect(pair.fast == pair.slow) }
        // GRDB reads a double as an integer by truncating it, and text not at all.
        #expect(pairs.map { $0.fast?.seconds } == [1_795_021_200, -86_401, 1_795_021_200, 1, nil, nil])
    }

    @Test func daysReadAlikeFromText() throws {
        // A day with text after a NUL byte reads as GRDB's `String` reads it: up to the NUL.
        let pairs = try Self.bothWays(Day.self, """
            SELECT '2026-11-18' UNION ALL SELECT '1969-12-31' UNION ALL SELECT CAST(X'323032362D30332D303400787978' AS TEXT)
            UNION ALL SELECT '2026-02-30' UNION ALL SELECT '2026-1-1' UNION ALL SELECT 20261118 UNION ALL SELECT CAST('2026-11-18' AS BLOB)
            UNION ALL SELECT NULL
            """)
        for pair in pairs { #expect(pair.fast == pair.slow) }
        #expect(Set(pairs.compactMap(\.fast).map(\.iso8601)) == ["2026-11-18", "1969-12-31", "2026-03-04"])
    }

    /// A store's cost lines summed per group by `edgeSums` and by SQLite's `GROUP BY`:
    /// texts differing only in bytes (two spellings of é, a trailing space, NULL beside "")
    /// stay apart, as they do in SQL; a category that is no case's name ("GPU") is grouped
    /// by its text.
    @Test func hashedGroupsAreSQLitesGroups() throws {
        let db = try DatabaseQueue()
        try db.write { db in
            try db.execute(sql: "CREATE TABLE costs (id TEXT, date TEXT, amount REAL, category TEXT, team TEXT, model TEXT)")
            let rows: [(String?, String?, String, Double)] = [
                ("caf\u{E9}", "m", "gpu", 1.005), ("cafe\u{301}", "m", "gpu", 2.5), ("caf\u{E9}", "m", "gpu", -0.5),
                ("a ", nil, "storage", 3), ("a", nil, "storage", 4), ("a", "", "storage", 5), (nil, "x", "gpu", 6.125),
                (nil, "x", "gpu", 7), ("a", nil, "storage", -4.004), ("a", nil, "GPU", 1.0), ("a", nil, "GPU", 2.0),
            ]
            for (i, row) in rows.enumerated() {
                try db.execute(sql: "INSERT INTO costs VALUES (?, '2026-11-0' || ?, ?, ?, ?, ?)",
                               arguments: ["c\(i)", i % 3 + 1, row.3, row.2, row.0, row.1])
            }
        }
        try db.read { db in
            let days = Day(iso8601: "2026-11-01")!...Day(iso8601: "2026-11-03")!
            let hashed = try CostAggregatesQuery.edgeSums(db, days, ("", []))
            let cents = CostAggregatesQuery.cents
            let grouped = try Row.fetchAll(db, sql: """
                SELECT c.team, c.model, c.category, \(cents) < 0 AS credit, SUM(\(cents)), count(*) FROM costs c
                WHERE c.date >= '2026-11-01' AND c.date <= '2026-11-03' GROUP BY c.team, c.model, c.category, credit
                """)
            #expect(hashed.count == grouped.count)
            #expect(grouped.count == 9)
            // Compared by bytes: Swift's `==` would take the two spellings of "café" for one.
            func bytes(_ text: String?) -> [UInt8]? { text.map { Array($0.utf8) } }
            for row in grouped {
                let match = hashed.filter {
                    bytes($0.0.team) == bytes(row[0]) && bytes($0.0.model) == bytes(row[1]) && bytes($0.0.category) == bytes(row[2]) && $0.0.credit == row[3]
                }
                #expect(match.count == 1)
                #expect(match.first?.1.cents == row[4])
                #expect(match.first?.1.lines == row[5])
            }
            // By hand: the charges of team "a" with no model are 4 dollars; its credit −4.00 (−4.004 rounds to −400 cents).
            #expect(hashed.first { $0.0.team == "a" && $0.0.model == nil && $0.0.category == "storage" && !$0.0.credit }?.1.cents == 400)
            #expect(hashed.first { $0.0.team == "a" && $0.0.model == nil && $0.0.category == "storage" && $0.0.credit }?.1.cents == -400)
            // Precomposed é: 1.005 → 100 or 101 cents as SQLite rounds the double; the credit apart.
            #expect(hashed.filter { bytes($0.0.team) == bytes("caf\u{E9}") && !$0.0.credit }.map(\.1.lines) == [1])
            #expect(hashed.filter { $0.0.category == "GPU" }.map { [$0.1.cents, Int64($0.1.lines)] } == [[300, 2]])
            #expect(hashed.first { $0.0.team == nil && $0.0.model == "x" }.map { ($0.1.cents, $0.1.lines) }! == (1313, 2))
        }
    }
}
