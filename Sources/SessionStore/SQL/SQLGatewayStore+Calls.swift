import Foundation
import SQLKit

extension SQLGatewayStore {
    public func recordCall(_ call: IncomingCallRecord) async throws -> CallOutcome {
        try await withCheckedThrowingContinuation { continuation in
            queue.submit(.call(call, continuation))
        }
    }

    public func missedCalls(limit: Int) async throws -> [MissedCall] {
        try await reader.raw("SELECT * FROM missed_calls ORDER BY received_at DESC LIMIT \(literal: max(1, min(limit, 10_000)))")
            .all().map(RowMapping.missedCall)
    }

    /// Matches and records calls inside the open write transaction, in arrival order.
    func recordCalls(_ calls: [IncomingCallRecord], now: Date) async throws -> [Result<CallOutcome, any Error>] {
        try await recordCalls(calls, now: now, funnel: nil)
    }

    /// The outcomes; `funnel` hears of the sessions whose user called (in time or not) and of those
    /// verified, by passkey id — for new calls only, not for a replay.
    func recordCalls(
        _ calls: [IncomingCallRecord],
        now: Date,
        funnel: (@Sendable (FunnelStage, String) -> Void)?
    ) async throws -> [Result<CallOutcome, any Error>] {
        guard !calls.isEmpty else { return [] }
        var seen: [String: MissedCall] = [:]
        for row in try await writer.raw("SELECT * FROM missed_calls WHERE id IN (\(binds: calls.map(\.id)))").all() {
            let call = try RowMapping.missedCall(row)
            seen[call.id] = call
        }
        var results: [Result<CallOutcome, any Error>] = []
        for call in calls {
            if let recorded = seen[call.id] {
                // Recorded already (a retry after a crash): same answer, no new notifications.
                var session: VerificationSession?
                if let sid = recorded.sessionSID {
                    session = try await writer.raw("SELECT * FROM sessions WHERE sid = \(bind: sid)").first().map(RowMapping.session)
                }
                results.append(.success(CallOutcome(call: recorded, session: session, listener: nil, notifications: [])))
                continue
            }
            let outcome = try await record(call, now: now, funnel: funnel)
            seen[call.id] = outcome.call
            results.append(.success(outcome))
        }
        return results
    }

