import Crypto
import Foundation
import SQLKit

extension SQLGatewayStore {
    public func createPasskey(_ request: NewPasskey) async throws -> CreatedPasskey {
        guard request.dailyQuota >= 0, request.ratePerMinute > 0 else {
            throw StoreError.invalidArgument("quota must be 0 or more and the rate limit above 0")
        }
        let token = PasskeyToken.generate()
        let now = clock()
        let record = PasskeyRecord(
            id: UUID().uuidString.lowercased(),
            displayPrefix: token.displayPrefix,
            label: request.label,
            ownerMobile: request.ownerMobile,
            createdAt: Date(millis: now.millis),
            revokedAt: nil,
            dailyQuota: request.dailyQuota,
            ratePerMinute: request.ratePerMinute,
            webhookSecret: Self.newSecret(),
            previousWebhookSecret: nil,
            webhookMethod: request.webhookMethod
        )
        try await transaction { db in
            try await db.raw(
                """
                INSERT INTO passkeys (id, key_hash, display_prefix, label, owner_mobile, created_at, daily_quota, rate_per_minute,
                webhook_secret, webhook_method) VALUES (\(bind: record.id), \(bind: token.hash), \(bind: record.displayPrefix),
                \(bind: record.label), \(bind: record.ownerMobile), \(bind: now.millis), \(bind: record.dailyQuota),
                \(bind: record.ratePerMinute), \(bind: record.webhookSecret), \(bind: record.webhookMethod.rawValue))
                """
            ).run()
        }
        return CreatedPasskey(token: token, record: record)
    }

    public func authenticate(_ token: String) async throws -> PasskeyRecord {
        guard let parsed = PasskeyToken(token) else { throw StoreError.invalidPasskey }
        guard
            let record = try await reader.raw("SELECT * FROM passkeys WHERE key_hash = \(bind: parsed.hash)").first()
                .map(RowMapping.passkey)
        else { throw StoreError.invalidPasskey }
        guard !record.isRevoked else { throw StoreError.revokedPasskey }
        return record
    }

    public func passkeys() async throws -> [PasskeyRecord] {
        try await reader.raw("SELECT * FROM passkeys ORDER BY created_at").all().map(RowMapping.passkey)
    }

    public func passkey(id: String) async throws -> PasskeyRecord? {
        try await reader.raw("SELECT * FROM passkeys WHERE id = \(bind: id)").first().map(RowMapping.passkey)
    }

    public func revokePasskey(id: String) async throws {
        let now = clock()
        try await updateOne("passkey \(id)") { db in
            try await db.raw("UPDATE passkeys SET revoked_at = \(bind: now.millis) WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id").all()
                .count
        }
    }

    public func setDailyQuota(passkeyID: String, quota: Int) async throws {
        guard quota >= 0 else { throw StoreError.invalidArgument("quota must be 0 or more") }
        try await updateOne("passkey \(passkeyID)") { db in
            try await db.raw("UPDATE passkeys SET daily_quota = \(bind: quota) WHERE id = \(bind: passkeyID) RETURNING id").all().count
        }
    }

    /// Changes what is given and leaves the rest (`missedcallctl passkeys update`).
    public func updatePasskey(id: String, label: String?, dailyQuota: Int?, ratePerMinute: Int?, webhookMethod: WebhookMethod?) async throws {
        if let label, label.trimmingCharacters(in: .whitespaces).isEmpty { throw StoreError.invalidArgument("label must not be empty") }
        if let dailyQuota, dailyQuota < 0 { throw StoreError.invalidArgument("quota must be 0 or more") }
        if let ratePerMinute, ratePerMinute < 1 { throw StoreError.invalidArgument("rate must be 1 or more") }
        try await updateOne("passkey \(id)") { db in
            try await db.raw(
                """
                UPDATE passkeys SET label = COALESCE(\(bind: label), label), daily_quota = COALESCE(\(bind: dailyQuota), daily_quota),
                rate_per_minute = COALESCE(\(bind: ratePerMinute), rate_per_minute), webhook_method = COALESCE(\(bind: webhookMethod?.rawValue), webhook_method)
                WHERE id = \(bind: id) RETURNING id
                """
            ).all().count
        }
    }

    public func setAllowedOrigins(passkeyID: String, origins: [String]) async throws {
        var canonical: [String] = []
        for origin in origins {
            guard let value = WebOrigin.canonical(origin) else {
                throw StoreError.invalidArgument(
                    "'\(origin.prefix(80))' is not a web origin such as https://app.example.com (scheme, host and port only)"
                )
            }
            if !canonical.contains(value) { canonical.append(value) }
        }
        let text = canonical.joined(separator: " ")
        try await updateOne("passkey \(passkeyID)") { db in
            try await db.raw("UPDATE passkeys SET allowed_origins = \(bind: text) WHERE id = \(bind: passkeyID) RETURNING id").all().count
        }
    }

    public func rotateWebhookSecret(passkeyID: String) async throws -> String {
        let secret = Self.newSecret()
        try await updateOne("passkey \(passkeyID)") { db in
            try await db.raw(
                """
                UPDATE passkeys SET previous_webhook_secret = webhook_secret, webhook_secret = \(bind: secret)
                WHERE id = \(bind: passkeyID) RETURNING id
                """
            ).all().count
        }
        return secret
    }

    /// 256 random bits, hex: a webhook signing secret.
    static func newSecret() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Hex.encode($0) }
    }

    /// Runs an update that must touch exactly one row, else `notFound`.
    func updateOne(_ what: String, _ body: @escaping @Sendable (any SQLDatabase) async throws -> Int) async throws {
        let changed = try await transaction(body)
        guard changed > 0 else { throw StoreError.notFound(what) }
    }
}
