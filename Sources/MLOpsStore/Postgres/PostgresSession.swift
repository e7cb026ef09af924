import Foundation
import GRDB
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// One connection to a PostgreSQL store, used synchronously: the commands and the
/// dashboard's loader call the store from their own threads, as they call SQLite.
/// Each call waits on a NIO future; none runs on Swift's cooperative pool.
final class PostgresSession: @unchecked Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    private static let logger: Logger = {
        var logger = Logger(label: "mlops-dash.postgres")
        logger.logLevel = .critical
        return logger
    }()

    private init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    deinit { _ = try? connection.close().wait() }

    static func connect(_ location: PostgresLocation) throws -> PostgresSession {
        var configuration: PostgresConnection.Configuration
        if let socket = location.socketPath {
            configuration = .init(unixSocketPath: socket, username: location.user, password: location.password, database: location.database)
        } else {
            configuration = .init(host: location.host, port: location.port, username: location.user, password: location.password,
                                  database: location.database, tls: try tls(location))
        }
        configuration.options.connectTimeout = .seconds(Int64(location.connectTimeout))
        // Our queries are short, most tens of milliseconds: compiling one (the server's JIT,
        // on above a cost the window joins reach) took longer than running it. A window's
        // serving days (50,000 rows) sorted on disk with the default 4 MB for a sort.
        configuration.options.additionalStartupParameters = [("application_name", "mlops-dash"), ("jit", "off"), ("work_mem", "32MB")]
        do {
            let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration,
                                                            id: 1, logger: logger).wait()
            return PostgresSession(location: location, connection: connection)
        } catch {
            throw PostgresFailure.translate(error, location: location)
        }
    }

    /// libpq's `sslmode`: `require` encrypts without checking the server, `verify-ca` checks
    /// its certificate, `verify-full` also its name; `prefer` and `allow` try TLS first.
    private static func tls(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        if location.sslMode == .disable { return .disable }
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.sslMode {
        case .verifyFull: tls.certificateVerification = .fullVerification
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        default: tls.certificateVerification = .none
        }
        if let root = location.sslRootCertificate { tls.trustRoots = .file(root) }
        do {
            let context = try NIOSSLContext(configuration: tls)
            return location.sslMode == .prefer || location.sslMode == .allow ? .prefer(context) : .require(context)
        } catch {
            throw StoreError.unreadable(path: location.description, detail: "cannot set up TLS: \(error)")
        }
    }

    /// Rows of a query whose `?` placeholders take `arguments` in order.
    func rows(_ sql: String, _ arguments: [SQLValue] = []) throws -> [PostgresValues] {
        do {
            let result = try connection.query(Self.query(sql, arguments), logger: Self.logger).wait()
            return try result.rows.map(PostgresValues.init)
        } catch {
            throw PostgresFailure.translate(error, location: location)
        }
    }

    /// The integer arrays of a query's one row, a NULL as empty: for a distribution the
    /// server sorts and sends as one value instead of a row per number.
    func integerArrays(_ sql: String, _ arguments: [SQLValue] = []) throws -> [[Int64]] {
        do {
            let result = try connection.query(Self.query(sql, arguments), logger: Self.logger).wait()
            guard let row = result.rows.first else { return [] }
            return try row.map { cell in cell.bytes == nil ? [] : try cell.decode([Int64].self) }
        } catch {
            throw PostgresFailure.translate(error, location: location)
        }
    }

    /// Rows of a name and an integer array (a NULL as empty): many numbers per name sent
    /// as one value, as `integerArrays` sends a distribution.
    func integerArraysByName(_ sql: String, _ arguments: [SQLValue] = []) throws -> [(name: String, values: [Int64])] {
        do {
            let result = try connection.query(Self.query(sql, arguments), logger: Self.logger).wait()
            return try result.rows.map { row in
                let cells = Array(row)
                precondition(cells.count == 2, "a name and an array per row")
                return (try cells[0].decode(String.self), cells[1].bytes == nil ? [] : try cells[1].decode([Int64].self))
            }
        } catch {
            throw PostgresFailure.translate(error, location: location)
        }
    }

    /// Runs a statement; returns the rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue] = []) throws -> Int {
        do {
            let result = try connection.query(Self.query(sql, arguments), logger: Self.logger).wait()
            return result.metadata.rows ?? 0
        } catch {
            throw PostgresFailure.translate(error, location: location)
        }
    }

    /// Runs statements separated by `;` (our own DDL, which has no `;` inside a statement):
    /// the extended protocol takes one statement at a time.
    func executeScript(_ sql: String) throws {
        for statement in sql.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
            try execute(String(statement))
        }
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ begin: String = "BEGIN", _ body: () throws -> T) throws -> T {
        try execute(begin)
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Streams text-format `COPY` data into `table`; `produce` hands each chunk to `send`.
    func copy(into table: String, columns: [String], _ produce: @escaping @Sendable (_ send: (ByteBuffer) throws -> Void) throws -> Void) throws {
        let connection = self.connection, logger = Self.logger
        let outcome = BlockingResult<Void>()
        // The producer reads and encodes on a thread of its own and waits for each chunk to
        // be taken: the file is read at the pace the server takes it.
        let chunks = ChunkQueue()
        // Off Swift's cooperative pool: the caller may itself be on it (tests, a loader), and
        // blocking it while waiting for a task that needs it would deadlock on two cores.
        Task.detached(executorPreference: CopyExecutor.shared) {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                    Thread {
                        do { try produce { chunk in try chunks.put(chunk) }; chunks.finish(nil) } catch { chunks.finish(error) }
                    }.start()
                    while let chunk = try await chunks.take() { try await writer.write(chunk) }
                }
                chunks.cancel()
                outcome.set(.success(()))
            } catch {
                chunks.cancel()
                outcome.set(.failure(error))
            }
        }
        do { try outcome.wait().get() } catch { throw PostgresFailure.translate(error, location: location) }
    }

    private static func query(_ sql: String, _ arguments: [SQLValue]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for value in arguments {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let v): bindings.append(v)
            case .real(let v): bindings.append(v)
            case .text(let v): bindings.append(v)
            }
        }
        return PostgresQuery(unsafeSQL: numberedPlaceholders(sql), binds: bindings)
    }

    /// `?` → `$1`, `$2`, …, outside quoted strings and names, so one spelling of the SQL
    /// serves both engines' habits.
    static func numberedPlaceholders(_ sql: String) -> String {
        var out = "", n = 0, quote: Character?
        out.reserveCapacity(sql.utf8.count + 16)
        for c in sql {
            if let q = quote {
                if c == q { quote = nil }
                out.append(c)
            } else if c == "'" || c == "\"" {
                quote = c
                out.append(c)
            } else if c == "?" {
                n += 1
                out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }
}

extension PostgresSession {
    /// Records of one kind: `SELECT <its columns> FROM <its table> <clauses>`.
    func records<R: StoredRecord>(_: R.Type, _ clauses: String, _ arguments: [SQLValue] = []) throws -> [R] {
        try rows("SELECT \(R.schema.columnList) FROM \(R.schema.table) \(clauses)", arguments).map { R(row: $0) }
    }
}

/// A bound value, the same four kinds SQLite stores.
enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    init(_ value: (any DatabaseValueConvertible)?) {
        guard let value else { self = .null; return }
        switch value.databaseValue.storage {
        case .null: self = .null
        case .int64(let v): self = .integer(v)
        case .double(let v): self = .real(v)
        case .string(let v): self = .text(v)
        case .blob: self = .null
        }
    }
}

