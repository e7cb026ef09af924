import Foundation
import MLOpsCore
@testable import MLOpsReport
import MLOpsStore
import SnapshotSupport
import Testing

/// The dashboard's export never replaces a file: it writes beside it under a numbered name.
@Suite struct ExportNamingTests {
    let dir = TemporaryDirectory()

    @Test func numberedNamesGoBeforeTheExtension() {
        #expect(AtomicFile.numbered("/a/mlops-report-2026-Q3.html", 1) == "/a/mlops-report-2026-Q3.html")
        #expect(AtomicFile.numbered("/a/mlops-report-2026-Q3.html", 2) == "/a/mlops-report-2026-Q3-2.html")
        #expect(AtomicFile.numbered("/a/mlops-report-2026-Q3-atlas.md", 12) == "/a/mlops-report-2026-Q3-atlas-12.md")
        #expect(AtomicFile.numbered("/a/report", 3) == "/a/report-3")
    }

    @Test func existingFilesAndDanglingSymlinksAreKept() throws {
        let first = dir.path("mlops-report-2026-Q3.html")
        let second = dir.path("mlops-report-2026-Q3-2.html")
        let third = dir.path("mlops-report-2026-Q3-3.html")
        func export() throws -> String {
            try QuarterlyReportExporter.exportToFreeName(store: Demo.store, quarter: Demo.q3, format: .html, directory: dir.path, now: Demo.now)
        }
        #expect(try export() == first)
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: first))
        // A dangling symlink is an existing file: not followed, not replaced.
        try FileManager.default.createSymbolicLink(atPath: second, withDestinationPath: dir.path("elsewhere.html"))
        #expect(try export() == third)
        #expect(try String(contentsOfFile: first, encoding: .utf8) == "keep me")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: second) == dir.path("elsewhere.html"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("elsewhere.html")))
        #expect(try String(contentsOfFile: third, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
        // No temporary files are left behind.
        #expect(dir.contents() == ["mlops-report-2026-Q3-2.html", "mlops-report-2026-Q3-3.html", "mlops-report-2026-Q3.html"])
    }

    @Test func aDanglingSymlinkNeedsOverwrite() throws {
        let link = dir.path("report.md")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir.path("target.md"))
        #expect(throws: ReportError.fileExists(path: link)) {
            try QuarterlyReportExporter.export(store: Demo.store, quarter: Demo.q3, format: .md, to: link, now: Demo.now)
        }
        #expect(throws: ReportError.fileExists(path: link)) { try QuarterlyReportExporter.write("x", to: link, overwrite: false) }
        #expect(dir.contents() == ["report.md"])
    }
}
