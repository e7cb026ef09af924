import ArgumentParser
import Foundation
import MLOpsCore
import MLOpsStore
import SafeText

/// The `--db` option shared by every command that touches a store.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "The store: a SQLite file, or a postgresql://user@host:port/database address (PG* variables and ~/.pgpass fill in the rest); or $MLOPS_DASH_DB. Reading commands without either open the bundled demo; writing commands default to ./mlops-dash.sqlite.")
    var db: String?

    var path: String {
        db ?? ProcessInfo.processInfo.environment["MLOPS_DASH_DB"] ?? "mlops-dash.sqlite"
    }

    /// The PostgreSQL store named, when `--db` (or $MLOPS_DASH_DB) is an address rather than a file.
    func postgres() throws -> PostgresLocation? {
        PostgresLocation.isURL(path) ? try PostgresLocation.parse(path) : nil
    }

    /// The store to read, SQLite or PostgreSQL: the one named, or without --db the bundled demo.
    func openForReading() throws -> any ReadableStore {
        if let location = try postgres() { return try PostgresStore.open(location, readOnly: true) }
        return try openFileForReading()
    }

    /// The SQLite store to read: the one named, or without --db the bundled demo, rebuilt
    /// for today so it looks alive.
    func openFileForReading() throws -> Store {
        if let explicit = db ?? ProcessInfo.processInfo.environment["MLOPS_DASH_DB"] {
            return try Store.openReadOnly(at: explicit)
        }
        return try Store.openReadOnly(at: try DemoLocation.prepare())
    }
}

/// The wall clock, read once at the edge and handed inward as a value.
enum SystemClock {
    static var now: Instant { Instant(seconds: Int64(Date().timeIntervalSince1970)) }
}

/// Prints a user-facing error to stderr and exits non-zero, without a stack of noise.
struct UserFacingError: Error, CustomStringConvertible {
    var description: String
    init(_ error: Error) { description = String(describing: error) }
}

/// Runs a command's body; any error becomes one sanitised `error: …` line on stderr and
/// exit status 1. Success is only reported once standard output is flushed and checked.
func failing(_ body: () throws -> Void) throws {
    do {
        try body()
        try StandardOutput.finish()
    } catch let e as ExitCode { throw e } catch let e as CleanExit { throw e } catch {
        // Paths and names in messages come from outside; one line, nothing a terminal acts on.
        FileHandle.standardError.write(Data("error: \(TextSanitizer.clean(describe(error)))\n".utf8))
        throw ExitCode(1)
    }
}

/// Foundation's file errors print as NSError dumps; say which path and what went wrong.
func describe(_ error: Error) -> String {
    guard let cocoa = error as? CocoaError else { return "\(error)" }
    let path = cocoa.userInfo[NSFilePathErrorKey] as? String ?? (cocoa.userInfo[NSURLErrorKey] as? URL)?.path
    var reason = cocoa.userInfo[NSLocalizedDescriptionKey] as? String
    if let posix = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
        reason = String(cString: strerror(Int32(posix.code)))
    }
    let text = reason ?? cocoa.localizedDescription
    return path.map { "\($0): \(text)" } ?? text
}
