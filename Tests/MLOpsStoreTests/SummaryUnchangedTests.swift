import Foundation
import MLOpsCore
import MLOpsReport
import MLOpsSampleData
@testable import MLOpsStore
import SnapshotSupport
import Testing

/// `summary --json` equals the recorded files (scripts/record-summary-before.sh) for the
/// demo and the small sample, every window kind, the organisation and each team.
///
/// The files were first recorded by the record-based engine, and the SQL data path
/// matched them (doubles to 1e-12: GPU hours are now summed exactly in millionths,
/// 4923.030000000002 → 4923.03) before that engine was removed. They were recorded again
/// once, for the audit's deliberate rule changes (time travel, failed deployment recovery,
/// credits, exact money); any other change to a number fails here.
@Suite(.serialized) struct SummaryUnchangedTests {
    let dir = TemporaryDirectory()
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/summary-before")

    func importAll(from directory: String, into name: String) throws -> Store {
        let store = try Store.create(at: dir.path("\(name).sqlite"))
        for kind in RecordKind.importOrder {
            _ = try store.importFile(kind: kind, path: "\(directory)/\(kind.rawValue).csv", now: Instant(seconds: 0))
        }
        return store
    }

    /// Every value of `after` equals `before`'s; doubles may differ by one part in 10¹².
    static func differences(_ before: Any, _ after: Any, path: String = "") -> [String] {
        switch (before, after) {
        case let (b as [String: Any], a as [String: Any]):
            let keys = Set(b.keys).union(a.keys).subtracting(["generated_at"])
            return keys.sorted().flatMap { k -> [String] in
                guard let bv = b[k], let av = a[k] else { return ["\(path).\(k): present on one side only"] }
                return differences(bv, av, path: "\(path).\(k)")
            }
        case let (b as [Any], a as [Any]):
            guard b.count == a.count else { return ["\(path): \(b.count) items before, \(a.count) after"] }
            return zip(b, a).enumerated().flatMap { differences($1.0, $1.1, path: "\(path)[\($0)]") }
        case let (b as NSNumber, a as NSNumber):
            let x = b.doubleValue, y = a.doubleValue
            return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y)) ? [] : ["\(path): \(b) before, \(a) after"]
        default:
            return "\(before)" == "\(after)" ? [] : ["\(path): \(before) before, \(after) after"]
        }
    }

    func compare(store: Store, name: String, now: Instant, teams: [String]) throws -> Int {
        var compared = 0
        for window in ["7d", "30d", "90d", "qtd", "pq", "2026-Q3"] {
            let spec = try #require(WindowSpec(window))
            for subject in ["organisation"] + teams {
                let file = Self.fixtures.appendingPathComponent("\(name)-\(window)-\(subject).json")
                let before = try JSONSerialization.jsonObject(with: Data(contentsOf: file))
                let filter = subject == "organisation" ? SubjectFilter.organisation : SubjectFilter(team: subject)
                let snapshot = try store.snapshot(window: spec, now: now, filter: filter)
                let after = try JSONSerialization.jsonObject(with: Data(try SummaryDocument(snapshot).json().utf8))
                let diff = Self.differences(before, after)
                #expect(diff.isEmpty, "\(name) \(window) \(subject): \(diff.prefix(5).joined(separator: "; "))")
                compared += 1
            }
        }
        return compared
    }

    @Test func demo() throws {
        let store = try importAll(from: sampleDataDirectory, into: "demo")
        #expect(try compare(store: store, name: "demo", now: DemoOrganisation.now, teams: ["atlas", "beacon", "cobalt", "delta"]) == 30)
    }

    @Test func smallSample() throws {
        let org = SyntheticOrganisation(scale: .small, seed: 1, lastDay: Day(year: 2026, month: 11, day: 18))
        let files = dir.path("small")
        _ = try org.writeFiles(format: .csv, to: files)
        let store = try importAll(from: files, into: "small")
        let teams = org.teams().map(\.name).sorted()
        #expect(try compare(store: store, name: "small", now: org.lastDay.start.adding(hours: 17), teams: teams) == 6 * (1 + teams.count))
    }
}
