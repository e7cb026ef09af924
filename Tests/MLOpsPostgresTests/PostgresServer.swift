import Foundation
import MLOpsCore
@testable import MLOpsStore
import Testing

/// The test server: `MLOPS_DASH_TEST_POSTGRES` names it (`scripts/pg-cluster.sh start`
/// prints such an address; `.ci/run` starts one). Without it the server tests are skipped,
/// and Swift Testing lists them as skipped with this reason.
enum PostgresServer {
    static let address = ProcessInfo.processInfo.environment["MLOPS_DASH_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let available = address != nil
    static let skipReason: Comment = "no PostgreSQL server: set MLOPS_DASH_TEST_POSTGRES (scripts/pg-cluster.sh start DIR prints one)"

    /// A fresh, empty database on the test server, dropped when the value goes.
    final class Database {
        let location: PostgresLocation
        private let admin: PostgresSession
        private let name: String

        init() throws {
            let base = try PostgresLocation.parse(try #require(PostgresServer.address))
            admin = try PostgresSession.connect(base)
            name = "mlops_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            try admin.execute("CREATE DATABASE \(name)")
            var location = base
            location.database = name
            self.location = location
        }

        var url: String {
            "postgresql://\(location.user)@\(location.host):\(location.port)/\(location.database)"
        }

        deinit { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
    }
}


/// The bundled demo data, in the repository's sample-data directory.
let sampleDataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("sample-data").path
