import Foundation
import HostileRecords
import MLOpsCore
import MLOpsSampleData
import MLOpsStore
import SnapshotSupport
import Testing

/// The built `mlops-dash` run as a user runs it: exit codes and messages when output
/// cannot be written (`/dev/full`), and hostile names kept inert on the way out.
@Suite(.serialized) struct CommandOutputTests {
    static let now = "2026-11-18T09:00:00Z"
    static let directory = TemporaryDirectory()
    static let hostileStore: String = {
        let path = directory.path("hostile.sqlite")
        let store = try! Store.create(at: path)
        try! store.insert(HostileOrganisation.generate(), now: DemoOrganisation.now, source: "hostile")
        return path
    }()

    @Test(arguments: [
        ["summary", "--json"],
        ["summary"],
        ["init"],
    ])
    func outputToAFullDeviceFails(arguments: [String]) throws {
        let db = Self.directory.path("full-\(arguments.joined(separator: "-")).sqlite")
        if arguments != ["init"] { try FileManager.default.copyItem(atPath: Self.hostileStore, toPath: db) }
        let result = try Command.run(arguments + ["--db", db] + (arguments[0] == "summary" ? ["--now", Self.now] : []), stdout: "/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write standard output (/dev/full): No space left on device\n")
    }

    @Test func importToAFullDeviceFails() throws {
        let db = Self.directory.path("import.sqlite")
        _ = try Store.create(at: db)
        let file = Self.directory.path("teams.csv")
        try Data("name,ml_engineers,platform_engineers\nzeta,3,1\n".utf8).write(to: URL(fileURLWithPath: file))
        let result = try Command.run(["import", "teams", file, "--db", db], stdout: "/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write standard output (/dev/full): No space left on device\n")
    }

    @Test func sampleToAFullDeviceFails() throws {
        let out = Self.directory.path("sample-demo")
        let result = try Command.run(["sample", "--out", out], stdout: "/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write standard output (/dev/full): No space left on device\n")
    }

    @Test func reportIntoAFullDeviceFailsAndLeavesTheDevice() throws {
        // Through a symlink in the test's directory: should a regression rename over the
        // target, it replaces the link, never the machine's /dev/full.
        let full = Self.directory.path("full-device")
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: "/dev/full")
        let result = try Command.run(["report", "--db", Self.hostileStore, "--quarter", "2026-Q3", "--now", Self.now,
                                      "--format", "md", "--out", full])
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write \(full): No space left on device. Nothing was written.\n")
        #expect(result.stdout.isEmpty)
        // Written into, never replaced by a regular file.
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: full) == "/dev/full")
        var info = stat()
        #expect(stat("/dev/full", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR)
    }

    @Test func reportRefusesADanglingSymlinkWithoutForce() throws {
        let link = Self.directory.path("dangling.md"), target = Self.directory.path("nowhere/target.md")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let args = ["report", "--db", Self.hostileStore, "--quarter", "2026-Q3", "--now", Self.now, "--format", "md", "--out", link]
        let refused = try Command.run(args)
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: \(link) already exists; pass --force to overwrite it. Nothing was written.\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        // With --force the link itself is replaced by the report; its target is not created.
        let forced = try Command.run(args + ["--force"])
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: link, encoding: .utf8).hasPrefix("# ML platform quarterly report: 2026-Q3"))
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == nil)
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func hostileNamesReachNoTerminal() throws {
        let summary = try Command.run(["summary", "--db", Self.hostileStore, "--now", Self.now])
        #expect(summary.status == 0)
        #expect(HostileOrganisation.isInert(summary.stdout))
        #expect(summary.stdout.contains("atlas␛]52;c;aGk=␇␛[2J"))
        // An error naming a hostile team: one line, controls visible.
        let report = try Command.run(["report", "--db", Self.hostileStore, "--quarter", "2026-Q3", "--now", Self.now,
                                      "--team", "x\u{1b}]52;c;aGk=\u{07}\ny", "--out", Self.directory.path("none.md")])
        #expect(report.status == 1)
        #expect(HostileOrganisation.isInert(report.stderr))
        #expect(report.stderr.hasPrefix("error: no team named 'x␛]52;c;aGk=␇␊y' in the store; teams: "))
        #expect(report.stderr.split(separator: "\n").count == 1)
    }
}

extension CommandOutputTests {
    @Test func argumentParserMessagesAreInertToo() throws {
        let result = try Command.run(["summary", "--window", "x\u{1b}]52;c;aGk=\u{07}"])
        #expect(result.status == 64)
        #expect(HostileOrganisation.isInert(result.stderr))
        #expect(result.stderr.hasPrefix("Error: The value 'x␛]52;c;aGk=␇' is invalid for '--window <window>'\n"))
    }

    @Test func checkToAFullDeviceIsAnErrorNotAnAlert() throws {
        let args = ["check", "--db", Self.hostileStore, "--now", Self.now]
        let shown = try Command.run(args)
        #expect(shown.status == 1)  // rules fired
        #expect(HostileOrganisation.isInert(shown.stdout) && shown.stdout.contains("⟨RLO⟩tlaboc␛[31m"))
        let full = try Command.run(args, stdout: "/dev/full")
        #expect(full.status == 2)
        #expect(full.stderr == "error: cannot write standard output (/dev/full): No space left on device\n")
    }

    @Test func helpToAFullDeviceFails() throws {
        let result = try Command.run(["--help"], stdout: "/dev/full")
        #expect(result.status == 1)
        #expect(result.stderr == "error: cannot write standard output (/dev/full): No space left on device\n")
        let shown = try Command.run(["--help"])
        #expect(shown.status == 0 && shown.stdout.hasPrefix("OVERVIEW: A terminal dashboard"))
    }
}

/// Runs the `mlops-dash` built next to this test bundle.
enum Command {
    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static var binary: URL {
        // .build/<triple>/debug/mlops-dashPackageTests.xctest → .build/<triple>/debug/mlops-dash
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("mlops-dash")
    }

    /// Runs with `arguments`, stdout to the file at `stdout` if given (else captured).
    static func run(_ arguments: [String], stdout: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = binary
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: binary.path, NSLocalizedDescriptionKey: "build mlops-dash first (swift build)"])
        }
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["XDG_DATA_HOME"] = CommandOutputTests.directory.path("xdg")
        environment.removeValue(forKey: "MLOPS_DASH_DB")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        if let stdout {
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: stdout))
        } else {
            process.standardOutput = out
        }
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        let outData = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

