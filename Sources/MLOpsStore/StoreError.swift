import Foundation

/// Why a store could not be opened or written, in words a user can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case missing(path: String)
    case notAStore(path: String, detail: String)
    case newerSchema(path: String, storeVersion: Int, supportedVersion: Int)
    case olderSchema(path: String, storeVersion: Int, supportedVersion: Int)
    case locked(path: String)
    case alreadyExists(path: String)
    case unreadable(path: String, detail: String)

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): no store here. Create one with `mlops-dash init --db \(path)`."
        case .notAStore(let path, let detail):
            return "\(path): not an mlops-dash store (\(detail))."
        case .newerSchema(let path, let found, let supported):
            return "\(path): the store is at schema version \(found), newer than this mlops-dash understands (\(supported)). Upgrade mlops-dash; the store was not touched."
        case .olderSchema(let path, let found, let supported):
            return "\(path): the store is at schema version \(found) and this mlops-dash needs \(supported). Upgrade it with `mlops-dash init --db \(path)` (it keeps your records)."
        case .locked(let path):
            return "\(path): the store is locked by another writer; try again when its import finishes. Nothing was written."
        case .alreadyExists(let path):
            return "\(path): a file already exists here and is not an mlops-dash store; refusing to overwrite it."
        case .unreadable(let path, let detail):
            return "\(path): cannot read the store (\(detail))."
        }
    }
}

extension StoreError {
    /// Translates SQLite failures into store errors that name the file.
    static func from(_ error: Error, path: String) -> Error {
        if error is StoreError { return error }
        if let db = error as? DatabaseErrorLike {
            switch db.sqliteCode {
            case 5, 6: return StoreError.locked(path: path)  // SQLITE_BUSY, SQLITE_LOCKED
            case 26: return StoreError.notAStore(path: path, detail: "the file is not a SQLite database")
            case 11: return StoreError.notAStore(path: path, detail: "the database file is corrupt")
            case 14: return StoreError.unreadable(path: path, detail: db.sqliteMessage)
            default: return StoreError.unreadable(path: path, detail: db.sqliteMessage)
            }
        }
        return error
    }
}

/// The parts of GRDB's `DatabaseError` this layer needs, so callers need not import GRDB.
protocol DatabaseErrorLike {
    var sqliteCode: Int32 { get }
    var sqliteMessage: String { get }
}
