import Foundation

/// What became of a received call.
public enum CallResult: String, Sendable, Codable, CaseIterable {
    /// It verified a pending session.
    case verified
    /// The session it matches was already verified (another ring, a second call).
    case alreadyVerified = "already-verified"
    /// No session of this caller on this number was open at that time.
    case unmatched
    /// The caller withheld the number (or the network did not give it).
    case unknownCaller = "unknown-caller"
    /// A vote on a listener number.
    case listenerVote = "listener-vote"
    /// The same caller again within the listener's dedupe window.
    case listenerDuplicate = "listener-duplicate"
    /// A call to a signup number.
    case signup
    /// The dialed number is not in the pool.
    case unknownNumber = "unknown-number"
}

/// Every call received, matched or not.
public struct MissedCall: Sendable, Equatable, Codable {
    public var id: String
    public var dialedNumber: PhoneNumber
    /// `nil` for a withheld or unavailable caller.
    public var caller: PhoneNumber?
    public var callerAsPresented: String
    public var receivedAt: Date
    public var modemIMEI: String?
    public var result: CallResult
    public var sessionSID: String?
}

/// A call as the modem layer reports it, for the store to match and record.
public struct IncomingCallRecord: Sendable, Equatable {
    /// Chosen by the caller of `recordCall`, so that recording the same call twice is harmless.
    public var id: String
    public var dialedNumber: PhoneNumber
    /// The caller ID text as presented (`+919920123456`, `09920123456`), `nil` when withheld.
    public var callerAsPresented: String?
    /// The caller ID's type of number (145 international, 129 national).
    public var callerType: Int?
    public var receivedAt: Date
    public var modemIMEI: String?

    public init(
        id: String = UUID().uuidString,
        dialedNumber: PhoneNumber,
        callerAsPresented: String?,
        callerType: Int? = nil,
        receivedAt: Date = Date(),
        modemIMEI: String? = nil
    ) {
        self.id = id
        self.dialedNumber = dialedNumber
        self.callerAsPresented = callerAsPresented
        self.callerType = callerType
        self.receivedAt = receivedAt
        self.modemIMEI = modemIMEI
    }
}

/// What `recordCall` did.
public struct CallOutcome: Sendable, Equatable {
    public var call: MissedCall
    /// The session the call verified (or had verified before).
    public var session: VerificationSession?
    /// The listener the call voted on.
    public var listener: Listener?
    /// Outbox jobs written in the same transaction.
    public var notifications: [OutboxJob]
}
