import MLOpsCore

/// Why a report could not be produced or written, in words the user can act on.
/// Whenever one of these is thrown, nothing was written.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case malformedQuarter(String)
    case quarterNotComplete(quarter: Quarter, now: Instant, lastComplete: Quarter)
    case noData(quarter: Quarter, subject: String)
    case unknownTeam(String, known: [String])
    case fileExists(path: String)
    case unwritable(path: String, detail: String)

    public var description: String {
        switch self {
        case .malformedQuarter(let text):
            return "'\(text)' is not a quarter; write it like 2026-Q3."
        case .quarterNotComplete(let q, let now, let last):
            return "\(q) is not complete at \(now.iso8601); the last complete quarter is \(last)."
        case .noData(let q, let subject):
            return "\(q) has no data for \(subject): no runs, deployments, costs or maintenance in it. Nothing was written."
        case .unknownTeam(let team, let known):
            return "no team named '\(team)' in the store; teams: \(known.isEmpty ? "none" : known.joined(separator: ", "))."
        case .fileExists(let path):
            return "\(path) already exists; pass --force to overwrite it. Nothing was written."
        case .unwritable(let path, let detail):
            return "cannot write \(path): \(detail). Nothing was written."
        }
    }
}

extension Quarter {
    /// The last quarter that has ended at `now`.
    public static func lastComplete(at now: Instant) -> Quarter {
        Quarter(containing: now.day).previous
    }
}
