import Foundation
import PostgresNIO

/// PostgreSQL's failures in words a user can act on, naming the store by its address
/// without the password. `PSQLError` keeps the server's message apart from its own
/// description (which says nothing, to keep queries and secrets out of logs); the server's
/// message and SQLSTATE are what a user needs.
enum PostgresFailure {
    static func translate(_ error: Error, location: PostgresLocation) -> Error {
        guard let psql = error as? PSQLError else { return error }
        let place = location.description
        if let info = psql.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "the server refused"
            switch state {
            case "28P01", "28000": return StoreError.unreadable(path: place, detail: "the server refused the login: \(message)")
            case "3D000": return StoreError.unreadable(path: place, detail: "\(message); create it first (README: Team store on PostgreSQL)")
            case "55P03", "40P01", "40001": return StoreError.locked(path: place)
            case "25006": return StoreError.unreadable(path: place, detail: "opened read-only")
            default:
                let detail = info[.detail].map { " (\($0))" } ?? ""
                return StoreError.unreadable(path: place, detail: "\(message)\(detail) [SQLSTATE \(state)]")
            }
        }
        switch psql.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return StoreError.unreadable(path: place, detail: "cannot connect to the server: \(reason(psql.underlying))")
        case .sslUnsupported:
            return StoreError.unreadable(path: place, detail: "the server does not offer TLS and sslmode asks for it")
        case .authMechanismRequiresPassword:
            return StoreError.unreadable(path: place, detail: "the server asks for a password; give one in PGPASSWORD or ~/.pgpass")
        case .unsupportedAuthMechanism:
            return StoreError.unreadable(path: place, detail: "the server asks for a login method this client does not support")
        default:
            return StoreError.unreadable(path: place, detail: "the connection failed (\(psql.code))")
        }
    }

    /// NIO's connection errors nest the cause in a dump of its own; say the cause.
    static func reason(_ underlying: Error?) -> String {
        guard let underlying else { return "the connection failed" }
        let text = String(describing: underlying)
        for (clue, meaning) in [("Connection refused", "connection refused; is the server running and listening there?"),
                                ("timed out", "timed out"), ("connectTimeout", "timed out"),
                                ("No such file", "no server socket there"), ("Name or service not known", "unknown host"),
                                ("resolution", "unknown host")] where text.contains(clue) {
            return meaning
        }
        return text
    }
}
