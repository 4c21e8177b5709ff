import Foundation
import SQLKit

extension SQLGatewayStore {
    public func createSession(_ request: NewSession) async throws -> VerificationSession {
        try await withCheckedThrowingContinuation { continuation in
            // Parsed, hashed and normalised here, on the caller's thread: only SQL runs on the writer.
            queue.submit(.session(PreparedSession(request), continuation))
        }
    }

    public func session(sid: String) async throws -> VerificationSession? {
        guard let canonical = SessionID.canonical(sid) else { return nil }
        return try await reader.raw("SELECT * FROM sessions WHERE sid = \(bind: canonical)").first().map(RowMapping.session)
    }

    public func latestSession(mobile: PhoneNumber, passkeyID: String) async throws -> VerificationSession? {
        try await reader.raw(
            """
            SELECT * FROM sessions WHERE mobile = \(bind: mobile.e164) AND passkey_id = \(bind: passkeyID)
            ORDER BY created_at DESC LIMIT 1
            """
        ).first().map(RowMapping.session)
    }

    /// By status as the API shows it: a pending session past its deadline is expired already,
    /// whether or not the sweep has marked it yet.
    public func sessions(status: SessionStatus?, limit: Int) async throws -> [VerificationSession] {
        let now = clock().millis
        var query: SQLQueryString = "SELECT * FROM sessions"
        switch status {
        case .pending?: query.appendLiteral(" WHERE status = 'pending' AND expires_at >= \(now)")
        case .expired?: query.appendLiteral(" WHERE (status = 'expired' OR (status = 'pending' AND expires_at < \(now)))")
        case .verified?: query.appendLiteral(" WHERE status = 'verified'")
        case nil: break
        }
        query.appendLiteral(" ORDER BY created_at DESC LIMIT ")
        query.appendInterpolation(literal: max(1, min(limit, 10_000)))
        return try await reader.raw(query).all().map(RowMapping.session)
    }

    /// Ends a pending session now (`missedcallctl sessions expire`): its number is free for that
    /// mobile again and a late call no longer verifies it. `notFound` unless it was pending.
    public func expireSession(sid: String) async throws {
        guard let canonical = SessionID.canonical(sid) else { throw StoreError.notFound("pending session \(sid.prefix(60))") }
        let now = clock().millis
        try await updateOne("pending session \(canonical)") { db in
            try await db.raw(
                "UPDATE sessions SET status = 'expired', expires_at = \(bind: now) WHERE sid = \(bind: canonical) AND status = 'pending' RETURNING sid"
            ).all().count
        }
    }

    public func expireSessions(now: Date) async throws -> Int {
        let passkeys = try await transaction { db in
            try await db.raw(
                """
                UPDATE sessions SET status = 'expired' WHERE status = 'pending' AND expires_at < \(bind: now.millis) RETURNING passkey_id
                """
            ).all().map { try $0.decode(column: "passkey_id", as: String.self) }
        }
        if !passkeys.isEmpty { observeFunnel(.expired, passkeys) }
        return passkeys.count
    }

