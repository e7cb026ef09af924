import GRDB

/// The store's migrations, recorded as GRDB's `DatabaseMigrator` records them (the
/// `grdb_migrations` table), but applied inside the caller's transaction.
///
/// `DatabaseMigrator` reads which migrations are applied before it takes the write
/// lock, and runs each in a transaction of its own: two processes initialising one
/// file both decide to create the tables and one fails with "table already exists".
/// Here a writer takes the lock (`BEGIN IMMEDIATE`), then looks at the schema and
/// upgrades it, in one transaction.
struct SchemaMigrations {
    private var steps: [(identifier: String, migrate: (Database) throws -> Void)] = []

    mutating func registerMigration(_ identifier: String, migrate: @escaping (Database) throws -> Void) {
        precondition(!steps.contains { $0.identifier == identifier }, "migration \(identifier) is registered twice")
        steps.append((identifier, migrate))
    }

    /// The identifiers of the registered migrations, in order.
    var migrations: [String] { steps.map(\.identifier) }

    /// The identifiers the store records as applied, known to this binary or not.
    func appliedIdentifiers(_ db: Database) throws -> Set<String> {
        guard try db.tableExists("grdb_migrations") else { return [] }
        return try Set(String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
    }

    /// Whether the store holds migrations this binary does not know: a newer binary wrote it.
    func hasBeenSuperseded(_ db: Database) throws -> Bool {
        !(try appliedIdentifiers(db)).isSubset(of: Set(migrations))
    }

    /// Applies the migrations the store lacks, in order. Call inside a write transaction.
    func migrate(_ db: Database) throws {
        precondition(db.isInsideTransaction, "migrations run inside the caller's write transaction")
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
        let applied = try appliedIdentifiers(db)
        for step in steps where !applied.contains(step.identifier) {
            try step.migrate(db)
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [step.identifier])
        }
    }

    /// Applies the migrations the store lacks in one transaction of their own.
    func migrate(_ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try migrate(db)
                return .commit
            }
        }
    }
}
