import Logging
import NIOCore
import SQLKit

/// Copies the write-ahead log back into the database file from a connection and a thread of its
/// own, every half second, instead of inside the writer's commit every 1000 pages (measured: a
/// tenth of the writer's time). `PASSIVE` never waits for the writer or the readers.
///
/// By default it runs on a task of its own from the moment the store opens; a host with a service
/// group opens the store with `checkpointsInBackground: false` and runs `SQLGatewayStore.
/// runCheckpoints()` as one of its services instead.
final class WALCheckpointer: Sendable {
    private let connection: DirectSQLiteDatabase
    private let thread = DatabaseThread(name: "missedcall-db-checkpoint")
    private let interval: Duration
    private let logger: Logger
    private let task: Task<Void, Never>?

    init(path: String, logger: Logger, eventLoop: any EventLoop, interval: Duration = .milliseconds(500), inBackground: Bool = true) throws {
        let connection = try DirectSQLiteDatabase(path: path, logger: logger, eventLoop: eventLoop)
        self.connection = connection
        self.interval = interval
        self.logger = logger
        let thread = self.thread
        task =
            inBackground
            ? Task(executorPreference: thread) {
                await Self.loop(connection: connection, interval: interval, logger: logger)
            } : nil
    }

    /// Checkpoints until cancelled, on the checkpointer's own thread.
    func run() async {
        await withTaskExecutorPreference(thread) {
            await Self.loop(connection: connection, interval: interval, logger: logger)
        }
    }

    private static func loop(connection: DirectSQLiteDatabase, interval: Duration, logger: Logger) async {
        while !Task.isCancelled {
            do {
                _ = try await connection.raw("PRAGMA wal_checkpoint(PASSIVE)").all()
            } catch {
                logger.warning("WAL checkpoint failed; the writer's next ones will catch up", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Stops checkpointing and closes its connection (the last connection to close checkpoints).
    func stop() async {
        task?.cancel()
        await task?.value
        connection.close()
        thread.stop()
    }
}