extension SQLValue {
    /// The same value for GRDB.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .integer(let v): return v.databaseValue
        case .real(let v): return v.databaseValue
        case .text(let v): return v.databaseValue
        }
    }
}

extension SQLValue: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
    init(integerLiteral value: Int64) { self = .integer(value) }
    init(stringLiteral value: String) { self = .text(value) }
}

/// A result row from PostgreSQL as the values GRDB would give for the same SQLite row:
/// booleans as 0/1, every integer as Int64, so record and aggregate decoding is shared.
struct PostgresValues: PositionalRow {
    var values: [DatabaseValue]

    init(_ row: PostgresRow) throws {
        values = []
        values.reserveCapacity(row.count)
        for cell in row {
            values.append(try Self.value(cell))
        }
    }

    func decoded<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        guard let value = Value.fromDatabaseValue(values[index]) else {
            preconditionFailure("column \(index) holds \(values[index]), not \(Value.self)")
        }
        return value
    }

    func decodedFromColumn<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int) -> Value { decoded(index) }

    private static func value(_ cell: PostgresCell) throws -> DatabaseValue {
        guard let bytes = cell.bytes else { return .null }
        // The common binary cells read straight from their bytes: a window's records are
        // some 100,000 rows, and the generic decoder cost more than the query.
        if cell.format == .binary {
            let at = bytes.readerIndex
            switch (cell.dataType, bytes.readableBytes) {
            case (.int8, 8): if let v = bytes.getInteger(at: at, as: Int64.self) { return v.databaseValue }
            case (.int4, 4): if let v = bytes.getInteger(at: at, as: Int32.self) { return Int64(v).databaseValue }
            case (.int2, 2): if let v = bytes.getInteger(at: at, as: Int16.self) { return Int64(v).databaseValue }
            case (.bool, 1): if let v = bytes.getInteger(at: at, as: UInt8.self) { return (v != 0 ? 1 : 0).databaseValue }
            case (.float8, 8): if let v = bytes.getInteger(at: at, as: UInt64.self) { return Double(bitPattern: v).databaseValue }
            case (.text, _), (.varchar, _), (.name, _):
                if let v = bytes.getString(at: at, length: bytes.readableBytes) { return v.databaseValue }
            default: break
            }
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid: return try cell.decode(Int64.self).databaseValue
        case .bool: return (try cell.decode(Bool.self) ? 1 : 0).databaseValue
        case .float4, .float8: return try cell.decode(Double.self).databaseValue
        case .numeric:
            let d = try cell.decode(Decimal.self)
            let n = NSDecimalNumber(decimal: d)
            return d == Decimal(n.int64Value) ? n.int64Value.databaseValue : n.doubleValue.databaseValue
        default: return try cell.decode(String.self).databaseValue
        }
    }
}