    private func record(_ call: IncomingCallRecord, now: Date, funnel: (@Sendable (FunnelStage, String) -> Void)?) async throws -> CallOutcome {
        let number = try await writer.raw("SELECT * FROM dialing_numbers WHERE number = \(bind: call.dialedNumber.e164)").first()
            .map(RowMapping.dialingNumber)
        let modemCountry = number?.country ?? call.dialedNumber.country ?? .IN
        let caller: PhoneNumber? = call.callerAsPresented.flatMap { presented in
            try? PhoneNumberNormalizer.normalize(callerID: presented, type: call.callerType, modemCountry: modemCountry)
        }
        var missed = MissedCall(
            id: call.id,
            dialedNumber: call.dialedNumber,
            caller: caller,
            callerAsPresented: call.callerAsPresented ?? "",
            receivedAt: call.receivedAt,
            modemIMEI: call.modemIMEI,
            result: .unmatched,
            sessionSID: nil
        )
        var session: VerificationSession?
        var listener: Listener?
        var match: CallMatch?

        switch (number?.purpose, caller) {
        case (nil, _):
            missed.result = .unknownNumber
        case (_, nil):
            missed.result = .unknownCaller
        case (.verification, let caller?):
            let t = call.receivedAt.millis
            if let verified = try await writer.raw(
                """
                UPDATE sessions SET status = 'verified', verified_at = \(bind: t),
                caller_as_presented = \(bind: call.callerAsPresented), call_id = \(bind: call.id)
                WHERE sid = (SELECT sid FROM sessions WHERE dialing_number = \(bind: call.dialedNumber.e164)
                    AND mobile = \(bind: caller.e164) AND status = 'pending'
                    AND created_at <= \(bind: t) AND expires_at >= \(bind: t) ORDER BY created_at DESC LIMIT 1)
                RETURNING *
                """
            ).first().map(RowMapping.session) {
                missed.result = .verified
                missed.sessionSID = verified.sid
                session = verified
                match = .verified(verified, missed)
                funnel?(.called, verified.passkeyID)
                funnel?(.verified, verified.passkeyID)
            } else if let earlier = try await writer.raw(
                """
                SELECT * FROM sessions WHERE dialing_number = \(bind: call.dialedNumber.e164) AND mobile = \(bind: caller.e164)
                AND status = 'verified' AND created_at <= \(bind: t) AND expires_at >= \(bind: t)
                ORDER BY created_at DESC LIMIT 1
                """
            ).first().map(RowMapping.session) {
                missed.result = .alreadyVerified
                missed.sessionSID = earlier.sid
                session = earlier
                funnel?(.called, earlier.passkeyID)
            } else if let late = try await writer.raw(
                """
                SELECT sid, passkey_id FROM sessions WHERE dialing_number = \(bind: call.dialedNumber.e164) AND mobile = \(bind: caller.e164)
                AND created_at <= \(bind: t) ORDER BY created_at DESC LIMIT 1
                """
            ).first() {
                // Called the number given, but too late (or the session was ended): called, not
                // verified. `called_at` keeps it for the console's funnel.
                let sid = try late.decode(column: "sid", as: String.self)
                try await writer.raw("UPDATE sessions SET called_at = COALESCE(called_at, \(bind: t)) WHERE sid = \(bind: sid)").run()
                funnel?(.called, try late.decode(column: "passkey_id", as: String.self))
            }
        case (.listener, let caller?):
            if let found = try await writer.raw("SELECT * FROM listeners WHERE number = \(bind: call.dialedNumber.e164)").first()
                .map(RowMapping.listener)
            {
                listener = found
                let isVote = try await countVote(listener: found, caller: caller, at: call.receivedAt)
                missed.result = isVote ? .listenerVote : .listenerDuplicate
                if isVote { match = .listenerVote(found, missed) }
            }
        case (.signup, _):
            missed.result = .signup
        }

        try await writer.raw(
            """
            INSERT INTO missed_calls (id, dialed_number, caller, caller_as_presented, received_at, modem_imei, result, session_sid)
            VALUES (\(bind: missed.id), \(bind: missed.dialedNumber.e164), \(bind: missed.caller?.e164), \(bind: missed.callerAsPresented),
            \(bind: missed.receivedAt.millis), \(bind: missed.modemIMEI), \(bind: missed.result.rawValue), \(bind: missed.sessionSID))
            """
        ).run()
        let jobs = match.map { planner.notifications(for: $0) } ?? []
        let notifications = try await insertJobs(jobs, now: now, claim: inlineClaim.withLock { $0 })
        return CallOutcome(call: missed, session: session, listener: listener, notifications: notifications)
    }

    /// Counts the call on the listener's tally; `true` when it is a vote (not a repeat within the
    /// dedupe window).
    private func countVote(listener: Listener, caller: PhoneNumber, at time: Date) async throws -> Bool {
        let number = listener.number.e164
        let last = try await writer.raw(
            """
            SELECT last_vote_at FROM listener_callers WHERE number = \(bind: number) AND caller = \(bind: caller.e164)
            """
        ).first().map { try $0.decode(column: "last_vote_at", as: Int64.self) }
        let isVote = last.map { time.millis - $0 >= listener.dedupeWindow.millis } ?? true
        if isVote {
            try await writer.raw(
                """
                INSERT INTO listener_callers (number, caller, last_vote_at) VALUES (\(bind: number), \(bind: caller.e164), \(bind: time.millis))
                ON CONFLICT (number, caller) DO UPDATE SET last_vote_at = excluded.last_vote_at
                """
            ).run()
        }
        try await writer.raw(
            """
            INSERT INTO listener_tallies (number, day, calls, votes) VALUES (\(bind: number), \(bind: time.utcDay), 1, \(bind: isVote ? 1 : 0))
            ON CONFLICT (number, day) DO UPDATE SET calls = listener_tallies.calls + 1, votes = listener_tallies.votes + excluded.votes
            """
        ).run()
        return isVote
    }
}

extension SQLGatewayStore {
    /// The pending session of `mobile` open at `time`, on any number: the read half of matching,
    /// exposed for the benchmark and the admin's "why didn't it match" view.
    public func pendingSession(mobile: PhoneNumber, at time: Date) async throws -> VerificationSession? {
        try await reader.raw(
            """
            SELECT * FROM sessions WHERE mobile = \(bind: mobile.e164) AND status = 'pending'
            AND created_at <= \(bind: time.millis) AND expires_at >= \(bind: time.millis) ORDER BY created_at DESC LIMIT 1
            """
        ).first().map(RowMapping.session)
    }
}
