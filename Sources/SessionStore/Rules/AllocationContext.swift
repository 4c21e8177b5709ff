import Foundation
import SQLKit

/// What one batch of session requests needs to know, read in a handful of queries whatever the
/// batch size: the passkeys, the mobiles' pending sessions, the free pool, quotas and counters.
struct AllocationContext {
    var passkeysByHash: [String: PasskeyRecord]
    /// The dialing numbers each mobile already has a pending session on.
    var busyNumbers: [String: Set<String>]
    var candidates: [Country: [PhoneNumber]]
    /// Per candidate number (E.164): pending sessions plus calls of the last `recentCallWindow`.
    var load: [String: Int]
    /// Sessions created today per passkey id.
    var usageToday: [String: Int]
    /// Rate counters by key: their window start and count.
    var counters: [String: (window: Int64, count: Int)]

    /// A SIM stays busy ~6 s per call: paging, the ring we see, the hang-up, the release reaching
    /// the caller (sim-capacity.md).
    static let recentCallWindow: Int64 = 6_000

    /// Pending sessions are counted up to this many per number: a SIM with 32 calls to come within a
    /// 2-minute window is ~30× past its capacity (sim-capacity.md), all such numbers are equally
    /// overloaded, and an uncapped count read every pending row of the number in each batch (a
    /// benchmark's single number with 100,000 pending cut API.dvf from ~0.48× to 0.36× a bare route).
    static let loadCap = 32

    static func load(
        writer db: any SQLDatabase,
        hashes: Set<String>,
        mobiles: Set<String>,
        clientIPs: Set<String>,
        countries: Set<Country>,
        now: Date,
        settings: StoreSettings
    ) async throws -> AllocationContext {
        let passkeyRows = try await db.raw("SELECT * FROM passkeys WHERE key_hash IN (\(binds: Array(hashes)))").all()
        var passkeysByHash: [String: PasskeyRecord] = [:]
        for row in passkeyRows {
            passkeysByHash[try row.decode(column: "key_hash", as: String.self)] = try RowMapping.passkey(row)
        }
        // One read gives both the numbers each mobile holds and its sessions past their deadline,
        // which are expired here (the sweeper may not have run) so that their numbers are free.
        var busy: [String: Set<String>] = [:]
        var stale: [String] = []
        for row in try await db.raw(
            """
            SELECT sid, mobile, dialing_number, expires_at FROM sessions WHERE status = 'pending' AND mobile IN (\(binds: Array(mobiles)))
            """
        ).all() {
            if try row.decode(column: "expires_at", as: Int64.self) < now.millis {
                stale.append(try row.decode(column: "sid", as: String.self))
            } else {
                busy[try row.decode(column: "mobile", as: String.self), default: []].insert(try row.decode(column: "dialing_number", as: String.self))
            }
        }
        if !stale.isEmpty {
            try await db.raw("UPDATE sessions SET status = 'expired' WHERE sid IN (\(binds: stale))").run()
        }
        // Each free number with its load: sessions whose call is still to come (counted off the
        // partial index of pending sessions, no row read) plus calls of the last few seconds, while
        // the SIM may still be busy with them (sim-capacity.md: least-loaded takes 4-8x the users
        // per SIM of a uniform pick at 1 % busy).
        var candidates: [Country: [PhoneNumber]] = [:]
        var load: [String: Int] = [:]
        for row in try await db.raw(
            """
            SELECT d.number, d.country,
            \(NumberLoadSQL.pendingSessions(upTo: Self.loadCap)) + \(NumberLoadSQL.calls(since: now.millis - Self.recentCallWindow)) AS load
            FROM dialing_numbers d
            WHERE d.purpose = 'verification' AND d.enabled = 1 AND d.online = 1
            AND (d.lease_until IS NULL OR d.lease_until >= \(bind: now.millis)) AND d.country IN (\(binds: countries.map(\.rawValue)))
            """
        ).all() {
            if let country = Country(rawValue: try row.decode(column: "country", as: String.self)) {
                let number = try row.decode(column: "number", as: String.self)
                candidates[country, default: []].append(RowMapping.phone(number))
                load[number] = try row.decode(column: "load", as: Int.self)
            }
        }
        let passkeyIDs = passkeysByHash.values.map(\.id)
        // Quota usage and rate counters in one read.
        let keys = mobiles.map { RateKey.mobile($0) } + passkeyIDs.map { RateKey.passkey($0) } + clientIPs.map { RateKey.ip($0) }
        var usage: [String: Int] = [:]
        var counters: [String: (window: Int64, count: Int)] = [:]
        for row in try await db.raw(
            """
            SELECT 'usage' AS source, passkey_id AS key, 0 AS window_start, sessions AS count FROM passkey_usage
            WHERE day = \(bind: now.utcDay) AND passkey_id IN (\(binds: passkeyIDs.isEmpty ? [""] : passkeyIDs))
            UNION ALL
            SELECT 'rate' AS source, key, window_start, count FROM rate_counters WHERE key IN (\(binds: keys))
            """
        ).all() {
            let key = try row.decode(column: "key", as: String.self)
            let count = try row.decode(column: "count", as: Int.self)
            if try row.decode(column: "source", as: String.self) == "usage" {
                usage[key] = count
            } else {
                counters[key] = (try row.decode(column: "window_start", as: Int64.self), count)
            }
        }
        return AllocationContext(
            passkeysByHash: passkeysByHash,
            busyNumbers: busy,
            candidates: candidates,
            load: load,
            usageToday: usage,
            counters: counters
        )
    }
}

/// Keys of the fixed-window rate counters.
enum RateKey {
    static func mobile(_ e164: String) -> String { "m:" + e164 }
    static func passkey(_ id: String) -> String { "pk:" + id }
    static func ip(_ address: String) -> String { "ip:" + address }
}

/// The two parts of a number's load as SQL on `dialing_numbers d`: the same definitions for what
/// allocation weighs and what `numberLoads` shows.
enum NumberLoadSQL {
    /// Sessions on `d.number` whose call is still to come, counted off the partial index of pending
    /// sessions (no row read); at most `cap` when given.
    static func pendingSessions(upTo cap: Int? = nil) -> SQLQueryString {
        guard let cap else { return "(SELECT COUNT(*) FROM sessions s WHERE s.status = 'pending' AND s.dialing_number = d.number)" }
        return """
            (SELECT COUNT(*) FROM (SELECT 1 FROM sessions s WHERE s.status = 'pending' AND s.dialing_number = d.number \
            LIMIT \(literal: cap)) AS p)
            """
    }

    /// Calls `d.number` took since `millis`.
    static func calls(since millis: Int64) -> SQLQueryString {
        "(SELECT COUNT(*) FROM missed_calls c WHERE c.received_at >= \(bind: millis) AND c.dialed_number = d.number)"
    }
}
