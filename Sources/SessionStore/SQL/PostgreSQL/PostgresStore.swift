import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import SQLKit

/// Opens the shared store on PostgreSQL: several gateway nodes, one database. The same queries
/// and rules as SQLite (`SQLGatewayStore`); what differs is said where it differs:
/// - migrations run under a session advisory lock, so the node that starts first applies them and
///   the others wait, then find nothing to do;
/// - each write batch takes a transaction advisory lock before it reads: allocation, quotas and
///   rate limits decide on what they read, so two nodes deciding at once would both see the last
///   free number or the last unit of a quota. One lock serialises the batches across nodes (a
///   batch holds it for one round of group commit, ~1 ms), which keeps every rule exactly as on
///   one box;
/// - a verified session is announced with NOTIFY in its own transaction, so every node's
///   long-polls answer on commit (`listen`).
public enum PostgresStore {
    /// Advisory lock keys ("mc" + 1 and + 2): migrations, and write batches.
    static let migrationLock: Int64 = 0x6D63_0001
    static let writeLock: Int64 = 0x6D63_0002
    /// The NOTIFY channel: `s:<sid>` a session changed, `c:<node>` a node has an admin command.
    public static let channel = "missedcall"

    public static func open(
        connector: PostgresConnector,
        settings: StoreSettings = StoreSettings(),
        planner: any NotificationPlanner = DefaultNotificationPlanner(),
        readerCount: Int = 2,
        logger: Logger = Logger(label: "missedcall.store"),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> SQLGatewayStore {
        let writer = PostgresLink(connector: connector, logger: logger)
        var links = [writer]
        do {
            try await writer.connect()
            try await migrate(writer, now: clock().millis)
            var readers: [any SQLDatabase] = []
            for _ in 0..<max(1, readerCount) {
                let reader = PostgresLink(connector: connector, logger: logger)
                try await reader.connect()
                links.append(reader)
                readers.append(reader)
            }
            let all = links
            return SQLGatewayStore(
                writer: writer,
                readers: readers,
                settings: settings,
                planner: planner,
                logger: logger,
                clock: clock,
                connector: connector,
                shutdown: { for link in all { await link.close() } }
            )
        } catch {
            for link in links { await link.close() }
            throw error
        }
    }

    /// Runs one statement on a connection of its own (schema set-up in tests and tools).
    public static func execute(_ sql: String, connector: PostgresConnector) async throws {
        let connection = try await connector.open()
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: connector.logger).collect()
        } catch {
            try? await connection.close()
            throw StoreFailure(step: "running \(sql.prefix(40))", reason: PostgresConnector.describe(error), retryable: false)
        }
        try? await connection.close()
    }

    static func migrate(_ database: any SQLDatabase, now: Int64) async throws {
        try await database.raw("SELECT pg_advisory_lock(\(literal: migrationLock))").run()
        do {
            try await Migrations.migrate(database, now: now)
        } catch {
            _ = try? await database.raw("SELECT pg_advisory_unlock(\(literal: migrationLock))").all()
            throw error
        }
        _ = try await database.raw("SELECT pg_advisory_unlock(\(literal: migrationLock))").all()
    }
}
