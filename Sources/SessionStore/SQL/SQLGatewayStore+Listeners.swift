import Foundation
import SQLKit

extension SQLGatewayStore {
    public func addListener(_ listener: Listener) async throws {
        guard let number = try await dialingNumber(listener.number), number.purpose == .listener else {
            throw StoreError.invalidArgument("\(listener.number.e164) is not a listener number in the pool")
        }
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO listeners (number, passkey_id, notify_url, email, dedupe_seconds, created_at)
                VALUES (\(bind: listener.number.e164), \(bind: listener.passkeyID), \(bind: listener.notifyURL), \(bind: listener.email),
                \(bind: Int(listener.dedupeWindow.components.seconds)), \(bind: listener.createdAt.millis))
                ON CONFLICT (number) DO UPDATE SET passkey_id = excluded.passkey_id, notify_url = excluded.notify_url,
                email = excluded.email, dedupe_seconds = excluded.dedupe_seconds
                """
            ).run()
        }
    }

    public func removeListener(number: PhoneNumber) async throws {
        try await updateOne("listener \(number.e164)") { db in
            try await db.raw("DELETE FROM listeners WHERE number = \(bind: number.e164) RETURNING number").all().count
        }
    }

    public func listeners() async throws -> [Listener] {
        try await reader.raw("SELECT * FROM listeners ORDER BY number").all().map(RowMapping.listener)
    }

    public func tallies(number: PhoneNumber, days: Int) async throws -> [ListenerTally] {
        let since = clock().addingTimeInterval(-86_400 * Double(max(1, days) - 1)).utcDay
        return try await reader.raw(
            """
            SELECT * FROM listener_tallies WHERE number = \(bind: number.e164) AND day >= \(bind: since) ORDER BY day
            """
        ).all().map { row in
            ListenerTally(
                number: number,
                day: try row.decode(column: "day", as: String.self),
                calls: try row.decode(column: "calls", as: Int.self),
                votes: try row.decode(column: "votes", as: Int.self)
            )
        }
    }

    public func purge(olderThan cutoff: Date) async throws -> Int {
        let millis = cutoff.millis
        return try await transaction { db in
            var removed = 0
            for statement: SQLQueryString in [
                "DELETE FROM sessions WHERE created_at < \(bind: millis) AND status <> 'pending' RETURNING sid",
                "DELETE FROM missed_calls WHERE received_at < \(bind: millis) RETURNING id",
                "DELETE FROM delivery_attempts WHERE attempted_at < \(bind: millis) RETURNING id",
                "DELETE FROM outbox WHERE created_at < \(bind: millis) AND state IN ('delivered', 'dead', 'stopped') RETURNING id",
                "DELETE FROM rate_counters WHERE window_start < \(bind: millis) RETURNING key",
                "DELETE FROM passkey_usage WHERE day < \(bind: cutoff.utcDay) RETURNING day",
                "DELETE FROM listener_callers WHERE last_vote_at < \(bind: millis) RETURNING caller",
                "DELETE FROM idempotency_keys WHERE created_at < \(bind: millis) RETURNING key",
            ] {
                removed += try await db.raw(statement).all().count
            }
            return removed
        }
    }
}
