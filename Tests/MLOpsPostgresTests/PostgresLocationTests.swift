import Foundation
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// Addresses are read as libpq reads them, and the password never shows.
struct PostgresLocationTests {
    @Test func fullAddress() throws {
        let l = try PostgresLocation.parse("postgresql://ci%40team:p%3Ass@db.internal:6543/mlops?sslmode=verify-full&connect_timeout=5", environment: [:])
        #expect(l.user == "ci@team")
        #expect(l.password == "p:ss")
        #expect(l.host == "db.internal")
        #expect(l.port == 6543)
        #expect(l.database == "mlops")
        #expect(l.sslMode == .verifyFull)
        #expect(l.connectTimeout == 5)
        #expect(l.description == "postgresql://ci@team@db.internal:6543/mlops")
        #expect(!l.description.contains("p:ss"))
    }

    @Test func environmentFillsTheGaps() throws {
        let env = ["PGHOST": "/var/run/postgresql", "PGPORT": "5433", "PGUSER": "dash", "PGDATABASE": "metrics", "PGSSLMODE": "disable",
                   "PGPASSWORD": "hunter2"]
        let l = try PostgresLocation.parse("postgresql://", environment: env)
        #expect(l.host == "/var/run/postgresql")
        #expect(l.socketPath == "/var/run/postgresql/.s.PGSQL.5433")
        #expect(l.user == "dash")
        #expect(l.database == "metrics")
        #expect(l.sslMode == .disable)
        #expect(l.password == "hunter2")
        #expect(!l.description.contains("hunter2"))
        // The URL wins over the environment; the database defaults to the user's name.
        let u = try PostgresLocation.parse("postgresql://alice@h", environment: ["PGUSER": "dash", "PGPORT": "5433"])
        #expect(u.user == "alice" && u.database == "alice" && u.port == 5433)
    }

    @Test func passwordFile() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("pgpass", """
            # comment
            other:5432:*:dash:wrong
            db.internal:5432:mlops:dash:right\\:one
            *:*:*:*:fallback
            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        let env = ["PGPASSFILE": file]
        #expect(try PostgresLocation.parse("postgresql://dash@db.internal/mlops", environment: env).password == "right:one")
        #expect(try PostgresLocation.parse("postgresql://eve@elsewhere/x", environment: env).password == "fallback")
        // Like libpq, a password file others can read is ignored.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file)
        #expect(try PostgresLocation.parse("postgresql://dash@db.internal/mlops", environment: env).password == nil)
    }

    @Test func badAddressesSayWhatIsWrong() {
        #expect(throws: PostgresLocationError.self) { try PostgresLocation.parse("postgresql://h/db?sslmode=always", environment: [:]) }
        #expect(throws: PostgresLocationError.self) { try PostgresLocation.parse("postgresql://h:99999/db", environment: [:]) }
        #expect(throws: PostgresLocationError.self) { try PostgresLocation.parse("postgresql://h/db?search_path=x", environment: [:]) }
        do {
            _ = try PostgresLocation.parse("postgresql://u:s3cret@h/db?sslmode=sometimes", environment: [:])
        } catch {
            #expect("\(error)".contains("sslmode 'sometimes'"))
            #expect(!"\(error)".contains("s3cret"))
        }
    }

    @Test func placeholdersAreNumberedOutsideQuotes() {
        #expect(PostgresSession.numberedPlaceholders("SELECT '?' AS q, \"a?\" FROM t WHERE a = ? AND b IN (?, ?)")
                == "SELECT '?' AS q, \"a?\" FROM t WHERE a = $1 AND b IN ($2, $3)")
    }
}
