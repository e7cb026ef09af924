import Foundation
import Testing
import TerminalUI

/// Compares `buffer.text()` with `__Snapshots__/NAME.txt`.
///
/// Set `RECORD_SNAPSHOTS=1` to (re)write the files instead of comparing.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let actual = buffer.text()
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__")
        .appendingPathComponent("\(name).txt")
    if let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"], !record.isEmpty {
        do {
            try (actual + "\n").write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let stored = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing snapshot \(name).txt (run with RECORD_SNAPSHOTS=1 to create it); actual:\n\(framed(actual))",
                     sourceLocation: sourceLocation)
        return
    }
    let expected = stored.hasSuffix("\n") ? String(stored.dropLast()) : stored
    guard expected != actual else { return }
    Issue.record("snapshot \(name) differs (- expected, + actual; | marks line ends):\n\(lineDiff(expected: expected, actual: actual))",
                 sourceLocation: sourceLocation)
}

/// Lines wrapped in `|` so trailing spaces are visible.
private func framed(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "|\($0)|" }.joined(separator: "\n")
}

/// A line-by-line diff: unchanged lines once, changed lines as a -/+ pair.
private func lineDiff(expected: String, actual: String) -> String {
    let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var output: [String] = []
    for index in 0..<max(old.count, new.count) {
        let a = index < old.count ? "|\(old[index])|" : nil
        let b = index < new.count ? "|\(new[index])|" : nil
        if a == b {
            output.append("  \(a!)")
        } else {
            if let a { output.append("- \(a)") }
            if let b { output.append("+ \(b)") }
        }
    }
    return output.joined(separator: "\n")
}
