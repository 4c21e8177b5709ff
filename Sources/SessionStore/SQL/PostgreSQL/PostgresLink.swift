import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import PostgresNIO
import SQLKit
import Synchronization

/// One PostgreSQL connection as an `SQLDatabase` that comes back by itself: when the server
/// restarts or a failover moves it, the statement in flight fails (its transaction is rolled back
/// by the server) and the next statement opens a new connection. A write transaction never spans
/// two connections: the store's writer runs BEGIN … COMMIT through one link, one at a time.
final class PostgresLink: SQLDatabase, Sendable {
    let connector: PostgresConnector
    let logger: Logger
    let eventLoop: any EventLoop
    let dialect: any SQLDialect = PostgresDialect()
    /// Never log statements: their binds carry passkey hashes and webhook secrets.
    let queryLogLevel: Logger.Level? = nil
    private let current = Mutex<PostgresConnection?>(nil)
    private let opening = Mutex<Task<PostgresConnection, any Error>?>(nil)

    init(connector: PostgresConnector, logger: Logger) {
        self.connector = connector
        self.logger = logger
        self.eventLoop = connector.eventLoop
    }

    /// Opens the connection now (the store's start fails fast with a clear reason).
    func connect() async throws {
        _ = try await connection()
    }

    func connection() async throws -> PostgresConnection {
        if let connection = current.withLock({ $0 }), !connection.isClosed { return connection }
        let task = opening.withLock { opening -> Task<PostgresConnection, any Error> in
            if let task = opening { return task }
            let connector = self.connector
            let task = Task { try await connector.open() }
            opening = task
            return task
        }
        defer { opening.withLock { $0 = nil } }
        let connection = try await task.value
        current.withLock { $0 = connection }
        return connection
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        eventLoop.makeFutureWithTask { try await self.execute(sql: query, onRow) }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        let connection = try await connection()
        try await connection.sql(queryLogLevel: nil, logger: logger).execute(sql: query, onRow)
    }

    func close() async {
        let connection = current.withLock { current -> PostgresConnection? in
            defer { current = nil }
            return current
        }
        try? await connection?.close()
    }
}

/// How to reach the database: the parsed URL, the password (from the URL or a file) and the schema.
public struct PostgresConnector: Sendable {
    var configuration: PostgresConnection.Configuration
    var schema: String?
    let eventLoop: any EventLoop
    let logger: Logger
    private static let nextID = Atomic<Int>(1)

    /// `url` as postgres-kit reads it (`postgresql://user@host:port/db?tlsmode=disable|prefer|require`);
    /// `password` overrides the URL's (read from `store.postgresql.passwordFile`); `schema` sets the
    /// search path (tests give each run its own).
    /// The store's connections run on an event loop of their own, so a statement's answer never
    /// waits behind HTTP requests on a busy server loop (as SQLite's writer has a thread of its own).
    static let eventLoops = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    public init(url: String, password: String? = nil, schema: String? = nil, eventLoop: (any EventLoop)? = nil, logger: Logger) throws {
        let parsed: SQLPostgresConfiguration
        do {
            parsed = try SQLPostgresConfiguration(url: url)
        } catch {
            throw StoreFailure(
                step: "reading store.postgresql.url",
                reason: "not a postgresql:// URL (\(PostgresConnector.redacted(url)))",
                retryable: false
            )
        }
        var configuration = parsed.coreConfiguration
        if let password { configuration.password = password }
        self.configuration = configuration
        self.schema = schema
        self.eventLoop = eventLoop ?? Self.eventLoops.next()
        self.logger = logger
    }

    /// The URL without its password, for logs and errors.
    public static func redacted(_ url: String) -> String {
        guard var parts = URLComponents(string: url) else { return "<unparseable URL>" }
        if parts.password != nil { parts.password = "***" }
        return parts.string ?? "<unparseable URL>"
    }

    var address: String {
        if let path = configuration.unixSocketPath { return path }
        return "\(configuration.host ?? "?"):\(configuration.port ?? 5432)"
    }

    func open() async throws -> PostgresConnection {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                on: eventLoop,
                configuration: configuration,
                id: Self.nextID.wrappingAdd(1, ordering: .relaxed).oldValue,
                logger: logger
            ).get()
        } catch {
            throw StoreFailure(step: "connecting to PostgreSQL at \(address)", reason: Self.describe(error), retryable: Self.isTransient(error))
        }
        if let schema {
            _ = try await connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \"\(schema)\""), logger: logger).collect()
        }
        return connection
    }

    /// A refusal that waiting will not change — a wrong password or role (SQLSTATE class 28), a
    /// database that does not exist (3D000) — is not transient; an unreachable or starting server is.
    static func isTransient(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return true }
        return !(state.hasPrefix("28") || state == "3D000")
    }

    /// PostgreSQL's own message (`password authentication failed for user "x"`), not the client's
    /// type dump.
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}

/// The database could not be reached or refused a step the store needs; `retryable` says whether
/// trying again later may help (the server was down) or not (a bad URL, a wrong password).
public struct StoreFailure: Error, CustomStringConvertible, Sendable {
    public var step: String
    public var reason: String
    public var retryable: Bool

    public var description: String { "\(step): \(reason)" }
}
