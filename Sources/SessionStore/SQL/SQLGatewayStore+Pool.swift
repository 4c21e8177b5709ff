import Foundation
import SQLKit

extension SQLGatewayStore {
    public func addDialingNumber(_ number: DialingNumber) async throws {
        guard number.number.country == number.country else {
            throw StoreError.invalidArgument("\(number.number.e164) is not a \(number.country.rawValue) number")
        }
        let inserted = try await transaction { db in
            try await db.raw(
                """
                INSERT INTO dialing_numbers (number, country, purpose, modem_imei, sim_iccid, enabled, online, created_at)
                VALUES (\(bind: number.number.e164), \(bind: number.country.rawValue), \(bind: number.purpose.rawValue),
                \(bind: number.modemIMEI), \(bind: number.simICCID), \(bind: number.enabled ? 1 : 0), \(bind: number.online ? 1 : 0),
                \(bind: number.createdAt.millis)) ON CONFLICT (number) DO NOTHING RETURNING number
                """
            ).all().count
        }
        guard inserted == 1 else { throw StoreError.conflict("\(number.number.e164) is already in the pool") }
    }

    public func removeDialingNumber(_ number: PhoneNumber) async throws {
        try await updateOne("dialing number \(number.e164)") { db in
            try await db.raw("DELETE FROM dialing_numbers WHERE number = \(bind: number.e164) RETURNING number").all().count
        }
    }

    /// Changes a number's purpose or the modem and SIM it is bound to (`missedcallctl pool update`);
    /// a number bound to another modem is offline until that modem marks it online.
    public func updateDialingNumber(_ number: PhoneNumber, purpose: NumberPurpose?, modemIMEI: String?, simICCID: String?) async throws {
        try await updateOne("dialing number \(number.e164)") { db in
            try await db.raw(
                """
                UPDATE dialing_numbers SET purpose = COALESCE(\(bind: purpose?.rawValue), purpose),
                online = CASE WHEN \(bind: modemIMEI) IS NOT NULL AND \(bind: modemIMEI) <> COALESCE(modem_imei, '') THEN 0 ELSE online END,
                modem_imei = COALESCE(\(bind: modemIMEI), modem_imei), sim_iccid = COALESCE(\(bind: simICCID), sim_iccid)
                WHERE number = \(bind: number.e164) RETURNING number
                """
            ).all().count
        }
    }

    public func setEnabled(_ number: PhoneNumber, enabled: Bool) async throws {
        try await updateOne("dialing number \(number.e164)") { db in
            try await db.raw("UPDATE dialing_numbers SET enabled = \(bind: enabled ? 1 : 0) WHERE number = \(bind: number.e164) RETURNING number")
                .all().count
        }
    }

    /// Marks the modem's numbers online (held by this node, under a lease its heartbeat renews) or
    /// offline.
    @discardableResult
    public func setOnline(modemIMEI: String, online: Bool) async throws -> Int {
        let now = clock()
        let node = settings.nodeID
        let lease = now.addingTimeInterval(Double(settings.numberLease.millis) / 1000).millis
        return try await transaction { db in
            if online {
                return try await db.raw(
                    """
                    UPDATE dialing_numbers SET online = 1, node_id = \(bind: node), lease_until = \(bind: lease)
                    WHERE modem_imei = \(bind: modemIMEI) AND (online <> 1 OR node_id IS NULL OR node_id <> \(bind: node)
                    OR lease_until IS NULL OR lease_until < \(bind: now.millis)) RETURNING number
                    """
                ).all().count
            }
            return try await db.raw(
                """
                UPDATE dialing_numbers SET online = 0, lease_until = NULL
                WHERE modem_imei = \(bind: modemIMEI) AND online <> 0 RETURNING number
                """
            ).all().count
        }
    }

    /// The heartbeat: extends the lease of every number this node holds online.
    @discardableResult
    public func renewLeases() async throws -> Int {
        let until = clock().addingTimeInterval(Double(settings.numberLease.millis) / 1000).millis
        let node = settings.nodeID
        return try await transaction { db in
            try await db.raw(
                "UPDATE dialing_numbers SET lease_until = \(bind: until) WHERE node_id = \(bind: node) AND online = 1 RETURNING number"
            ).all().count
        }
    }

    /// On a graceful stop: this node's numbers go offline at once instead of when their lease ends.
    public func releaseNumbers() async throws {
        let node = settings.nodeID
        try await transaction { db in
            try await db.raw("UPDATE dialing_numbers SET online = 0, lease_until = NULL WHERE node_id = \(bind: node) AND online = 1").run()
        }
    }

    public func dialingNumbers() async throws -> [DialingNumber] {
        try await reader.raw("SELECT * FROM dialing_numbers ORDER BY country, number").all().map(RowMapping.dialingNumber)
    }

    public func dialingNumber(_ number: PhoneNumber) async throws -> DialingNumber? {
        try await reader.raw("SELECT * FROM dialing_numbers WHERE number = \(bind: number.e164)").first().map(RowMapping.dialingNumber)
    }

    /// Each number's recent load, what allocation weighs and what `missedcallctl pool` shows:
    /// sessions whose call is still to come and calls in the last minute.
    public func numberLoads(now: Date) async throws -> [PhoneNumber: NumberLoad] {
        var loads: [PhoneNumber: NumberLoad] = [:]
        for row in try await reader.raw(
            """
            SELECT d.number, \(NumberLoadSQL.pendingSessions()) AS pending, \(NumberLoadSQL.calls(since: now.millis - 60_000)) AS calls
            FROM dialing_numbers d
            """
        ).all() {
            let number = RowMapping.phone(try row.decode(column: "number", as: String.self))
            loads[number] = NumberLoad(
                pendingSessions: try row.decode(column: "pending", as: Int.self),
                callsLastMinute: try row.decode(column: "calls", as: Int.self)
            )
        }
        return loads
    }
}