/// A serial executor of its own for the copy's task, so that its progress never waits
/// for a thread of the cooperative pool.
final class CopyExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = CopyExecutor()
    private let queue = DispatchQueue(label: "mlops-dash.postgres-copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// A value handed from an async task to a waiting thread.
final class BlockingResult<T>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, Error>?

    func set(_ value: Result<T, Error>) { result = value; done.signal() }
    func wait() -> Result<T, Error> { done.wait(); return result! }
}

/// Chunks from a producing thread to an async consumer, one at a time: the producer
/// waits until the consumer has taken the last one, so memory stays at a chunk or two.
final class ChunkQueue: @unchecked Sendable {
    private let lock = NSCondition()
    private var pending: ByteBuffer?
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private var waiter: CheckedContinuation<ByteBuffer?, Error>?

    func put(_ chunk: ByteBuffer) throws {
        lock.lock()
        while pending != nil && !cancelled { lock.wait() }
        if cancelled { lock.unlock(); throw CancellationError() }
        if let w = waiter { waiter = nil; lock.unlock(); w.resume(returning: chunk); return }
        pending = chunk
        lock.unlock()
    }

    func finish(_ error: Error?) {
        lock.lock()
        finished = true
        failure = error
        if let w = waiter {
            waiter = nil
            lock.unlock()
            if let error { w.resume(throwing: error) } else { w.resume(returning: nil) }
            return
        }
        lock.unlock()
    }

    func take() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<ByteBuffer?, Error>) in
            lock.lock()
            if let chunk = pending {
                pending = nil
                lock.broadcast()
                lock.unlock()
                c.resume(returning: chunk)
            } else if finished {
                let error = failure
                lock.unlock()
                if let error { c.resume(throwing: error) } else { c.resume(returning: nil) }
            } else {
                waiter = c
                lock.broadcast()
                lock.unlock()
            }
        }
    }

    /// Lets a producer blocked in `put` go, when the consumer has stopped.
    func cancel() {
        lock.lock()
        cancelled = true
        lock.broadcast()
        lock.unlock()
    }
}
