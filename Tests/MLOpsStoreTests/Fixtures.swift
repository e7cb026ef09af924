import Foundation
import GRDB
import MLOpsCore
@testable import MLOpsStore

/// Files committed under Tests/MLOpsStoreTests/Fixtures (see scripts/make-*.py).
enum Fixtures {
    static func path(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)").path
    }

    /// Written by MLflow 3.17 (with the 2026 `workspace` columns).
    static var mlflow: String { path("mlflow.db") }
    /// The same story written by MLflow 2.22: no workspaces.
    static var mlflow2: String { path("mlflow-2.db") }
    static var focusSample: String { path("focus-sample.csv") }
}

/// Every row of every table a store holds, so a test can prove an import changed nothing.
func storeContents(_ store: Store) throws -> [String] {
    try store.read { db in
        var lines: [String] = []
        let tables = RecordKind.allCases.map { RecordSchema.of($0).table } + ["external_ids", "external_production", "imports"]
        for table in tables {
            for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY 1, 2") { lines.append("\(table): \(row)") }
        }
        return lines
    }
}
