import Foundation

/// Runs a program and collects what it printed, for tests of the built `mlops-dash`
/// and of outside validators (promtool, python3).
struct ProcessOutput {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum BuiltCommand {
    /// `mlops-dash` next to the test bundle: `swift build` and `swift test` put every product there.
    static var path: String {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        // On Linux the test runner is …/debug/mlops-dashPackageTests.xctest; on macOS a bundle deeper inside.
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("mlops-dash").path) {
            directory = directory.deletingLastPathComponent()
        }
        return directory.appendingPathComponent("mlops-dash").path
    }

    static func run(_ arguments: [String], input: String? = nil) throws -> ProcessOutput {
        try runProgram(path, arguments, input: input)
    }
}

/// The full path of `name` on $PATH, or nil when it is not installed.
func installedProgram(_ name: String) -> String? {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
    return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

func runProgram(_ program: String, _ arguments: [String], input: String? = nil) throws -> ProcessOutput {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["MLOPS_DASH_DB"] = nil
    process.environment = environment
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes before waiting, so a full pipe cannot block the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ProcessOutput(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}
