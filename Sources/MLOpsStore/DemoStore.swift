import Foundation
import MLOpsCore

/// Builds the demo store from the bundled `sample-data/` files, shifted so the demo's
/// last day is today: the demo looks alive whenever it is opened, while tests pin the
/// clock to the anchor.
///
/// The store is rebuilt when the sample files change or a new day starts, into a
/// temporary file renamed into place, so a crash never leaves a half-built demo.
public enum DemoStore {
    public struct Manifest: Codable, Equatable, Sendable {
        /// The demo's last day as generated.
        public var anchor: String
        public var seed: UInt64
        public var generator: String

        public init(anchor: String, seed: UInt64, generator: String) {
            self.anchor = anchor
            self.seed = seed
            self.generator = generator
        }
    }

    public static let manifestName = "demo.json"

    public static func readManifest(sampleDirectory: String) throws -> Manifest {
        let path = (sampleDirectory as NSString).appendingPathComponent(manifestName)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, problem: "no such file; the sample data directory needs its manifest")
        }
        do { return try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw ImportError(file: path, problem: "is not a valid demo manifest (\(error))")
        }
    }

    /// The path of an up-to-date demo store in `dataDirectory`, building it if needed.
    public static func prepare(sampleDirectory: String, dataDirectory: String, today: Day, now: Instant) throws -> String {
        let manifest = try readManifest(sampleDirectory: sampleDirectory)
        guard let anchor = Day(iso8601: manifest.anchor) else {
            throw ImportError(file: manifestName, field: "anchor", value: manifest.anchor, problem: "is not a date like 2026-11-18")
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let storePath = (dataDirectory as NSString).appendingPathComponent("demo.sqlite")
        let stampPath = storePath + ".stamp"
        // The schema is part of the stamp: a demo built by another build of mlops-dash is rebuilt.
        let stamp = "\(fingerprint(sampleDirectory)) \(today) \(Schema.knownMigrations.joined(separator: ","))"
        if FileManager.default.fileExists(atPath: storePath),
           let old = try? String(contentsOfFile: stampPath, encoding: .utf8), old == stamp,
           (try? Store.openReadOnly(at: storePath)) != nil {
            return storePath
        }
        let records = try RecordFileReader.read(directory: sampleDirectory).shifted(byDays: anchor.distance(to: today))
        let temp = (dataDirectory as NSString).appendingPathComponent(".demo-\(getpid()).sqlite")
        removeStore(temp)
        do {
            let store = try Store.create(at: temp)
            try store.insert(records, now: now, source: sampleDirectory)
            try store.checkpoint()
        } catch {
            removeStore(temp)
            throw error
        }
        removeStore(storePath)
        try FileManager.default.moveItem(atPath: temp, toPath: storePath)
        try stamp.write(toFile: stampPath, atomically: true, encoding: .utf8)
        return storePath
    }

    static func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    /// A cheap content hash (FNV-1a) of the sample files, to notice when they change.
    static func fingerprint(_ directory: String) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for name in names {
            guard let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)) else { continue }
            for byte in Array(name.utf8) + [0] + Array(data) {
                hash ^= UInt64(byte)
                hash &*= 0x100_0000_01B3
            }
        }
        return String(hash, radix: 16)
    }
}

extension Store {
    /// Folds the write-ahead log into the main file, so the store is one self-contained file.
    public func checkpoint() throws {
        do { try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } } catch {
            throw StoreError.from(error, path: path)
        }
    }
}