    /// Validates, rate-limits, allocates and inserts a batch of sessions inside the open write
    /// transaction. A refused request fails alone; a database error fails the batch.
    func createSessions(
        _ batch: [PreparedSession],
        now: Date,
        created onCreated: (@Sendable ([VerificationSession]) -> Void)? = nil
    ) async throws -> [Result<VerificationSession, any Error>] {
        guard !batch.isEmpty else { return [] }
        let requests = batch.map(\.request)
        var results = [Result<VerificationSession, any Error>?](repeating: nil, count: requests.count)
        var prepared: [(index: Int, passkeyHash: String, mobile: PhoneNumber)] = []
        for (index, item) in batch.enumerated() {
            switch item.checked {
            case .success(let checked): prepared.append((index, checked.passkeyHash, checked.mobile))
            case .failure(let error): results[index] = .failure(error)
            }
        }
        if !prepared.isEmpty {
            let context = try await AllocationContext.load(
                writer: writer,
                hashes: Set(prepared.map(\.passkeyHash)),
                mobiles: Set(prepared.map(\.mobile.e164)),
                clientIPs: Set(prepared.compactMap { requests[$0.index].clientIP }.filter { !$0.isEmpty }),
                countries: Set(prepared.map { requests[$0.index].country }),
                now: now,
                settings: settings
            )
            var allocation = SessionAllocation(context: context, settings: settings, now: now)
            var created: [VerificationSession] = []
            var replays = try await idempotentSessions(prepared.map { (requests[$0.index], $0.passkeyHash) }, context: context)
            var keysToRecord: [(passkeyID: String, key: String, sid: String)] = []
            for item in prepared {
                let request = requests[item.index]
                let passkeyID = context.passkeysByHash[item.passkeyHash]?.id
                if let key = request.idempotencyKey, let passkeyID, let existing = replays[passkeyID + "\u{0}" + key] {
                    results[item.index] = .success(existing)  // a retry: the first answer, nothing new
                    continue
                }
                let result = allocation.allocate(request, passkeyHash: item.passkeyHash, mobile: item.mobile)
                if case .success(let session) = result {
                    created.append(session)
                    if let key = request.idempotencyKey, let passkeyID {
                        replays[passkeyID + "\u{0}" + key] = session
                        keysToRecord.append((passkeyID, key, session.sid))
                    }
                }
                results[item.index] = result.mapError { $0 as any Error }
            }
            try await insert(created)
            onCreated?(created)
            if !keysToRecord.isEmpty {
                var query: SQLQueryString = "INSERT INTO idempotency_keys (passkey_id, key, sid, created_at) VALUES "
                query.appendRows(keysToRecord.map { [$0.passkeyID, $0.key, $0.sid, now.millis] })
                try await writer.raw(query).run()
            }
            try await allocation.persistCounters(writer)
        }
        return results.map { $0 ?? .failure(StoreError.conflict("request was not processed")) }
    }

    /// Sessions already created for the batch's idempotency keys, by "passkey id NUL key".
    private func idempotentSessions(_ requests: [(NewSession, String)], context: AllocationContext) async throws -> [String: VerificationSession] {
        let pairs = requests.compactMap { request, passkeyHash -> (String, String)? in
            guard let key = request.idempotencyKey, let id = context.passkeysByHash[passkeyHash]?.id else { return nil }
            return (id, key)
        }
        guard !pairs.isEmpty else { return [:] }
        var found: [String: VerificationSession] = [:]
        for row in try await writer.raw(
            """
            SELECT k.passkey_id AS idem_passkey, k.key AS idem_key, s.* FROM idempotency_keys k JOIN sessions s ON s.sid = k.sid
            WHERE k.key IN (\(binds: pairs.map(\.1)))
            """
        ).all() {
            let passkeyID = try row.decode(column: "idem_passkey", as: String.self)
            let key = try row.decode(column: "idem_key", as: String.self)
            if pairs.contains(where: { $0 == (passkeyID, key) }) {
                found[passkeyID + "\u{0}" + key] = try RowMapping.session(row)
            }
        }
        return found
    }

    private func insert(_ sessions: [VerificationSession]) async throws {
        guard !sessions.isEmpty else { return }
        var query: SQLQueryString = """
            INSERT INTO sessions (sid, passkey_id, mobile_as_given, mobile, country, dialing_number, notify_url, email,
            client_ip, created_at, expires_at, status) VALUES
            """
        query.appendRows(
            sessions.map { session in
                [
                    session.sid, session.passkeyID, session.mobileAsGiven, session.mobile.e164, session.country.rawValue,
                    session.dialingNumber.e164, session.notifyURL, session.email, session.clientIP, session.createdAt.millis,
                    session.expiresAt.millis, session.status.rawValue,
                ]
            }
        )
        try await writer.raw(query).run()
    }
}

/// A session request checked before it enters the write queue: the passkey parsed and hashed (a
/// SHA-256 that keys every lookup) and the mobile normalised, on the caller's thread, so that the
/// writer thread — whose cycle bounds how fast sessions commit — runs only SQL.
struct PreparedSession: Sendable {
    let request: NewSession
    let checked: Result<(passkeyHash: String, mobile: PhoneNumber), StoreError>

    init(_ request: NewSession) {
        self.request = request
        guard let token = PasskeyToken(request.passkey) else {
            checked = .failure(.invalidPasskey)
            return
        }
        do {
            checked = .success((token.hash, try PhoneNumberNormalizer.normalize(request.mobile, country: request.country)))
        } catch {
            checked = .failure(.invalidPhoneNumber(error))
        }
    }
}
