import Foundation
import MLOpsCore
import MLOpsSampleData
import MLOpsStore

/// The large store, built once from generated CSV and kept in the cache directory, so
/// later runs measure the dashboard, not the generator.
struct BenchmarkStore {
    let organisation: SyntheticOrganisation
    let cache: String

    var csvDirectory: String { "\(cache)/\(name)-csv" }
    var path: String { "\(cache)/\(name).sqlite" }
    var name: String {
        "\(organisation.scale.name)-\(organisation.seed)-v\(SyntheticOrganisation.generatorVersion)"
    }

    /// Builds the store if the cache lacks it; returns rows imported per second when it did.
    func prepare(table: inout ResultTable) throws {
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: "\(csvDirectory)/serving.csv") {
            print("generating \(name) CSV into \(csvDirectory) …")
            let t = try Stopwatch.seconds { try organisation.writeFiles(format: .csv, to: csvDirectory) }
            print("  generated in \(String(format: "%.1f", t)) s")
        }
        if FileManager.default.fileExists(atPath: path) {
            // A store cached by an older binary is upgraded once (new indexes), as `init` would.
            if try Store.openReadOnlyVersion(at: path) < Store.supportedSchemaVersion {
                print("upgrading \(path) to schema v\(Store.supportedSchemaVersion) …")
                let t = try Stopwatch.seconds { _ = try Store.openForWriting(at: path) }
                print("  upgraded in \(String(format: "%.1f", t)) s")
            }
            return
        }
        print("building \(path) (once; later runs reuse it) …")
        let temp = path + ".building"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temp + suffix) }
        var rows = 0
        let t = try Stopwatch.seconds {
            let store = try Store.create(at: temp)
            for kind in RecordKind.importOrder {
                rows += try store.importFile(kind: kind, path: "\(csvDirectory)/\(kind.rawValue).csv", now: Instant(seconds: 0)).rows
            }
            try store.checkpoint()
        }
        try FileManager.default.moveItem(atPath: temp, toPath: path)
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: temp + suffix) }
        table.add("build store: CSV import, all kinds (\(rows) rows)", String(format: "%.0f rows/s (%.1f s)", Double(rows) / t, t),
                  target: "≥ 200000 rows/s", met: Double(rows) / t >= 200_000)
    }

    /// Rows per second importing `rows` runs, and `rows` costs, from CSV and from JSON Lines
    /// into an empty store (the CPU time is shown too: on a shared machine wall time
    /// includes waiting for a core).
    /// Each file imported `repeats` times into a new store; the medians, like every other row.
    func importThroughput(rows: Int, repeats: Int, table: inout ResultTable) throws {
        let sliceScale = SampleScale(teams: organisation.scale.teams, models: organisation.scale.models, runs: rows, deployments: 0,
                                     costs: rows, incidents: 0, maintenance: 0, servingDays: 1, days: organisation.scale.days)
        let slice = SyntheticOrganisation(scale: sliceScale, seed: organisation.seed, lastDay: organisation.lastDay)
        let directory = "\(cache)/import-\(rows)-v\(SyntheticOrganisation.generatorVersion)"
        for kind in [RecordKind.runs, .costs] {
            for format in ImportFormat.allCases {
                let file = "\(directory)/\(kind.rawValue).\(format.rawValue)"
                if !FileManager.default.fileExists(atPath: file) { try slice.writeFiles(format: format, to: directory, kinds: [kind]) }
                let db = "\(cache)/import-scratch.sqlite"
                var imported = 0, walls: [Double] = [], cpus: [Double] = []
                for _ in 0..<max(1, repeats) {
                    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
                    let store = try Store.create(at: db)
                    let cpuBefore = Stopwatch.cpuSeconds
                    walls.append(try Stopwatch.seconds { imported = try store.importFile(kind: kind, path: file, now: Instant(seconds: 0)).rows })
                    cpus.append(Stopwatch.cpuSeconds - cpuBefore)
                }
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
                let t = walls.sorted()[walls.count / 2], cpu = cpus.sorted()[cpus.count / 2]
                table.add("import \(imported) \(kind.rawValue) from \(format.rawValue.uppercased()) (CPU \(String(format: "%.0f", Double(imported) / cpu)) rows/s)",
                          String(format: "%.0f rows/s", Double(imported) / t), target: "≥ 200000 rows/s", met: Double(imported) / t >= 200_000)
            }
        }
    }
}
