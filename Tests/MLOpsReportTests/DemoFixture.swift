import SnapshotSupport
import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsSampleData
import MLOpsStore


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
