import Foundation

public enum SessionStatus: String, Sendable, Codable, CaseIterable {
    case pending, verified, expired
}

/// A session id as real clients expect it: `RA$` + uppercase GUID.
public enum SessionID {
    public static func generate() -> String { "RA$" + UUID().uuidString }

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

    public init(
        passkey: String, mobile: String, country: Country = .IN, notifyURL: String? = nil, email: String? = nil,
        clientIP: String? = nil, lifetime: Duration? = nil
    ) {
        self.passkey = passkey
        self.mobile = mobile
        self.country = country
        self.notifyURL = notifyURL
        self.email = email
        self.clientIP = clientIP
        self.lifetime = lifetime
    }
}
