import Foundation
import Logging
import SQLKit
import Synchronization

/// The store on sql-kit: SQLite (`SQLiteStore`) or PostgreSQL (`PostgresStore`) through the same
/// queries. All writes of this process go through one writer connection and a group-committing
/// queue; reads spread over reader connections.
public final class SQLGatewayStore: GatewayStore {
    let writer: any SQLDatabase
    let readers: [any SQLDatabase]
    let settings: StoreSettings
    let planner: any NotificationPlanner
    let logger: Logger
    let clock: @Sendable () -> Date
    private let nextReader = Atomic<Int>(0)
    private let shutdown: @Sendable () async -> Void
    private let checkpoints: @Sendable () async -> Void
    let queue: WriteQueue
    /// PostgreSQL only: opens the connection that LISTENs.
    let connector: PostgresConnector?
    /// Told, after each commit, of the sessions created, verified and expired, by passkey id (the
    /// daemon's funnel counters); set once, before use.
    private let funnelObserver = Mutex<FunnelObserver?>(nil)

    /// A closure kept in a struct: a bare closure in a `Mutex` came back from every
    /// `withLock { $0 }` wrapped in two more reabstraction thunks (the inout write-back stored the
    /// wrapped copy), so each call ran through a chain as long as all the calls before it — after a
    /// minute of API.dvf load, 7 % of the samples were in those thunks.
    private struct FunnelObserver {
        let observe: @Sendable (FunnelStage, [String]) -> Void
    }

    /// Sets what is told of the funnel after each commit (once, before use).
    public func setFunnelObserver(_ observe: @escaping @Sendable (FunnelStage, [String]) -> Void) {
        funnelObserver.withLock { $0 = FunnelObserver(observe: observe) }
    }

    /// When set, the notifications of a recorded call are written already claimed by this worker
    /// (as `claimJobs` would), so the caller can deliver them at once without a claim transaction
    /// of their own: one durable commit less between the ring and the webhook. Set once, before use.
    public let inlineClaim = Mutex<OutboxClaim?>(nil)

    func observeFunnel(_ stage: FunnelStage, _ passkeyIDs: [String]) {
        funnelObserver.withLock { $0 }?.observe(stage, passkeyIDs)
    }

    init(
        writer: any SQLDatabase,
        readers: [any SQLDatabase],
        settings: StoreSettings,
        planner: any NotificationPlanner,
        logger: Logger,
        clock: @escaping @Sendable () -> Date,
        checkpoints: @escaping @Sendable () async -> Void = {},
        connector: PostgresConnector? = nil,
        shutdown: @escaping @Sendable () async -> Void
    ) {
        self.connector = connector
        self.writer = writer
        self.readers = readers.isEmpty ? [writer] : readers
        self.settings = settings
        self.planner = planner
        self.logger = logger
        self.clock = clock
        self.shutdown = shutdown
        self.checkpoints = checkpoints
        self.queue = WriteQueue(maxBatch: settings.maxBatch)
        queue.setProcessor { [weak self] sessions, calls in
            guard let self else {
                for (_, continuation) in sessions { continuation.resume(throwing: StoreError.conflict("store is closed")) }
                for (_, continuation) in calls { continuation.resume(throwing: StoreError.conflict("store is closed")) }
                return
            }
            await self.writeBatch(sessions: sessions, calls: calls)
        }
    }

    /// A reader connection, round robin.
    var reader: any SQLDatabase {
        readers[nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count]
    }

    /// Copies the WAL back into the database file every half second until cancelled: for a store
    /// opened with `checkpointsInBackground: false`, run as a service of its host.
    public func runCheckpoints() async {
        await checkpoints()
    }

    public func close() async {
        await shutdown()
        queue.stop()
    }

    var isSQLite: Bool { writer.dialect.name == "sqlite" }

    /// `sqlite` or `postgresql`.
    public var engine: String { isSQLite ? "sqlite" : "postgresql" }

    /// This node's id, as the store writes it.
    public var nodeID: String { settings.nodeID }

    /// The number lease (`StoreSettings.numberLease`).
    public var numberLease: Duration { settings.numberLease }

