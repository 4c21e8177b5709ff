import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// Opens the embedded SQLite store: one file, WAL, durable commits.
public enum SQLiteStore {
    /// Opens (creating if needed) and migrates the database at `path`.
    public static func open(
        path: String,
        settings: StoreSettings = StoreSettings(),
        planner: any NotificationPlanner = DefaultNotificationPlanner(),
        readerCount: Int = 2,
        logger: Logger = Logger(label: "missedcall.store"),
        clock: @escaping @Sendable () -> Date = { Date() },
        checkpointsInBackground: Bool = true
    ) async throws -> SQLGatewayStore {
        let eventLoop = MultiThreadedEventLoopGroup.singleton.any()
        if path != ":memory:", !path.hasPrefix("file:") {
            // SQLite gives the WAL and SHM the database file's mode: created 0600 here, they are too.
            try PrivateFiles.prepare(path)
            for companion in [path + "-wal", path + "-shm", path + "-journal"] { try PrivateFiles.narrow(companion, keeping: PrivateFiles.fileMode) }
        }
        let writer = try DirectSQLiteDatabase(path: path, logger: logger, eventLoop: eventLoop)
        var connections = [writer]
        do {
            try await configure(writer, journal: true)
            try await Migrations.migrate(writer, now: clock().millis)
            var readers: [any SQLDatabase] = []
            for _ in 0..<max(0, readerCount) {
                let reader = try DirectSQLiteDatabase(path: path, logger: logger, eventLoop: eventLoop)
                connections.append(reader)
                try await configure(reader, journal: false)
                readers.append(reader)
            }
            // The writer no longer checkpoints inside its commits; a connection of its own does.
            _ = try await writer.raw("PRAGMA wal_autocheckpoint = 0").all()
            let checkpointer = try WALCheckpointer(path: path, logger: logger, eventLoop: eventLoop, inBackground: checkpointsInBackground)
            let all = connections
            return SQLGatewayStore(
                writer: writer,
                readers: readers,
                settings: settings,
                planner: planner,
                logger: logger,
                clock: clock,
                checkpoints: { await checkpointer.run() },
                shutdown: {
                    await checkpointer.stop()
                    for connection in all { connection.close() }
                }
            )
        } catch {
            for connection in connections { connection.close() }
            throw error
        }
    }

    /// A bare connection without migrations (tests that play an older version).
    static func openWithoutMigrating(path: String) async throws -> (database: any SQLDatabase, close: @Sendable () async -> Void) {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path),
            threadPool: .singleton,
            logger: Logger(label: "raw"),
            on: MultiThreadedEventLoopGroup.singleton.any()
        )
        let database = connection.sql(queryLogLevel: nil)
        try await configure(database, journal: true)
        return (database, { try? await connection.close() })
    }

    /// Opens a database and migrates it only up to `version` (tests of upgrades).
    static func migrate(path: String, upTo version: Int, now: Date) async throws {
        let connection = try await SQLiteConnection.open(
            storage: .file(path: path),
            threadPool: .singleton,
            logger: Logger(label: "migrate"),
            on: MultiThreadedEventLoopGroup.singleton.any()
        )
        let database = connection.sql(queryLogLevel: nil)
        try await configure(database, journal: true)
        try await Migrations.migrate(database, upTo: version, now: now.millis)
        try await connection.close()
    }

    static func configure(_ database: any SQLDatabase, journal: Bool) async throws {
        if journal {
            // WAL: readers never block the writer; synchronous=FULL makes a returned commit survive a
            // power cut (NORMAL would not, in WAL mode).
            _ = try await database.raw("PRAGMA journal_mode = WAL").all()
        }
        try await database.raw("PRAGMA synchronous = FULL").run()
        // 64 MiB of page cache per connection: the session indexes stay in memory at a million rows.
        try await database.raw("PRAGMA cache_size = -65536").run()
        // Another process (the CLI, a backup) holding the lock: wait up to 10 s, then fail clearly.
        _ = try await database.raw("PRAGMA busy_timeout = 10000").all()
        try await database.raw("PRAGMA foreign_keys = OFF").run()
        // Statement journals (a multi-row INSERT that may need undoing) in memory, not in temp files:
        // measured, their writes were a tenth of the writer's time.
        try await database.raw("PRAGMA temp_store = MEMORY").run()
    }
}
