import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsSampleData
import MLOpsStore

/// A fresh directory per test, removed when the value is deinitialised.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("mlops-report-tests-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    var path: String { url.path }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Every entry in the directory, hidden ones (temporary files) included.
    func contents() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
}

/// The demo organisation in a store, built once for the whole test run.
enum Demo {
    static let now = DemoOrganisation.now
    static let q3 = Quarter(year: 2026, quarter: 3)
    static let directory = TemporaryDirectory()
    static let store: Store = {
        let store = try! Store.create(at: directory.path("demo.sqlite"))
        try! store.insert(DemoOrganisation.generate(), now: DemoOrganisation.now, source: "demo")
        return store
    }()
    static let report: QuarterlyReport = try! QuarterlyReportExporter.report(store: store, quarter: q3, now: now)
}
