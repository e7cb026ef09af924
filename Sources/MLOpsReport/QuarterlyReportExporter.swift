import Foundation
import MLOpsCore
import MLOpsStore

/// Builds the quarterly report from a store and writes it, atomically: the `report`
/// command and the dashboard's `e` (export) key both come through here.
///
/// ```swift
/// let path = try QuarterlyReportExporter.export(store: store, quarter: Quarter(year: 2026, quarter: 3),
///                                               team: nil, format: .html, directory: ".", now: now)
/// // "./mlops-report-2026-Q3.html"
/// ```
///
/// MLOpsReport depends on MLOpsStore for this (MLOpsStore knows nothing of reports, so
/// there is no cycle); the report model and renderers themselves need only MLOpsCore.
public enum QuarterlyReportExporter {
    /// Builds the report for `quarter` and writes it into `directory` under its default
    /// name (`QuarterlyReport.fileName`).
    ///
    /// - Parameters:
    ///   - team: only this team; nil for the whole organisation.
    ///   - overwrite: replace an existing file; without it an existing file is an error.
    /// - Returns: the path written.
    /// - Throws: `ReportError` (nothing is written then) or a `StoreError` from reading.
    @discardableResult
    public static func export(store: any ReadableStore, quarter: Quarter, team: String? = nil, format: ReportFormat, directory: String, now: Instant,
                              configuration: MetricsConfiguration = MetricsConfiguration(), overwrite: Bool = false) throws -> String {
        let path = (directory as NSString).appendingPathComponent(QuarterlyReport.fileName(quarter: quarter, team: team, format: format))
        return try export(store: store, quarter: quarter, team: team, format: format, to: path, now: now,
                          configuration: configuration, overwrite: overwrite)
    }

    /// Builds the report for `quarter` and writes it into `directory` under its default
    /// name, or, when anything is already there (a dangling symlink counts), under the
    /// first free numbered name: `mlops-report-2026-Q3-2.html`, `-3`, … Never replaces a
    /// file (`AtomicFile.writeToFreeName`).
    /// - Returns: the path written.
    @discardableResult
    public static func exportToFreeName(store: any ReadableStore, quarter: Quarter, team: String? = nil, format: ReportFormat, directory: String,
                                        now: Instant, configuration: MetricsConfiguration = MetricsConfiguration()) throws -> String {
        let preferred = (directory as NSString).appendingPathComponent(QuarterlyReport.fileName(quarter: quarter, team: team, format: format))
        try QuarterlyReport.validate(quarter: quarter, now: now)
        try checkDirectory(of: preferred)
        let text = try format.render(try report(store: store, quarter: quarter, team: team, now: now, configuration: configuration))
        do {
            return try AtomicFile.writeToFreeName(Data(text.utf8), preferring: preferred)
        } catch {
            let detail = (error as? CocoaError)?.userInfo[NSLocalizedDescriptionKey] as? String ?? String(describing: error)
            throw ReportError.unwritable(path: preferred, detail: detail)
        }
    }

    /// Builds the report for `quarter` and writes it to `path`.
    @discardableResult
    public static func export(store: any ReadableStore, quarter: Quarter, team: String? = nil, format: ReportFormat, to path: String, now: Instant,
                              configuration: MetricsConfiguration = MetricsConfiguration(), overwrite: Bool = false) throws -> String {
        try QuarterlyReport.validate(quarter: quarter, now: now)
        try checkWritable(path, overwrite: overwrite)
        let text = try format.render(try report(store: store, quarter: quarter, team: team, now: now, configuration: configuration))
        try write(text, to: path, overwrite: overwrite)
        return path
    }

    /// The report for `quarter` from the store's records at `now`.
    public static func report(store: any ReadableStore, quarter: Quarter, team: String? = nil, now: Instant,
                              configuration: MetricsConfiguration = MetricsConfiguration()) throws -> QuarterlyReport {
        try QuarterlyReport.validate(quarter: quarter, now: now)
        return try QuarterlyReport.build(source: store.metricsInputs, quarter: quarter, team: team, now: now, configuration: configuration)
    }

    /// Writes through a temporary file in the same directory and a rename, so a reader
    /// sees no file or the whole file; on any failure no temporary file is left.
    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        try checkWritable(path, overwrite: overwrite)
        do {
            try AtomicFile.write(Data(text.utf8), to: path, overwrite: overwrite)
        } catch let error as CocoaError where error.code == .fileWriteFileExists {
            throw ReportError.fileExists(path: path)
        } catch {
            let detail = (error as? CocoaError)?.userInfo[NSLocalizedDescriptionKey] as? String ?? String(describing: error)
            throw ReportError.unwritable(path: path, detail: detail)
        }
    }

    /// Fails early, before any work, when `path` cannot be written.
    ///
    /// Existence is judged without following a final symlink: a dangling symlink is an
    /// existing file, which only `overwrite` replaces (the link itself, not its target).
    static func checkWritable(_ path: String, overwrite: Bool) throws {
        if AtomicFile.isStream(path) { return }  // `--out /dev/stdout`: written into, nothing replaced
        if AtomicFile.exists(path) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw ReportError.unwritable(path: path, detail: "it is a directory")
            }
            if !overwrite { throw ReportError.fileExists(path: path) }
        }
        try checkDirectory(of: path)
    }

    /// Fails when the directory `path` would go into is missing or not writable.
    static func checkDirectory(of path: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let parent = (path as NSString).deletingLastPathComponent
        let dir = parent.isEmpty ? "." : parent
        guard fm.fileExists(atPath: dir, isDirectory: &isDirectory) else {
            throw ReportError.unwritable(path: path, detail: "the directory \(dir) does not exist")
        }
        guard isDirectory.boolValue else { throw ReportError.unwritable(path: path, detail: "\(dir) is not a directory") }
        guard fm.isWritableFile(atPath: dir) else { throw ReportError.unwritable(path: path, detail: "the directory \(dir) is not writable") }
    }
}
