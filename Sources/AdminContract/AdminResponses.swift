import Foundation

/// A passkey as the admin API lists it: no key (the store has only its hash) and no webhook
/// secret, which is shown once, at creation or rotation.
public struct PasskeySummary: Codable, Sendable, Equatable {
    public var id: String
    public var displayPrefix: String
    public var label: String
    public var ownerMobile: String?
    public var createdAt: Date
    public var revokedAt: Date?
    public var dailyQuota: Int
    public var ratePerMinute: Int
    /// `get`, `post-form` or `post-json`.
    public var webhookMethod: String
    /// A rotation is settling: receivers still accept the previous secret.
    public var rotating: Bool

    public init(
        id: String,
        displayPrefix: String,
        label: String,
        ownerMobile: String?,
        createdAt: Date,
        revokedAt: Date?,
        dailyQuota: Int,
        ratePerMinute: Int,
        webhookMethod: String,
        rotating: Bool
    ) {
        self.id = id
        self.displayPrefix = displayPrefix
        self.label = label
        self.ownerMobile = ownerMobile
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.dailyQuota = dailyQuota
        self.ratePerMinute = ratePerMinute
        self.webhookMethod = webhookMethod
        self.rotating = rotating
    }
}

/// `POST /passkeys`: the key and its webhook secret, shown this once.
public struct PasskeyCreated: Codable, Sendable, Equatable {
    public var passkey: String
    public var webhookSecret: String
    public var record: PasskeySummary

    public init(passkey: String, webhookSecret: String, record: PasskeySummary) {
        self.passkey = passkey
        self.webhookSecret = webhookSecret
        self.record = record
    }
}

/// `POST /passkeys/{id}/rotate-secret`: the new secret, shown this once.
public struct SecretRotated: Codable, Sendable, Equatable {
    public var webhookSecret: String
    public init(webhookSecret: String) { self.webhookSecret = webhookSecret }
}

/// Any refusal: the words and the stable code (`APIErrorCode`'s raw value).
public struct AdminErrorReply: Codable, Sendable, Equatable {
    public var error: String
    public var code: String?
}

/// How both sides write and read dates: ISO 8601.
public enum AdminCoding {
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    public static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
