import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Copies a SQLite gateway's data into PostgreSQL, so an operator can grow from one box to a
/// cluster without losing sessions, passkeys, pool, calls or outbox (`missedcalld --copy-store-to`).
///
/// - The SQLite side is read in one read transaction: a consistent snapshot even while the daemon
///   keeps writing (WAL readers never block it, nor it them).
/// - The PostgreSQL side is migrated first, then written in one transaction: a copy that fails
///   leaves nothing half-copied.
/// - Rows are upserted by primary key, so copying again (after stopping the old daemon, to pick up
///   what changed since the first pass) brings every row up to date and duplicates none.
/// - Rows stream in batches of `batchRows` by rowid, whatever the table's size: memory stays flat.
public enum StoreCopy {
    /// What is copied, parents first. Node rows and routed commands belong to a running cluster.
    static let tables = [
        "passkeys", "dialing_numbers", "listeners", "sessions", "idempotency_keys", "missed_calls", "listener_callers",
        "listener_tallies", "outbox", "delivery_attempts", "passkey_usage", "rate_counters",
    ]
    static let batchRows = 1000

    public struct Progress: Sendable {
        public var table: String
        public var copied: Int
        public var total: Int
    }

    struct Column {
        var name: String
        var isText: Bool
        var isKey: Bool
    }

    /// Copies every table; the rows copied per table, in order.
    public static func copy(
        sqlitePath: String,
        to connector: PostgresConnector,
        logger: Logger,
        progress: @Sendable (Progress) -> Void
    ) async throws -> [(table: String, rows: Int)] {
        guard FileManager.default.fileExists(atPath: sqlitePath) else {
            throw StoreFailure(step: "opening \(sqlitePath)", reason: "no such file", retryable: false)
        }
        let source = try DirectSQLiteDatabase(path: sqlitePath, logger: logger, eventLoop: MultiThreadedEventLoopGroup.singleton.any())
        defer { source.close() }
        _ = try await source.raw("PRAGMA busy_timeout = 10000").all()
        let version = try await Migrations.currentVersion(source)
        guard version == Migrations.latestVersion else {
            throw StoreFailure(
                step: "reading \(sqlitePath)",
                reason:
                    "its schema is version \(version), this missedcalld's is \(Migrations.latestVersion): start this version of missedcalld on it once (it upgrades the file), then copy",
                retryable: false
            )
        }
        // Creates the schema (or finds it) the way a node's start would.
        let store = try await PostgresStore.open(connector: connector, readerCount: 1, logger: logger)
        await store.close()
        let target = PostgresLink(connector: connector, logger: logger)
        var copied: [(String, Int)] = []
        do {
            try await source.raw("BEGIN").run()
            try await target.raw("BEGIN").run()
            for table in tables {
                copied.append((table, try await copyTable(table, from: source, to: target, progress: progress)))
            }
            try await target.raw("COMMIT").run()
            try? await source.raw("COMMIT").run()
        } catch {
            try? await target.raw("ROLLBACK").run()
            try? await source.raw("ROLLBACK").run()
            await target.close()
            if let failure = error as? StoreFailure { throw failure }
            throw StoreFailure(step: "copying into PostgreSQL", reason: PostgresConnector.describe(error), retryable: true)
        }
        await target.close()
        return copied
    }

    static func copyTable(
        _ table: String,
        from source: any SQLDatabase,
        to target: any SQLDatabase,
        progress: @Sendable (Progress) -> Void
    ) async throws -> Int {
        let columns = try await source.raw("PRAGMA table_info(\(ident: table))").all().map { row in
            Column(
                name: try row.decode(column: "name", as: String.self),
                isText: try row.decode(column: "type", as: String.self).uppercased() == "TEXT",
                isKey: try row.decode(column: "pk", as: Int.self) > 0
            )
        }
        let total = try await source.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        progress(Progress(table: table, copied: 0, total: total))
        let keys = columns.filter(\.isKey).map(\.name)
        let others = columns.filter { !$0.isKey }.map(\.name)
        var conflict = " ON CONFLICT (" + keys.joined(separator: ", ") + ") DO "
        conflict += others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        var lastRowID: Int64 = 0
        var copied = 0
        while true {
            let rows = try await source.raw(
                "SELECT rowid AS copy_rowid, * FROM \(ident: table) WHERE rowid > \(bind: lastRowID) ORDER BY rowid LIMIT \(literal: batchRows)"
            ).all()
            guard !rows.isEmpty else { break }
            var values: [[any Encodable & Sendable]] = []
            for row in rows {
                lastRowID = try row.decode(column: "copy_rowid", as: Int64.self)
                values.append(
                    try columns.map { column -> any Encodable & Sendable in
                        column.isText ? try row.decode(column: column.name, as: String?.self) : try row.decode(column: column.name, as: Int64?.self)
                    }
                )
            }
            var insert = SQLQueryString("INSERT INTO \(table) (" + columns.map(\.name).joined(separator: ", ") + ") VALUES ")
            insert.appendRows(values)
            insert.appendLiteral(conflict)
            try await target.raw(insert).run()
            copied += rows.count
            progress(Progress(table: table, copied: copied, total: max(total, copied)))
        }
        return copied
    }

    /// Rows per table in the PostgreSQL database (the check after a copy).
    public static func counts(in connector: PostgresConnector, logger: Logger) async throws -> [String: Int] {
        let link = PostgresLink(connector: connector, logger: logger)
        var counts: [String: Int] = [:]
        for table in tables {
            counts[table] = try await link.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()?.decode(column: "n", as: Int.self) ?? 0
        }
        await link.close()
        return counts
    }
}
