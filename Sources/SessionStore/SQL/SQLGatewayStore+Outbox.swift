import Foundation
import SQLKit

extension SQLGatewayStore {
    /// Inserts jobs in the open transaction, due now; with `claim`, already claimed by that worker
    /// (state `delivering`, first attempt counted, leased) as `claimJobs` would leave them.
    func insertJobs(_ jobs: [NewOutboxJob], now: Date, claim: OutboxClaim? = nil) async throws -> [OutboxJob] {
        guard !jobs.isEmpty else { return [] }
        let rows = jobs.map { job in
            OutboxJob(
                id: UUID().uuidString.lowercased(),
                kind: job.kind,
                target: job.target,
                payload: job.payload,
                passkeyID: job.passkeyID,
                attempts: claim == nil ? 0 : 1,
                nextAttemptAt: now,
                state: claim == nil ? .pending : .delivering,
                lastError: nil,
                createdAt: now,
                deliveredAt: nil
            )
        }
        // An SMS leaves through a modem of this node: only this node claims it.
        let node = settings.nodeID
        let leaseUntil = claim.map { now.millis + Int64($0.lease.components.seconds) * 1000 }
        var query: SQLQueryString = """
            INSERT INTO outbox (id, kind, target, payload, passkey_id, attempts, next_attempt_at, state, created_at, node_id, claimed_by, lease_until) VALUES\u{20}
            """
        query.appendRows(
            rows.map {
                [
                    $0.id, $0.kind.rawValue, $0.target, $0.payload, $0.passkeyID, $0.attempts, now.millis, $0.state.rawValue, now.millis,
                    ($0.kind == .sms ? node : nil) as String?, claim?.worker, leaseUntil,
                ]
            }
        )
        try await writer.raw(query).run()
        return rows
    }

    public func enqueue(_ job: NewOutboxJob) async throws -> OutboxJob {
        let now = clock()
        let inserted = try await transaction { _ in try await self.insertJobs([job], now: now) }
        guard let first = inserted.first else { throw StoreError.conflict("job was not inserted") }
        return first
    }

