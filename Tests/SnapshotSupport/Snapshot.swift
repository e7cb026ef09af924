import Foundation
import TerminalUI
import Testing

/// Compares `actual` with `__Snapshots__/FILE` next to the calling test file.
///
/// Set `RECORD_SNAPSHOTS=1` to (re)write the files instead of comparing. A mismatch shows
/// a line diff for short texts (screens) and the first differing line for long ones (reports).
public func assertSnapshot(_ actual: String, named file: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__").appendingPathComponent(file)
    if let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"], !record.isEmpty {
        do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch {
            Issue.record("could not record snapshot \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing snapshot \(file) (run with RECORD_SNAPSHOTS=1 to create it); actual:\n\(framed(actual))",
                     sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    let lines = expected.split(separator: "\n", omittingEmptySubsequences: false).count
    let difference = lines <= 80 ? lineDiff(expected: expected, actual: actual) : firstDifference(expected: expected, actual: actual)
    Issue.record("snapshot \(file) differs (- expected, + actual; | marks line ends):\n\(difference)", sourceLocation: sourceLocation)
}

/// Compares a screen buffer's text with `__Snapshots__/NAME.txt`.
public func assertSnapshot(_ buffer: ScreenBuffer, named name: String, filePath: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    assertSnapshot(buffer.text() + "\n", named: "\(name).txt", filePath: filePath, sourceLocation: sourceLocation)
}

/// Lines wrapped in `|` so trailing spaces are visible.
func framed(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "|\($0)|" }.joined(separator: "\n")
}

/// A line-by-line diff: unchanged lines once, changed lines as a -/+ pair.
func lineDiff(expected: String, actual: String) -> String {
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

/// "line 12 differs:" and the expected and actual line, with their neighbours.
func firstDifference(expected: String, actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    func line(_ ls: [String], _ i: Int) -> String { i < ls.count ? "|\(ls[i])|" : "<end of text>" }
    var out = ["line \(index + 1) differs (\(a.count) expected lines, \(b.count) actual):"]
    if index > 0 { out.append("  \(line(a, index - 1))") }
    out.append("- \(line(a, index))")
    out.append("+ \(line(b, index))")
    out.append("  \(line(b, index + 1))")
    return out.joined(separator: "\n")
}
