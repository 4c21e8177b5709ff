import Foundation
import SQLKit

/// Decides each request of a batch in memory, against the batch's `AllocationContext` and what the
/// batch itself already took: passkey, quota, rate limits, then the least-loaded free number.
struct SessionAllocation {
    private(set) var context: AllocationContext
    let settings: StoreSettings
    let now: Date
    private var usageIncrements: [String: Int] = [:]
    private var counterIncrements: [String: (window: Int64, count: Int)] = [:]

    init(context: AllocationContext, settings: StoreSettings, now: Date) {
        self.context = context
        self.settings = settings
        self.now = now
    }

    mutating func allocate(_ request: NewSession, passkeyHash: String, mobile: PhoneNumber) -> Result<VerificationSession, StoreError> {
        guard let passkey = context.passkeysByHash[passkeyHash] else { return .failure(.invalidPasskey) }
        guard !passkey.isRevoked else { return .failure(.revokedPasskey) }
        let used = (context.usageToday[passkey.id] ?? 0) + (usageIncrements[passkey.id] ?? 0)
        guard used < passkey.dailyQuota else { return .failure(.usageOverflow(quota: passkey.dailyQuota)) }

        let minute: Int64 = 60_000
        let hour: Int64 = 3_600_000
        var limits: [(key: String, window: Int64, limit: Int, scope: String)] = [
            (RateKey.passkey(passkey.id), minute, passkey.ratePerMinute, "passkey"),
            (RateKey.mobile(mobile.e164), hour, settings.sessionsPerMobilePerHour, "mobile number"),
        ]
        if let ip = request.clientIP, !ip.isEmpty {
            limits.append((RateKey.ip(ip), minute, settings.sessionsPerIPPerMinute, "client address"))
        }
        for limit in limits {
            let windowStart = now.millis - now.millis % limit.window
            guard count(limit.key, windowStart: windowStart) < limit.limit else {
                let retry = Int((windowStart + limit.window - now.millis + 999) / 1000)
                return .failure(.rateLimited(scope: limit.scope, retryAfterSeconds: max(1, retry)))
            }
        }

        let busy = context.busyNumbers[mobile.e164] ?? []
        let free = (context.candidates[request.country] ?? []).filter { !busy.contains($0.e164) }
        // Least-loaded, ties broken at random so that equal numbers share the traffic.
        let load = context.load
        let lowest = free.map { load[$0.e164] ?? 0 }.min()
        guard let number = free.filter({ (load[$0.e164] ?? 0) == lowest }).randomElement() else {
            return .failure(.noNumberAvailable(request.country))
        }

        usageIncrements[passkey.id, default: 0] += 1
        for limit in limits {
            let windowStart = now.millis - now.millis % limit.window
            let previous = counterIncrements[limit.key]
            counterIncrements[limit.key] = (windowStart, (previous?.window == windowStart ? previous?.count ?? 0 : 0) + 1)
        }
        context.busyNumbers[mobile.e164, default: []].insert(number.e164)
        context.load[number.e164, default: 0] += 1
        let lifetime = request.lifetime ?? settings.sessionLifetime
        return .success(
            VerificationSession(
                sid: SessionID.generate(now: now),
                passkeyID: passkey.id,
                mobileAsGiven: request.mobile,
                mobile: mobile,
                country: request.country,
                dialingNumber: number,
                notifyURL: request.notifyURL,
                email: request.email,
                clientIP: request.clientIP,
                createdAt: now,
                expiresAt: now.addingTimeInterval(Double(lifetime.millis) / 1000),
                status: .pending,
                verifiedAt: nil,
                callerAsPresented: nil,
                callID: nil
            )
        )
    }

    private func count(_ key: String, windowStart: Int64) -> Int {
        var total = 0
        if let stored = context.counters[key], stored.window == windowStart { total += stored.count }
        if let added = counterIncrements[key], added.window == windowStart { total += added.count }
        return total
    }

    /// Writes the quota usage and counters the batch consumed.
    func persistCounters(_ db: any SQLDatabase) async throws {
        if !usageIncrements.isEmpty {
            var query: SQLQueryString = "INSERT INTO passkey_usage (passkey_id, day, sessions) VALUES "
            query.appendRows(usageIncrements.map { [$0.key, now.utcDay, $0.value] })
            query.appendLiteral(" ON CONFLICT (passkey_id, day) DO UPDATE SET sessions = passkey_usage.sessions + excluded.sessions")
            try await db.raw(query).run()
        }
        if !counterIncrements.isEmpty {
            var query: SQLQueryString = "INSERT INTO rate_counters (key, window_start, count) VALUES "
            query.appendRows(counterIncrements.map { [$0.key, $0.value.window, $0.value.count] })
            query.appendLiteral(
                """
                 ON CONFLICT (key) DO UPDATE SET
                count = CASE WHEN rate_counters.window_start = excluded.window_start THEN rate_counters.count + excluded.count ELSE excluded.count END,
                window_start = excluded.window_start
                """
            )
            try await db.raw(query).run()
        }
    }
}
