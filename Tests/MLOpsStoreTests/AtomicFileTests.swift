import Foundation
import MLOpsStore
import SnapshotSupport
import Testing

/// Whole files or nothing: checked writes, no clobbering without `overwrite`, devices kept.
@Suite struct AtomicFileTests {
    let dir = TemporaryDirectory()

    func entries() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: dir.url.path)) ?? []).sorted() }

    @Test func writesAndReplaces() throws {
        let path = dir.path("a.txt")
        try AtomicFile.write(Data("one".utf8), to: path)
        try AtomicFile.write(Data("two".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(entries() == ["a.txt"])
    }

    @Test func withoutOverwriteAnythingAtThePathIsKept() throws {
        let file = dir.write("file.txt", "keep")
        let link = dir.path("dangling.txt")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: dir.path("missing.txt"))
        for path in [file, link] {
            let error = #expect(throws: CocoaError.self) { try AtomicFile.write(Data("new".utf8), to: path, overwrite: false) }
            #expect(error?.code == .fileWriteFileExists)
        }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "keep")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == dir.path("missing.txt"))
        #expect(entries() == ["dangling.txt", "file.txt"])
        #expect(AtomicFile.exists(link) && !FileManager.default.fileExists(atPath: link))
    }

    @Test func aFullDeviceIsAnErrorAndStaysADevice() throws {
        // Through a symlink here: a regression that renamed over it would replace the link only.
        let full = dir.path("full")
        try FileManager.default.createSymbolicLink(atPath: full, withDestinationPath: "/dev/full")
        #expect(AtomicFile.isStream(full) && !AtomicFile.isStream(dir.path("x")))
        for overwrite in [true, false] {
            let error = #expect(throws: CocoaError.self) { try AtomicFile.write(Data("x".utf8), to: full, overwrite: overwrite) }
            #expect(error?.userInfo[NSFilePathErrorKey] as? String == full)
            #expect(error?.userInfo[NSLocalizedDescriptionKey] as? String == "No space left on device")
        }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: full) == "/dev/full")
        #expect(entries() == ["full"])
    }

    @Test func aFailedWriteLeavesNoTemporaryFile() throws {
        // The directory itself is the target: the temporary file is written, the rename fails.
        let target = dir.path("taken")
        try FileManager.default.createDirectory(atPath: target + "/inner", withIntermediateDirectories: true)
        #expect(throws: CocoaError.self) { try AtomicFile.write(Data("x".utf8), to: target) }
        #expect(throws: CocoaError.self) { try AtomicFile.write(Data("x".utf8), to: target, overwrite: false) }
        #expect(entries() == ["taken"])
    }
}