    /// At start: jobs an earlier process of this node had claimed (worker `NODE-PID`, that process
    /// is gone: one daemon per node) go back to pending now instead of when their lease ends.
    public func releaseClaims(ofEarlierWorkersOf node: String, current worker: String) async throws -> Int {
        let prefix = node + "-"
        return try await transaction { db in
            let workers = try await db.raw(
                "SELECT DISTINCT claimed_by FROM outbox WHERE state = 'delivering' AND claimed_by LIKE \(bind: prefix + "%")"
            ).all().compactMap { try? $0.decode(column: "claimed_by", as: String.self) }
            // LIKE's `_` and `%` in a node id, and node `a-1` under node `a`: only NODE-<digits> is ours.
            let earlier = workers.filter {
                $0 != worker && $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).isEmpty && $0.dropFirst(prefix.count).allSatisfy(\.isNumber)
            }
            guard !earlier.isEmpty else { return 0 }
            return try await db.raw(
                """
                UPDATE outbox SET state = 'pending', claimed_by = NULL, lease_until = NULL
                WHERE state = 'delivering' AND claimed_by IN (\(binds: earlier)) RETURNING id
                """
            ).all().count
        }
    }

    public func claimJobs(limit: Int, worker: String, leaseUntil: Date, now: Date) async throws -> [OutboxJob] {
        let skipLocked = isSQLite ? "" : " FOR UPDATE SKIP LOCKED"
        return try await transaction { db in
            try await db.raw(
                """
                UPDATE outbox SET state = 'delivering', claimed_by = \(bind: worker), lease_until = \(bind: leaseUntil.millis),
                attempts = attempts + 1
                WHERE id IN (SELECT id FROM outbox
                    WHERE ((state = 'pending' AND next_attempt_at <= \(bind: now.millis))
                       OR (state = 'delivering' AND lease_until < \(bind: now.millis)))
                      AND (node_id IS NULL OR node_id = \(bind: self.settings.nodeID))
                    ORDER BY next_attempt_at LIMIT \(literal: max(1, limit))\(unsafeRaw: skipLocked))
                RETURNING *
                """
            ).all().map(RowMapping.job)
        }
    }

    public func postponeJobs(_ ids: [String], until: Date) async throws {
        guard !ids.isEmpty else { return }
        try await transaction { db in
            try await db.raw(
                """
                UPDATE outbox SET state = 'pending', next_attempt_at = \(bind: until.millis), attempts = CASE WHEN attempts > 0 THEN attempts - 1 ELSE 0 END,
                claimed_by = NULL, lease_until = NULL WHERE id IN (\(binds: ids)) AND state = 'delivering'
                """
            ).run()
        }
    }

    public func recordAttempt(_ attempt: DeliveryAttempt, decision: DeliveryDecision) async throws {
        try await recordAttempts([(attempt, decision)])
    }

    public func recordAttempts(_ results: [(DeliveryAttempt, DeliveryDecision)]) async throws {
        guard !results.isEmpty else { return }
        try await transaction { db in
            var insert: SQLQueryString = "INSERT INTO delivery_attempts (id, job_id, attempted_at, result, status_code, detail, latency_us) VALUES "
            insert.appendRows(
                results.map { attempt, _ in
                    [
                        UUID().uuidString.lowercased(), attempt.jobID, attempt.attemptedAt.millis, attempt.result.rawValue, attempt.statusCode,
                        attempt.detail, attempt.latency.microseconds,
                    ]
                }
            )
            try await db.raw(insert).run()
            // Delivered jobs in one statement; the others each carry their own time or error.
            let delivered = results.filter { $0.1 == .delivered }
            if !delivered.isEmpty {
                let at = delivered.map(\.0.attemptedAt.millis).max() ?? 0
                try await db.raw(
                    """
                    UPDATE outbox SET state = 'delivered', delivered_at = \(bind: at), last_error = NULL, claimed_by = NULL,
                    lease_until = NULL WHERE id IN (\(binds: delivered.map(\.0.jobID)))
                    """
                ).run()
            }
            for (attempt, decision) in results where decision != .delivered {
                let error = attempt.detail
                switch decision {
                case .delivered:
                    break
                case .retry(let at):
                    try await db.raw(
                        """
                        UPDATE outbox SET state = 'pending', next_attempt_at = \(bind: at.millis), last_error = \(bind: error),
                        claimed_by = NULL, lease_until = NULL WHERE id = \(bind: attempt.jobID)
                        """
                    ).run()
                case .dead, .stopped:
                    let state = decision == .dead ? "dead" : "stopped"
                    try await db.raw(
                        """
                        UPDATE outbox SET state = \(bind: state), last_error = \(bind: error), claimed_by = NULL, lease_until = NULL
                        WHERE id = \(bind: attempt.jobID)
                        """
                    ).run()
                }
            }
        }
    }

    public func redeliver(jobID: String) async throws {
        let now = clock()
        let updated = try await transaction { db in
            try await db.raw(
                """
                UPDATE outbox SET state = 'pending', next_attempt_at = \(bind: now.millis), claimed_by = NULL, lease_until = NULL
                WHERE id = \(bind: jobID) AND state IN ('dead', 'stopped', 'delivered') RETURNING id
                """
            ).all().count
        }
        guard updated == 1 else {
            throw try await job(id: jobID) == nil ? StoreError.notFound("job \(jobID)") : StoreError.conflict("job \(jobID) is still being delivered")
        }
    }

    public func jobs(state: OutboxState?, limit: Int) async throws -> [OutboxJob] {
        var query: SQLQueryString = "SELECT * FROM outbox"
        if let state { query.appendInterpolation(unsafeRaw: " WHERE state = '\(state.rawValue)'") }
        query.appendLiteral(" ORDER BY created_at DESC LIMIT ")
        query.appendInterpolation(literal: max(1, min(limit, 10_000)))
        return try await reader.raw(query).all().map(RowMapping.job)
    }

    public func job(id: String) async throws -> OutboxJob? {
        try await reader.raw("SELECT * FROM outbox WHERE id = \(bind: id)").first().map(RowMapping.job)
    }

    public func attempts(jobID: String) async throws -> [DeliveryAttempt] {
        try await reader.raw("SELECT * FROM delivery_attempts WHERE job_id = \(bind: jobID) ORDER BY attempted_at")
            .all().map(RowMapping.attempt)
    }

    public func recentJobs(kind: OutboxKind, target: String, since: Date) async throws -> [OutboxJob] {
        try await reader.raw(
            """
            SELECT * FROM outbox WHERE kind = \(bind: kind.rawValue) AND target = \(bind: target) AND created_at >= \(bind: since.millis)
            ORDER BY created_at DESC LIMIT 20
            """
        ).all().map(RowMapping.job)
    }

    public func outboxDepth() async throws -> [OutboxState: Int] {
        var depth: [OutboxState: Int] = [:]
        for row in try await reader.raw("SELECT state, COUNT(*) AS n FROM outbox GROUP BY state").all() {
            if let state = OutboxState(rawValue: try row.decode(column: "state", as: String.self)) {
                depth[state] = try row.decode(column: "n", as: Int.self)
            }
        }
        return depth
    }
}
