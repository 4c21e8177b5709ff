import Foundation
import Logging
import PostgresNIO
import SQLKit

extension SQLGatewayStore {
    /// Writes this node's heartbeat (inserting its row on the first) and renews its numbers' leases.
    public func heartbeat(hostname: String, version: String, startedAt: Date, modems: String) async throws {
        let now = clock()
        let node = settings.nodeID
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO nodes (id, hostname, version, started_at, heartbeat_at, stopped_at, modems)
                VALUES (\(bind: node), \(bind: hostname), \(bind: version), \(bind: startedAt.millis), \(bind: now.millis), NULL, \(bind: modems))
                ON CONFLICT (id) DO UPDATE SET hostname = excluded.hostname, version = excluded.version,
                started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at, stopped_at = NULL, modems = excluded.modems
                """
            ).run()
        }
        try await renewLeases()
    }

    /// A graceful stop: the node's numbers leave allocation at once and its row says so.
    public func leaveCluster() async throws {
        let node = settings.nodeID
        let now = clock().millis
        try await releaseNumbers()
        try await transaction { db in
            try await db.raw("UPDATE nodes SET stopped_at = \(bind: now), modems = '[]' WHERE id = \(bind: node)").run()
        }
    }

    public func nodes() async throws -> [NodeRecord] {
        try await reader.raw("SELECT * FROM nodes ORDER BY id").all().map { row in
            NodeRecord(
                id: try row.decode(column: "id", as: String.self),
                hostname: try row.decode(column: "hostname", as: String.self),
                version: try row.decode(column: "version", as: String.self),
                startedAt: try RowMapping.date(row, "started_at"),
                heartbeatAt: try RowMapping.date(row, "heartbeat_at"),
                stoppedAt: try RowMapping.optionalDate(row, "stopped_at"),
                modems: try row.decode(column: "modems", as: String.self)
            )
        }
    }

    // MARK: Admin requests routed to the node that owns a modem

    /// Queues `method path body` for `node` and tells it (NOTIFY); returns the command's id.
    public func submitCommand(node: String, method: String, path: String, body: String) async throws -> String {
        let id = UUID().uuidString.lowercased()
        let now = clock().millis
        let notify = !isSQLite
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO node_commands (id, node_id, method, path, body, created_at)
                VALUES (\(bind: id), \(bind: node), \(bind: method), \(bind: path), \(bind: body), \(bind: now))
                """
            ).run()
            if notify {
                _ = try await db.raw("SELECT pg_notify(\(bind: PostgresStore.channel), \(bind: "c:" + node))").all()
            }
        }
        return id
    }

    /// Commands queued for this node and not answered yet, oldest first.
    public func openCommands() async throws -> [NodeCommand] {
        try await writer.raw(
            "SELECT * FROM node_commands WHERE node_id = \(bind: settings.nodeID) AND done_at IS NULL ORDER BY created_at LIMIT 100"
        ).all().map(Self.command)
    }

    public func finishCommand(id: String, status: Int, response: String) async throws {
        let now = clock().millis
        try await transaction { db in
            try await db.raw(
                "UPDATE node_commands SET status = \(bind: status), response = \(bind: response), done_at = \(bind: now) WHERE id = \(bind: id)"
            ).run()
        }
    }

    public func command(id: String) async throws -> NodeCommand? {
        try await writer.raw("SELECT * FROM node_commands WHERE id = \(bind: id)").first().map(Self.command)
    }

    static func command(_ row: any SQLRow) throws -> NodeCommand {
        NodeCommand(
            id: try row.decode(column: "id", as: String.self),
            nodeID: try row.decode(column: "node_id", as: String.self),
            method: try row.decode(column: "method", as: String.self),
            path: try row.decode(column: "path", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            status: try row.decode(column: "status", as: Int?.self),
            response: try row.decode(column: "response", as: String?.self)
        )
    }

    // MARK: LISTEN

    /// PostgreSQL: hands every notification on the gateway's channel to `handler` until cancelled,
    /// reconnecting (1 s, doubling to 10 s) when the connection drops; `onConnect` runs after each
    /// (re)connection, to catch up on what was missed meanwhile. SQLite: returns at once (one
    /// process, nothing to hear).
    public func listen(onConnect: @escaping @Sendable () async -> Void, _ handler: @escaping @Sendable (String) -> Void) async {
        guard let connector else { return }
        var backoff = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                let connection = try await connector.open()
                backoff = .seconds(1)
                do {
                    try await connection.listen(on: PostgresStore.channel) { notifications in
                        await onConnect()
                        for try await notification in notifications {
                            handler(notification.payload)
                        }
                    }
                    try? await connection.close()
                } catch {
                    try? await connection.close()
                    throw error
                }
            } catch {
                if Task.isCancelled { return }
                logger.warning(
                    "listening for other nodes' changes failed; retrying",
                    metadata: ["error": "\(PostgresConnector.describe(error))", "retry_in": "\(backoff)"]
                )
            }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(10))
        }
    }
}