    /// Runs `body` alone in a write transaction on the writer connection, after the writes
    /// queued before it.
    func transaction<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            queue.submit(
                .exclusive { [self] in
                    do {
                        try await self.begin()
                        let result = try await body(self.writer)
                        try await self.writer.raw("COMMIT").run()
                        continuation.resume(returning: result)
                    } catch {
                        try? await self.writer.raw("ROLLBACK").run()
                        continuation.resume(throwing: error)
                    }
                }
            )
        }
    }

    func begin() async throws {
        // IMMEDIATE takes SQLite's write lock now rather than at the first write, so a second
        // process waits at BEGIN instead of failing mid-transaction.
        try await writer.raw(isSQLite ? "BEGIN IMMEDIATE" : "BEGIN").run()
    }

    /// Sessions and calls that arrived together, in one transaction and one durable commit.
    private func writeBatch(
        sessions: [(PreparedSession, CheckedContinuation<VerificationSession, any Error>)],
        calls: [(IncomingCallRecord, CheckedContinuation<CallOutcome, any Error>)]
    ) async {
        let now = clock()
        do {
            try await begin()
            if !isSQLite {
                // Nodes decide one batch at a time (see `PostgresStore`); released at COMMIT.
                _ = try await writer.raw("SELECT pg_advisory_xact_lock(\(literal: PostgresStore.writeLock))").all()
            }
            let created = Mutex<[String]>([])
            let called = Mutex<[String]>([])
            let verified = Mutex<[String]>([])
            let sessionResults = try await createSessions(sessions.map(\.0), now: now) { sessions in
                created.withLock { $0 += sessions.map(\.passkeyID) }
            }
            let callResults = try await recordCalls(calls.map(\.0), now: now) { stage, passkeyID in
                if stage == .called {
                    called.withLock { $0.append(passkeyID) }
                } else {
                    verified.withLock { $0.append(passkeyID) }
                }
            }
            if !isSQLite {
                // Every node's long-polls hear of a verification when it commits.
                let verified = callResults.compactMap { result -> String? in
                    guard case .success(let outcome) = result, outcome.call.result == .verified else { return nil }
                    return outcome.session?.sid
                }
                for sid in verified {
                    _ = try await writer.raw("SELECT pg_notify(\(bind: PostgresStore.channel), \(bind: "s:" + sid))").all()
                }
            }
            try await writer.raw("COMMIT").run()
            if let ids = created.withLock({ $0.isEmpty ? nil : $0 }) { observeFunnel(.created, ids) }
            if let ids = called.withLock({ $0.isEmpty ? nil : $0 }) { observeFunnel(.called, ids) }
            if let ids = verified.withLock({ $0.isEmpty ? nil : $0 }) { observeFunnel(.verified, ids) }
            for ((_, continuation), result) in zip(sessions, sessionResults) { continuation.resume(with: result) }
            for ((_, continuation), result) in zip(calls, callResults) { continuation.resume(with: result) }
        } catch {
            try? await writer.raw("ROLLBACK").run()
            logger.error("write batch failed", metadata: ["error": "\(error)", "sessions": "\(sessions.count)", "calls": "\(calls.count)"])
            for (_, continuation) in sessions { continuation.resume(throwing: error) }
            for (_, continuation) in calls { continuation.resume(throwing: error) }
        }
    }
}

extension SQLQueryString {
    /// Appends `(?, ?, ...)` rows for a multi-row insert.
    mutating func appendRows(_ rows: [[any Encodable & Sendable]]) {
        for (index, row) in rows.enumerated() {
            appendLiteral(index == 0 ? "(" : ", (")
            appendInterpolation(binds: row)
            appendLiteral(")")
        }
    }
}

/// The stages of the verification funnel the store reports (`SQLGatewayStore.setFunnelObserver`).
public enum FunnelStage: String, Sendable, CaseIterable {
    /// A session given out.
    case created
    /// Its user called the number given (in time, or late).
    case called
    /// The call came in time: verified.
    case verified
    /// Its window closed without a call (marked by the sweep).
    case expired
}
