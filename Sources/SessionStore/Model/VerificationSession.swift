import Foundation

public enum SessionStatus: String, Sendable, Codable, CaseIterable {
    case pending, verified, expired
}

/// A session id as real clients expect it: `RA$` + uppercase GUID.
public enum SessionID {
    /// A time-ordered GUID (UUIDv7 layout: 48 bits of milliseconds, then random), so new sessions
    /// append to the primary-key index instead of landing on random pages of a large table.
    public static func generate(now: Date = Date()) -> String {
        let millis = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        // Two draws of the system generator, not one per byte: each draw is a getrandom call, and
        // ten of them per session showed in perf (1.6 % of API.dvf's samples with the hex building).
        var random = SystemRandomNumberGenerator()
        let high = random.next()
        let low = random.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: millis >> (8 * (5 - index))) }
        for index in 6..<8 { bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * (index - 6))) }
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * (index - 8))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let digits = Array("0123456789ABCDEF".utf8)
        var text: [UInt8] = Array("RA$".utf8)
        text.reserveCapacity(39)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Accepts `RA$`/`RA-` + GUID in any case, as clients echo it back; `nil` otherwise.
    public static func canonical(_ text: String) -> String? {
        PasskeyToken(text)?.canonical
    }
}

/// One verification: "prove you own `mobile` by calling `dialingNumber` before `expiresAt`".
public struct VerificationSession: Sendable, Equatable, Codable {
    public var sid: String
    public var passkeyID: String
    /// The mobile exactly as the client sent it.
    public var mobileAsGiven: String
    public var mobile: PhoneNumber
    public var country: Country
    public var dialingNumber: PhoneNumber
    public var notifyURL: String?
    public var email: String?
    public var clientIP: String?
    public var createdAt: Date
    public var expiresAt: Date
    public var status: SessionStatus
    public var verifiedAt: Date?
    /// The verifying call's caller ID as the modem gave it.
    public var callerAsPresented: String?
    public var callID: String?

    /// The status a reader should see now: a pending session past its deadline is expired even
    /// before the sweeper marks it.
    public func effectiveStatus(at now: Date) -> SessionStatus {
        status == .pending && now > expiresAt ? .expired : status
    }
}

/// A request to open a session; the store validates, allocates and records it.
public struct NewSession: Sendable, Equatable {
    public var passkey: String
    public var mobile: String
    public var country: Country
    public var notifyURL: String?
    public var email: String?
    public var clientIP: String?
    /// Overrides the store's default window.
    public var lifetime: Duration?
    /// The same key under the same passkey returns the session the first request created.
    public var idempotencyKey: String?

    public init(
        passkey: String,
        mobile: String,
        country: Country = .IN,
        notifyURL: String? = nil,
        email: String? = nil,
        clientIP: String? = nil,
        lifetime: Duration? = nil,
        idempotencyKey: String? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.passkey = passkey
        self.mobile = mobile
        self.country = country
        self.notifyURL = notifyURL
        self.email = email
        self.clientIP = clientIP
        self.lifetime = lifetime
    }
}
