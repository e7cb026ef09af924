#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a file so that readers see either the old content or the new, never a part.
///
/// The bytes go to a hidden temporary file in the same directory; every `write`, the
/// `fsync` and the `close` are checked (a full disk is an error, not a short file), and
/// only then is the file moved into place. Without `overwrite` the move is a hard link,
/// which fails if anything at all exists under the name, a dangling symlink included, so
/// no file can be replaced between a check and the write. A device or pipe (`/dev/stdout`,
/// `/dev/full`) is written into, never replaced.
public enum AtomicFile {
    /// Writes `data` to `path`.
    ///
    /// - Parameter overwrite: replace an existing file; without it, anything at `path`
    ///   (a file, a directory, a symlink even if dangling) is `CocoaError.fileWriteFileExists`.
    /// - Throws: `CocoaError` naming `path` and the system's reason; nothing is left behind then.
    public static func write(_ data: Data, to path: String, overwrite: Bool = true) throws {
        if isStream(path) {
            // `--out /dev/stdout` or a named pipe: written into, never renamed over.
            try writeThrough(data, to: path)
            return
        }
        if !overwrite && exists(path) { throw exists(at: path) }
        let url = URL(fileURLWithPath: path)
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path, errno) }
        var closed = false
        do {
            try writeAll(data, fd, path)
            // Delayed allocation can report a full disk only here or at close.
            guard fsync(fd) == 0 else { throw failure(path, errno) }
            closed = true
            guard close(fd) == 0 else { throw failure(path, errno) }
            if overwrite {
                // rename(2) replaces the target atomically on one file system.
                guard rename(temp, path) == 0 else { throw failure(path, errno) }
            } else {
                if link(temp, path) != 0 {
                    let code = errno
                    if code == EEXIST { throw exists(at: path) }
                    // File systems without hard links: check again just before the rename.
                    guard code == EPERM || code == EOPNOTSUPP else { throw failure(path, code) }
                    if exists(path) { throw exists(at: path) }
                    guard rename(temp, path) == 0 else { throw failure(path, errno) }
                    return
                }
                unlink(temp)
            }
        } catch {
            if !closed { close(fd) }
            unlink(temp)
            throw error
        }
    }

    /// Writes `data` under `path`, or, when anything is there already (a dangling symlink
    /// counts), under the first free numbered name beside it: `report-2.html`, `-3`, …
    /// Never replaces anything: each name is claimed with a no-clobber write, so a file
    /// created by someone else meanwhile is skipped.
    ///
    /// - Returns: the path written.
    @discardableResult
    public static func writeToFreeName(_ data: Data, preferring path: String, attempts: Int = 999) throws -> String {
        for number in 1...max(1, attempts) {
            let candidate = numbered(path, number)
            if exists(candidate) { continue }
            do {
                try write(data, to: candidate, overwrite: false)
                return candidate
            } catch let error as CocoaError where error.code == .fileWriteFileExists {
                continue
            }
        }
        throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path,
                                                         NSLocalizedDescriptionKey: "it and \(attempts - 1) numbered names beside it exist"])
    }

    /// `path` itself for 1, else `-N` before the extension: `a/report.html` → `a/report-2.html`.
    public static func numbered(_ path: String, _ number: Int) -> String {
        guard number > 1 else { return path }
        let ns = path as NSString
        let ext = ns.pathExtension
        let stem = ext.isEmpty ? path : ns.deletingPathExtension
        return stem + "-\(number)" + (ext.isEmpty ? "" : "." + ext)
    }

    /// Whether `path` (symlinks followed) is a character device, a FIFO or a socket: a
    /// stream to write into, not a file to replace. Replacing `/dev/full` or `/dev/stdout`
    /// with a regular file would break it for every other program.
    public static func isStream(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        let type = info.st_mode & S_IFMT
        return type == S_IFCHR || type == S_IFIFO || type == S_IFSOCK
    }

    /// Writes `data` into an existing stream, checking every write and the close.
    static func writeThrough(_ data: Data, to path: String) throws {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        do {
            try writeAll(data, fd, path)
        } catch {
            close(fd)
            throw error
        }
        guard close(fd) == 0 else { throw failure(path, errno) }
    }

    private static func writeAll(_ data: Data, _ fd: Int32, _ path: String) throws {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < bytes.count {
                let n = writeBytes(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(path, errno)
                }
                offset += n
            }
        }
    }

    /// Whether anything is at `path`, without following a final symlink (lstat): a
    /// dangling symlink exists, a symlink to a directory is not a directory.
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func exists(at path: String) -> CocoaError {
        CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: path])
    }

    private static func failure(_ path: String, _ code: Int32) -> CocoaError {
        CocoaError(code == ENOSPC ? .fileWriteOutOfSpace : .fileWriteUnknown,
                   userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(code))])
    }
}

/// write(2), named apart from `AtomicFile.write`.
private func writeBytes(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}
