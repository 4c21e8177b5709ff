import Foundation
import SQLKit

/// What one batch of session requests needs to know, read in a handful of queries whatever the
/// batch size: the passkeys, the mobiles' pending sessions, the free pool, quotas and counters.
struct AllocationContext {
    var passkeysByHash: [String: PasskeyRecord]
    /// The dialing numbers each mobile already has a pending session on.
    var busyNumbers: [String: Set<String>]
    var candidates: [Country: [PhoneNumber]]
    /// Sessions created today per passkey id.
    var usageToday: [String: Int]
    /// Rate counters by key: their window start and count.
    var counters: [String: (window: Int64, count: Int)]

    static func load(
        writer db: any SQLDatabase, hashes: Set<String>, mobiles: Set<String>, clientIPs: Set<String>, countries: Set<Country>, now: Date,
        settings: StoreSettings
    ) async throws -> AllocationContext {
        let passkeyRows = try await db.raw("SELECT * FROM passkeys WHERE key_hash IN (\(binds: Array(hashes)))").all()
        var passkeysByHash: [String: PasskeyRecord] = [:]
        for row in passkeyRows {
            passkeysByHash[try row.decode(column: "key_hash", as: String.self)] = try RowMapping.passkey(row)
        }
        // A mobile's sessions past their deadline no longer hold a number, even before the sweeper.
        try await db.raw("""
            UPDATE sessions SET status = 'expired'
            WHERE status = 'pending' AND expires_at < \(bind: now.millis) AND mobile IN (\(binds: Array(mobiles)))
            """).run()
        var busy: [String: Set<String>] = [:]
        for row in try await db.raw("""
            SELECT mobile, dialing_number FROM sessions WHERE status = 'pending' AND mobile IN (\(binds: Array(mobiles)))
            """).all() {
            busy[try row.decode(column: "mobile", as: String.self), default: []].insert(try row.decode(column: "dialing_number", as: String.self))
        }
        var candidates: [Country: [PhoneNumber]] = [:]
        for row in try await db.raw("""
            SELECT number, country FROM dialing_numbers
            WHERE purpose = 'verification' AND enabled = 1 AND online = 1 AND country IN (\(binds: countries.map(\.rawValue)))
            """).all() {
            if let country = Country(rawValue: try row.decode(column: "country", as: String.self)) {
                candidates[country, default: []].append(RowMapping.phone(try row.decode(column: "number", as: String.self)))
            }
        }
        let passkeyIDs = passkeysByHash.values.map(\.id)
        var usage: [String: Int] = [:]
        if !passkeyIDs.isEmpty {
            for row in try await db.raw("""
                SELECT passkey_id, sessions FROM passkey_usage WHERE day = \(bind: now.utcDay) AND passkey_id IN (\(binds: passkeyIDs))
                """).all() {
                usage[try row.decode(column: "passkey_id", as: String.self)] = try row.decode(column: "sessions", as: Int.self)
            }
        }
        let keys = mobiles.map { RateKey.mobile($0) } + passkeyIDs.map { RateKey.passkey($0) } + clientIPs.map { RateKey.ip($0) }
        var counters: [String: (window: Int64, count: Int)] = [:]
        for row in try await db.raw("SELECT key, window_start, count FROM rate_counters WHERE key IN (\(binds: keys))").all() {
            counters[try row.decode(column: "key", as: String.self)] =
                (try row.decode(column: "window_start", as: Int64.self), try row.decode(column: "count", as: Int.self))
        }
        return AllocationContext(
            passkeysByHash: passkeysByHash, busyNumbers: busy, candidates: candidates, usageToday: usage, counters: counters)
    }
}

/// Keys of the fixed-window rate counters.
enum RateKey {
    static func mobile(_ e164: String) -> String { "m:" + e164 }
    static func passkey(_ id: String) -> String { "pk:" + id }
    static func ip(_ address: String) -> String { "ip:" + address }
}
