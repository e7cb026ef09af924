#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import SafeText

/// What the commands print, written so that a failure is noticed.
///
/// `print` ignores errors: `summary --json > /dev/full` used to exit 0 with nothing
/// written, and a full disk left a truncated document behind a success. Every write here
/// goes straight to file descriptor 1 and is checked, and `finish()` syncs a regular file
/// before the command reports success. Commands use this instead of `print`.
enum StandardOutput {
    /// Where standard output goes, for messages: the file it is redirected to when the
    /// system can say (`/dev/full`, `/tmp/out.json`), else "standard output".
    static var target: String {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/fd/1", &buffer, buffer.count - 1)
        if n > 0 {
            let path = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if path.hasPrefix("/") { return "standard output (\(TextSanitizer.clean(path)))" }
        }
        #endif
        return "standard output"
    }

    /// Human-readable text: controls in it are made visible, line breaks kept.
    static func text(_ s: String) throws {
        try raw(TextSanitizer.cleanLines(s))
    }

    /// One human-readable line and a newline.
    static func line(_ s: String) throws {
        try raw(TextSanitizer.clean(s) + "\n")
    }

    /// Text that is already safe and exact (JSON), unchanged.
    static func raw(_ s: String) throws {
        let bytes = Array(s.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure()
            }
            offset += n
        }
    }

    /// Checks that what was written reached the file: writes here are unbuffered, but a
    /// regular file can still report a full disk when it is synced.
    static func finish() throws {
        var info = stat()
        guard fstat(STDOUT_FILENO, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return }
        if fsync(STDOUT_FILENO) != 0, errno != EINVAL { throw failure() }
    }

    private static func failure() -> OutputError {
        let code = errno
        return OutputError(target: target, reason: String(cString: strerror(code)))
    }
}

/// A command's output could not be written; the command exits non-zero with this line.
struct OutputError: Error, CustomStringConvertible {
    var target: String
    var reason: String
    var description: String { "cannot write \(target): \(reason)" }
}
