import SQLKit

/// Versioned schema changes, applied in order, each in its own transaction. The SQL is the common
/// subset of SQLite and PostgreSQL (TEXT ids, BIGINT epoch milliseconds, INTEGER flags, partial
/// indexes, `ON CONFLICT`), so one list serves both engines.
enum Migrations {
    struct Migration: Sendable {
        var version: Int
        var name: String
        var statements: [String]
        /// PostgreSQL's own statements where the common subset does not say it (nil: `statements`).
        var postgresStatements: [String]? = nil

        func statements(for database: any SQLDatabase) -> [String] {
            database.dialect.name == "sqlite" ? statements : postgresStatements ?? statements
        }
    }

    static let all: [Migration] = [
        Migration(
            version: 1,
            name: "initial schema",
            statements: [
                """
                CREATE TABLE passkeys (
                    id TEXT PRIMARY KEY, key_hash TEXT NOT NULL UNIQUE, display_prefix TEXT NOT NULL, label TEXT NOT NULL,
                    owner_mobile TEXT, created_at BIGINT NOT NULL, revoked_at BIGINT, daily_quota INTEGER NOT NULL,
                    rate_per_minute INTEGER NOT NULL, webhook_secret TEXT NOT NULL)
                """,
                """
                CREATE TABLE dialing_numbers (
                    number TEXT PRIMARY KEY, country TEXT NOT NULL, purpose TEXT NOT NULL, modem_imei TEXT, sim_iccid TEXT,
                    enabled INTEGER NOT NULL, online INTEGER NOT NULL, created_at BIGINT NOT NULL)
                """,
                "CREATE INDEX dialing_numbers_modem ON dialing_numbers (modem_imei)",
                """
                CREATE TABLE sessions (
                    sid TEXT PRIMARY KEY, passkey_id TEXT NOT NULL, mobile_as_given TEXT NOT NULL, mobile TEXT NOT NULL,
                    country TEXT NOT NULL, dialing_number TEXT NOT NULL, notify_url TEXT, email TEXT, client_ip TEXT,
                    created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, status TEXT NOT NULL, verified_at BIGINT,
                    caller_as_presented TEXT, call_id TEXT)
                """,
                // Never two pending sessions of one mobile on one number: a call is never ambiguous.
                "CREATE UNIQUE INDEX sessions_pending_number_mobile ON sessions (dialing_number, mobile) WHERE status = 'pending'",
                "CREATE INDEX sessions_mobile_created ON sessions (mobile, created_at)",
                // The expiry sweep reads only pending rows; a full (status, ...) index would tempt the planner
                // into scanning every pending session for lookups by mobile.
                "CREATE INDEX sessions_pending_expires ON sessions (expires_at) WHERE status = 'pending'",
                "CREATE INDEX sessions_number_mobile_created ON sessions (dialing_number, mobile, created_at)",
                """
                CREATE TABLE missed_calls (
                    id TEXT PRIMARY KEY, dialed_number TEXT NOT NULL, caller TEXT, caller_as_presented TEXT NOT NULL,
                    received_at BIGINT NOT NULL, modem_imei TEXT, result TEXT NOT NULL, session_sid TEXT)
                """,
                "CREATE INDEX missed_calls_received ON missed_calls (received_at)",
                """
                CREATE TABLE listeners (
                    number TEXT PRIMARY KEY, passkey_id TEXT NOT NULL, notify_url TEXT, email TEXT,
                    dedupe_seconds INTEGER NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE listener_callers (
                    number TEXT NOT NULL, caller TEXT NOT NULL, last_vote_at BIGINT NOT NULL, PRIMARY KEY (number, caller))
                """,
                """
                CREATE TABLE listener_tallies (
                    number TEXT NOT NULL, day TEXT NOT NULL, calls INTEGER NOT NULL, votes INTEGER NOT NULL,
                    PRIMARY KEY (number, day))
                """,
                """
                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY, kind TEXT NOT NULL, target TEXT NOT NULL, payload TEXT NOT NULL, passkey_id TEXT,
                    attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, state TEXT NOT NULL, last_error TEXT,
                    created_at BIGINT NOT NULL, delivered_at BIGINT, claimed_by TEXT, lease_until BIGINT)
                """,
                "CREATE INDEX outbox_due ON outbox (state, next_attempt_at)",
                """
                CREATE TABLE passkey_usage (
                    passkey_id TEXT NOT NULL, day TEXT NOT NULL, sessions INTEGER NOT NULL, PRIMARY KEY (passkey_id, day))
                """,
                """
                CREATE TABLE rate_counters (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, count INTEGER NOT NULL)
                """,
            ]
        ),
        Migration(
            version: 2,
            name: "webhook rotation and delivery log",
            statements: [
                "ALTER TABLE passkeys ADD COLUMN previous_webhook_secret TEXT",
                "ALTER TABLE passkeys ADD COLUMN webhook_method TEXT NOT NULL DEFAULT 'get'",
                """
                CREATE TABLE delivery_attempts (
                    id TEXT PRIMARY KEY, job_id TEXT NOT NULL, attempted_at BIGINT NOT NULL, result TEXT NOT NULL,
                    status_code INTEGER, detail TEXT, latency_us BIGINT NOT NULL)
                """,
                "CREATE INDEX delivery_attempts_job ON delivery_attempts (job_id, attempted_at)",
            ]
        ),
        Migration(
            version: 3,
            name: "idempotency keys of the REST API",
            statements: [
                """
                CREATE TABLE idempotency_keys (
                    passkey_id TEXT NOT NULL, key TEXT NOT NULL, sid TEXT NOT NULL, created_at BIGINT NOT NULL,
                    PRIMARY KEY (passkey_id, key))
                """
            ]
        ),
        Migration(
            version: 4,
            name: "gateway nodes sharing one database",
            statements: [
                // The node that marked a number online and until when; allocation skips expired leases.
                "ALTER TABLE dialing_numbers ADD COLUMN node_id TEXT",
                "ALTER TABLE dialing_numbers ADD COLUMN lease_until BIGINT",
                // SMS jobs are sent by the node whose modem holds the sender's SIM.
                "ALTER TABLE outbox ADD COLUMN node_id TEXT",
                """
                CREATE TABLE nodes (
                    id TEXT PRIMARY KEY, hostname TEXT NOT NULL, version TEXT NOT NULL, started_at BIGINT NOT NULL,
                    heartbeat_at BIGINT NOT NULL, stopped_at BIGINT, modems TEXT NOT NULL)
                """,
                // Admin requests for a modem another node drives: that node runs them and answers here.
                """
                CREATE TABLE node_commands (
                    id TEXT PRIMARY KEY, node_id TEXT NOT NULL, method TEXT NOT NULL, path TEXT NOT NULL, body TEXT NOT NULL,
                    created_at BIGINT NOT NULL, status INTEGER, response TEXT, done_at BIGINT)
                """,
                "CREATE INDEX node_commands_open ON node_commands (node_id, done_at)",
            ]
        ),
        // SQLite's INTEGER is 64 bits, PostgreSQL's 32: quotas, rates and counters widen to BIGINT
        // there, so a quota of 3,000,000,000 (or a counter past 2^31) is the same on both engines.
        Migration(
            version: 5,
            name: "64-bit limits and counters on PostgreSQL",
            statements: [],
            postgresStatements: [
                "ALTER TABLE passkeys ALTER COLUMN daily_quota TYPE BIGINT, ALTER COLUMN rate_per_minute TYPE BIGINT",
                "ALTER TABLE listeners ALTER COLUMN dedupe_seconds TYPE BIGINT",
                "ALTER TABLE listener_tallies ALTER COLUMN calls TYPE BIGINT, ALTER COLUMN votes TYPE BIGINT",
                "ALTER TABLE outbox ALTER COLUMN attempts TYPE BIGINT",
                "ALTER TABLE passkey_usage ALTER COLUMN sessions TYPE BIGINT",
                "ALTER TABLE rate_counters ALTER COLUMN count TYPE BIGINT",
            ]
        ),
        // The web origins whose pages may read a session of this passkey from the browser (the
        // verification widget, through CORS); empty, the default, allows none.
        Migration(
            version: 6,
            name: "allowed browser origins per passkey",
            statements: ["ALTER TABLE passkeys ADD COLUMN allowed_origins TEXT NOT NULL DEFAULT ''"]
        ),
        // The console's funnel: finished UTC days rolled up once per passkey and country, so the
        // page reads ~30 rows per pair instead of every session of a month (a million in the
        // benchmark); today is counted live from the sessions of today (`sessions_created`).
        Migration(
            version: 7,
            name: "funnel rollups",
            statements: [
                // A call that came too late (after expiry) for its session: called, not verified.
                "ALTER TABLE sessions ADD COLUMN called_at BIGINT",
                "CREATE INDEX sessions_created ON sessions (created_at)",
                """
                CREATE TABLE funnel_days (
                    day TEXT NOT NULL, passkey_id TEXT NOT NULL, country TEXT NOT NULL, created BIGINT NOT NULL,
                    called BIGINT NOT NULL, verified BIGINT NOT NULL, expired BIGINT NOT NULL,
                    h0 BIGINT NOT NULL, h1 BIGINT NOT NULL, h2 BIGINT NOT NULL, h3 BIGINT NOT NULL, h4 BIGINT NOT NULL,
                    h5 BIGINT NOT NULL, PRIMARY KEY (day, passkey_id, country))
                """,
                "CREATE TABLE funnel_rolled (day TEXT PRIMARY KEY, rolled_at BIGINT NOT NULL)",
            ]
        ),
    ]

    static var latestVersion: Int { all.map(\.version).max() ?? 0 }

    /// Brings the schema to `target` (default: the latest); returns the versions applied.
    @discardableResult
    static func migrate(_ database: any SQLDatabase, upTo target: Int = latestVersion, now: Int64) async throws -> [Int] {
        try await database.raw(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
        ).run()
        let current = try await currentVersion(database)
        var applied: [Int] = []
        for migration in all where migration.version > current && migration.version <= target {
            try await database.raw("BEGIN").run()
            do {
                for statement in migration.statements(for: database) {
                    try await database.raw(SQLQueryString(statement)).run()
                }
                try await database.raw(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))"
                ).run()
                try await database.raw("COMMIT").run()
                applied.append(migration.version)
            } catch {
                try? await database.raw("ROLLBACK").run()
                throw error
            }
        }
        return applied
    }

    static func currentVersion(_ database: any SQLDatabase) async throws -> Int {
        let row = try await database.raw("SELECT MAX(version) AS version FROM schema_migrations").first()
        return try row?.decode(column: "version", as: Int?.self) ?? 0
    }
}
