import Crypto
import Foundation

/// An API passkey as the client presents it. Canonical form: `RA$` + uppercase GUID, as the
/// original service issued them; `RA-` + GUID (what some URL encoders made of `$`) is the same key.
public struct PasskeyToken: Sendable, Hashable, CustomStringConvertible {
    /// The canonical text, the only form that is hashed.
    public let canonical: String

    /// Parses a presented passkey; `nil` when it has no passkey shape at all. The GUID part is
    /// not checked for hex: the original issued keys with letters such as `S` and `G` in them.
    public init?(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count == 39 else { return nil }
        let upper = trimmed.uppercased()
        guard upper.hasPrefix("RA$") || upper.hasPrefix("RA-") else { return nil }
        let guid = upper.dropFirst(3)
        let groups = guid.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
        guard groups == [8, 4, 4, 4, 12], guid.allSatisfy({ $0 == "-" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }) else {
            return nil
        }
        canonical = "RA$" + guid
    }

    /// A fresh random passkey (122 random bits).
    public static func generate() -> PasskeyToken {
        // A v4 UUID's text is always 36 characters; the force is on our own generated value.
        PasskeyToken("RA$" + UUID().uuidString)!
    }

    /// SHA-256 of the canonical text, hex: what the store keeps. Passkeys are random, so a fast
    /// hash is enough; the clear key is never stored.
    public var hash: String {
        Hex.encode(SHA256.hash(data: Data(canonical.utf8)))
    }

    /// The first block, for people to tell keys apart in listings.
    public var displayPrefix: String { String(canonical.prefix(11)) }

    public var description: String { displayPrefix + "…" }
}

/// How webhooks of a passkey are sent.
public enum WebhookMethod: String, Sendable, Codable, CaseIterable {
    /// Query parameters on a GET, as the original service did.
    case get
    case postForm = "post-form"
    case postJSON = "post-json"
}

/// A passkey as stored: never the key itself.
public struct PasskeyRecord: Sendable, Equatable, Codable {
    public var id: String
    public var displayPrefix: String
    public var label: String
    public var ownerMobile: String?
    public var createdAt: Date
    public var revokedAt: Date?
    /// Sessions per UTC day; the original's "Usage Overflow" past it.
    public var dailyQuota: Int
    /// Session creations per minute.
    public var ratePerMinute: Int
    public var webhookSecret: String
    /// Still accepted by receivers while a rotation settles.
    public var previousWebhookSecret: String?
    public var webhookMethod: WebhookMethod
    /// Web origins (`https://app.example.com`) whose pages may read this passkey's sessions from
    /// the browser; none by default.
    public var allowedOrigins: [String] = []

    public var isRevoked: Bool { revokedAt != nil }
}

/// A web origin as CORS compares it: `scheme://host[:port]`, lowercase, no path.
public enum WebOrigin {
    /// The canonical origin, or `nil` when `text` is not an http(s) origin.
    public static func canonical(_ text: String) -> String? {
        guard let components = URLComponents(string: text.trimmingWhitespace()),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host?.lowercased(), !host.isEmpty,
            components.path.isEmpty || components.path == "/", components.query == nil, components.fragment == nil,
            components.user == nil
        else { return nil }
        let port = components.port.map { ":\($0)" } ?? ""
        return "\(scheme)://\(host)\(port)"
    }
}

/// What creating a passkey returns: the only time the key is shown.
public struct CreatedPasskey: Sendable, Equatable {
    public var token: PasskeyToken
    public var record: PasskeyRecord
}

public struct NewPasskey: Sendable, Equatable {
    public var label: String
    public var ownerMobile: String?
    public var dailyQuota: Int
    public var ratePerMinute: Int
    public var webhookMethod: WebhookMethod

    public init(label: String, ownerMobile: String? = nil, dailyQuota: Int = 1000, ratePerMinute: Int = 600, webhookMethod: WebhookMethod = .get) {
        self.label = label
        self.ownerMobile = ownerMobile
        self.dailyQuota = dailyQuota
        self.ratePerMinute = ratePerMinute
        self.webhookMethod = webhookMethod
    }
}

/// Lowercase hex without `String(format:)`, which is slow on Linux and sits on the session path.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
