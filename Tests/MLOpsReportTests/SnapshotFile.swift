import Foundation
import Testing

/// Compares `actual` with `__Snapshots__/NAME`; with `RECORD_SNAPSHOTS` set, (re)writes it instead.
/// A mismatch reports the first differing line, with a line of context either side.
func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__").appendingPathComponent(name)
    if let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"], !record.isEmpty {
        do { try actual.write(to: url, atomically: true, encoding: .utf8) } catch {
            Issue.record("could not record \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing snapshot \(name); run with RECORD_SNAPSHOTS=1 to create it", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    Issue.record("snapshot \(name) differs:\n\(firstDifference(expected: expected, actual: actual))", sourceLocation: sourceLocation)
}

/// "line 12 differs:" and the expected and actual line, with their neighbours.
func firstDifference(expected: String, actual: String) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
    func line(_ ls: [String], _ i: Int) -> String { i < ls.count ? ls[i] : "<end of text>" }
    var out = ["line \(index + 1) differs (\(a.count) expected lines, \(b.count) actual):"]
    if index > 0 { out.append("    \(line(a, index - 1))") }
    out.append("  - \(line(a, index))")
    out.append("  + \(line(b, index))")
    out.append("    \(line(b, index + 1))")
    return out.joined(separator: "\n")
}
