import Foundation
import MLOpsCore
import MLOpsSampleData
import MLOpsStore

/// Where the bundled demo's files are and where its store is built.
enum DemoLocation {
    /// `sample-data/` next to the package: from the working directory when run with
    /// `swift run`, else next to this source file's checkout, or $MLOPS_DASH_SAMPLE_DATA.
    static var sampleDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let explicit = env["MLOPS_DASH_SAMPLE_DATA"] { return explicit }
        let candidates = [
            FileManager.default.currentDirectoryPath + "/sample-data",
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("sample-data").path,
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + DemoStore.manifestName) } ?? candidates[0]
    }

    /// `$XDG_DATA_HOME/mlops-dash`, else `$HOME/.local/share/mlops-dash`; the password
    /// database's home only when `HOME` is unset (Foundation's `homeDirectoryForCurrentUser`
    /// reads that database on Linux, so `HOME=… mlops-dash` would be ignored).
    static var dataDirectory: String {
        let env = ProcessInfo.processInfo.environment
        if let xdg = env["XDG_DATA_HOME"], !xdg.isEmpty { return xdg + "/mlops-dash" }
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.local/share/mlops-dash"
    }

    static func prepare() throws -> String {
        let now = SystemClock.now
        return try DemoStore.prepare(sampleDirectory: sampleDirectory, dataDirectory: dataDirectory,
                                     today: DemoOrganisation.lastDay(openedAt: now), now: now)
    }
}
