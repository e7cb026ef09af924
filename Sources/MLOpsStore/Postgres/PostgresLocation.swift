import Foundation

/// Where a PostgreSQL store is and how to reach it, read as libpq reads it: a
/// `postgresql://` URL, then the standard `PG*` environment variables for what the URL
/// leaves out, then the password file (`PGPASSFILE`, else `~/.pgpass`).
///
/// The password never appears in `description`: errors and messages name the store by it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    /// A file of trusted certificates for `verify-ca` and `verify-full`.
    public var sslRootCertificate: String?
    public var connectTimeout: TimeInterval

    /// A Unix-domain socket directory when `host` is an absolute path, as in libpq.
    public var socketPath: String? { host.hasPrefix("/") ? "\(host)/.s.PGSQL.\(port)" : nil }

    /// `postgresql://user@host:port/database`: enough to tell stores apart, no secret.
    public var description: String {
        let shownHost = host.hasPrefix("/") ? "[\(host)]" : (host.contains(":") ? "[\(host)]" : host)
        return "postgresql://\(user)@\(shownHost):\(port)/\(database)"
    }

    /// Whether `text` names a PostgreSQL store rather than a SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Reads a `postgresql://` URL, filling in from `environment` and the password file.
    public static func parse(_ url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresLocation {
        guard let rest = ["postgresql://", "postgres://"].lazy.compactMap({ url.hasPrefix($0) ? String(url.dropFirst($0.count)) : nil }).first else {
            throw PostgresLocationError("the address must start with postgresql://")
        }
        var authority = rest, path = "", query = ""
        if let q = authority.firstIndex(of: "?") { query = String(authority[authority.index(after: q)...]); authority = String(authority[..<q]) }
        if let slash = authority.firstIndex(of: "/") { path = String(authority[authority.index(after: slash)...]); authority = String(authority[..<slash]) }

        var user: String?, password: String?, host: String?, port: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = String(authority[..<at])
            authority = String(authority[authority.index(after: at)...])
            if let colon = credentials.firstIndex(of: ":") {
                user = try decode(String(credentials[..<colon]), "user name")
                password = try decode(String(credentials[credentials.index(after: colon)...]), "password")
            } else {
                user = try decode(credentials, "user name")
            }
        }
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw PostgresLocationError("the host's [ is not closed") }
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { port = String(after.dropFirst()) }
        } else if let colon = authority.lastIndex(of: ":") {
            host = String(authority[..<colon])
            port = String(authority[authority.index(after: colon)...])
        } else if !authority.isEmpty {
            host = authority
        }
        if let h = host { host = try decode(h, "host") }
        if host?.isEmpty == true { host = nil }
        var database = path.isEmpty ? nil : try decode(path, "database name")

        var parameters: [String: String] = [:]
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = try decode(String(parts[0]), "parameter name")
            parameters[key] = parts.count > 1 ? try decode(String(parts[1]), "parameter \(key)") : ""
        }
        for (key, value) in parameters {
            switch key {
            case "host": host = value
            case "port": port = value
            case "user": user = value
            case "password": password = value
            case "dbname": database = value
            case "sslmode", "sslrootcert", "connect_timeout", "application_name": break
            default: throw PostgresLocationError("the parameter '\(key)' is not supported (supported: host, port, user, password, dbname, sslmode, sslrootcert, connect_timeout)")
            }
        }

        let env = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        var location = PostgresLocation(
            host: host ?? env("PGHOST") ?? "localhost",
            port: 5432,
            user: user ?? env("PGUSER") ?? env("USER") ?? "postgres",
            password: password ?? env("PGPASSWORD"),
            database: "",
            sslMode: .prefer,
            sslRootCertificate: parameters["sslrootcert"] ?? env("PGSSLROOTCERT"),
            connectTimeout: 10)
        location.database = database ?? env("PGDATABASE") ?? location.user
        let portText = port.flatMap { $0.isEmpty ? nil : $0 } ?? env("PGPORT") ?? "5432"
        guard let p = Int(portText), (1...65535).contains(p) else { throw PostgresLocationError("the port '\(portText)' is not a port number") }
        location.port = p
        let modeText = parameters["sslmode"] ?? env("PGSSLMODE") ?? "prefer"
        guard let mode = SSLMode(rawValue: modeText) else {
            throw PostgresLocationError("sslmode '\(modeText)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        location.sslMode = mode
        if let t = parameters["connect_timeout"] ?? env("PGCONNECT_TIMEOUT") {
            guard let seconds = Int(t), seconds >= 0 else { throw PostgresLocationError("connect_timeout '\(t)' is not a whole number of seconds") }
            location.connectTimeout = seconds == 0 ? 3600 : TimeInterval(max(seconds, 2))
        }
        if location.password == nil {
            let file = env("PGPASSFILE") ?? env("HOME").map { $0 + "/.pgpass" }
            if let file { location.password = PasswordFile.lookup(file, for: location) }
        }
        return location
    }

    private static func decode(_ text: String, _ what: String) throws -> String {
        guard let decoded = text.removingPercentEncoding else { throw PostgresLocationError("the \(what) has a bad %-escape") }
        return decoded
    }
}

/// A PostgreSQL address that cannot be used, with what is wrong; never the password.
public struct PostgresLocationError: Error, CustomStringConvertible {
    public var description: String
    init(_ problem: String) { description = "--db: \(problem)" }
}

/// libpq's password file: lines of `host:port:database:user:password`, `*` matching
/// anything, `\` escaping `:` and `\`. Like libpq, a file others can read is ignored.
enum PasswordFile {
    static func lookup(_ path: String, for location: PostgresLocation) -> String? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let permissions = attributes[.posixPermissions] as? Int, permissions & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let host = location.host.hasPrefix("/") ? "localhost" : location.host
        let wanted = [host, String(location.port), location.database, location.user]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = split(String(line))
            guard fields.count == 5 else { continue }
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// The fields of one line, unescaped.
    static func split(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped { current.append(c); escaped = false } else if c == "\\" { escaped = true } else if c == ":" {
                fields.append(current); current = ""
            } else { current.append(c) }
        }
        fields.append(current)
        return fields
    }
}
