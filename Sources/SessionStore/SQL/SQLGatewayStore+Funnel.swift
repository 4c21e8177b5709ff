import Foundation
import SQLKit

extension SQLGatewayStore {
    /// A day is rolled up once it ended this long ago: every session of it has expired or been
    /// verified by then (lifetimes are minutes).
    static let funnelSettle: TimeInterval = 2 * 3600

    /// The funnel of the last `days` UTC days (today included), per day, passkey and country.
    /// Finished days come from `funnel_days` (rolled up here on first need, then read as rows);
    /// the days not rolled up yet are counted live from their sessions.
    public func funnel(days: Int, now: Date) async throws -> [FunnelDay] {
        let days = max(1, min(days, 400))
        let today = Self.dayStart(now)
        let first = today.addingTimeInterval(-Double(days - 1) * 86_400)
        let rolled = try await rollUp(from: first, now: now).days
        var result = try await reader.raw(
            """
            SELECT * FROM funnel_days WHERE day >= \(bind: Self.dayName(first)) AND day <= \(bind: Self.dayName(today))
            """
        ).all().map { try Self.funnelDay($0) }
        var day = first
        while day <= today {
            if !rolled.contains(Self.dayName(day)) { result += try await aggregate(reader, day: day, now: now) }
            day = day.addingTimeInterval(86_400)
        }
        return result.sorted { ($0.day, $0.passkeyID, $0.country) < ($1.day, $1.passkeyID, $1.country) }
    }

    /// Rolls up every finished day from `first` that is not rolled up yet; returns how many.
    @discardableResult
    public func rollUpFunnel(from first: Date, now: Date) async throws -> Int {
        try await rollUp(from: first, now: now).added
    }

    /// Rolls up the finished days from `first` that were not; the days rolled up now, and how many
    /// of them this call added.
    func rollUp(from first: Date, now: Date) async throws -> (days: Set<String>, added: Int) {
        var rolled = try await rolledDays(from: first)
        var added = 0
        var day = Self.dayStart(first)
        while day.addingTimeInterval(86_400 + Self.funnelSettle) <= now {
            let name = Self.dayName(day)
            if !rolled.contains(name) {
                try await rollUp(day: day, now: now)
                rolled.insert(name)
                added += 1
            }
            day = day.addingTimeInterval(86_400)
        }
        return (rolled, added)
    }

    func rolledDays(from first: Date) async throws -> Set<String> {
        Set(
            try await reader.raw("SELECT day FROM funnel_rolled WHERE day >= \(bind: Self.dayName(first))").all()
                .map { try $0.decode(column: "day", as: String.self) }
        )
    }

    /// One finished day into `funnel_days`, and marked rolled, in one transaction.
    func rollUp(day start: Date, now: Date) async throws {
        let name = Self.dayName(start)
        try await transaction { db in
            for row in try await self.aggregate(db, day: start, now: now) {
                try await db.raw(
                    """
                    INSERT INTO funnel_days (day, passkey_id, country, created, called, verified, expired, h0, h1, h2, h3, h4, h5)
                    VALUES (\(bind: row.day), \(bind: row.passkeyID), \(bind: row.country), \(bind: row.created), \(bind: row.called),
                    \(bind: row.verified), \(bind: row.expired), \(bind: row.histogram[0]), \(bind: row.histogram[1]),
                    \(bind: row.histogram[2]), \(bind: row.histogram[3]), \(bind: row.histogram[4]), \(bind: row.histogram[5]))
                    ON CONFLICT (day, passkey_id, country) DO UPDATE SET created = excluded.created, called = excluded.called,
                    verified = excluded.verified, expired = excluded.expired, h0 = excluded.h0, h1 = excluded.h1,
                    h2 = excluded.h2, h3 = excluded.h3, h4 = excluded.h4, h5 = excluded.h5
                    """
                ).run()
            }
            // Another node may have rolled it meanwhile: the same numbers, kept once.
            try await db.raw(
                "INSERT INTO funnel_rolled (day, rolled_at) VALUES (\(bind: name), \(bind: now.millis)) ON CONFLICT (day) DO NOTHING"
            ).run()
        }
    }

    /// One day's counts straight from its sessions (the `sessions_created` index bounds the scan).
    func aggregate(_ db: any SQLDatabase, day: Date, now: Date) async throws -> [FunnelDay] {
        let start = day.millis
        let end = day.addingTimeInterval(86_400).millis
        let edges = FunnelDay.bucketEdges.map { $0 * 1000 }
        let took = "(COALESCE(verified_at, called_at) - created_at)"
        var buckets: [String] = []
        for index in 0...edges.count {
            let lower = index == 0 ? "" : " AND \(took) >= \(edges[index - 1])"
            let upper = index == edges.count ? "" : " AND \(took) < \(edges[index])"
            buckets.append("SUM(CASE WHEN COALESCE(verified_at, called_at) IS NOT NULL\(lower)\(upper) THEN 1 ELSE 0 END) AS h\(index)")
        }
        // Only numbers of our own go into the text; nothing of a request.
        let text: String = """
            SELECT passkey_id, country, COUNT(*) AS created,
            SUM(CASE WHEN status = 'verified' OR called_at IS NOT NULL THEN 1 ELSE 0 END) AS called,
            SUM(CASE WHEN status = 'verified' THEN 1 ELSE 0 END) AS verified,
            SUM(CASE WHEN status = 'expired' OR (status = 'pending' AND expires_at < \(now.millis)) THEN 1 ELSE 0 END) AS expired,
            \(buckets.joined(separator: ", "))
            FROM sessions WHERE created_at >= \(start) AND created_at < \(end) GROUP BY passkey_id, country
            """
        let rows = try await db.raw(SQLQueryString(text)).all()
        let name = Self.dayName(day)
        return try rows.map { try Self.funnelDay($0, day: name) }
    }

    /// A row of `funnel_days`, or of the aggregate (which has no `day` column: `day` gives it).
    static func funnelDay(_ row: any SQLRow, day: String? = nil) throws -> FunnelDay {
        FunnelDay(
            day: try day ?? row.decode(column: "day", as: String.self),
            passkeyID: try row.decode(column: "passkey_id", as: String.self),
            country: try row.decode(column: "country", as: String.self),
            created: try row.decode(column: "created", as: Int.self),
            called: try row.decode(column: "called", as: Int.self),
            verified: try row.decode(column: "verified", as: Int.self),
            expired: try row.decode(column: "expired", as: Int.self),
            histogram: try (0...FunnelDay.bucketEdges.count).map { try row.decode(column: "h\($0)", as: Int.self) }
        )
    }

    static func dayStart(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    public static func dayName(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let month = (parts.month ?? 1) < 10 ? "0\(parts.month ?? 1)" : "\(parts.month ?? 1)"
        let day = (parts.day ?? 1) < 10 ? "0\(parts.day ?? 1)" : "\(parts.day ?? 1)"
        return "\(parts.year ?? 1970)-\(month)-\(day)"
    }
}

extension SQLGatewayStore {
    /// Calls recorded since `since`, per modem IMEI (the console's "calls today").
    public func callsPerModem(since: Date) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await reader.raw(
            "SELECT modem_imei, COUNT(*) AS calls FROM missed_calls WHERE received_at >= \(bind: since.millis) AND modem_imei IS NOT NULL GROUP BY modem_imei"
        ).all() {
            counts[try row.decode(column: "modem_imei", as: String.self)] = try row.decode(column: "calls", as: Int.self)
        }
        return counts
    }
}
