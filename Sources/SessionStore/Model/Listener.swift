import Foundation

/// A missed-call listener number: every call is a vote (deduped per caller), told to its owner.
public struct Listener: Sendable, Equatable, Codable {
    public var number: PhoneNumber
    public var passkeyID: String
    public var notifyURL: String?
    public var email: String?
    /// The same caller again within this window is counted once.
    public var dedupeWindow: Duration
    public var createdAt: Date

    public init(
        number: PhoneNumber,
        passkeyID: String,
        notifyURL: String? = nil,
        email: String? = nil,
        dedupeWindow: Duration = .seconds(86_400),
        createdAt: Date = Date()
    ) {
        self.number = number
        self.passkeyID = passkeyID
        self.notifyURL = notifyURL
        self.email = email
        self.dedupeWindow = dedupeWindow
        self.createdAt = createdAt
    }
}

/// Calls and votes on a listener number in one UTC day.
public struct ListenerTally: Sendable, Equatable, Codable {
    public var number: PhoneNumber
    /// `2026-11-28`
    public var day: String
    public var calls: Int
    public var votes: Int
}
