import Foundation

/// What a recorded call means, for deciding its notifications inside the recording transaction.
public enum CallMatch: Sendable {
    case verified(VerificationSession, MissedCall)
    case listenerVote(Listener, MissedCall)
}

/// Decides which outbox jobs a call produces. It runs inside the store's transaction, so it must
/// be quick and must not block: the daemon's planner adds number intelligence from memory.
public protocol NotificationPlanner: Sendable {
    func notifications(for match: CallMatch) -> [NewOutboxJob]
}

/// The event every notification of a call carries, as JSON in the outbox.
public struct CallEvent: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case verification, listener }

    public var kind: Kind
    public var sid: String?
    /// E.164.
    public var caller: String
    public var dialedNumber: String
    /// When the session was created (verification) or the call was received (listener).
    public var transactionTime: Date
    public var callTime: Date
    public var country: String?
    /// The notify URL or e-mail the job goes to, kept for the admin's view.
    public var passkeyID: String?

    public init(
        kind: Kind,
        sid: String?,
        caller: String,
        dialedNumber: String,
        transactionTime: Date,
        callTime: Date,
        country: String?,
        passkeyID: String?
    ) {
        self.kind = kind
        self.sid = sid
        self.caller = caller
        self.dialedNumber = dialedNumber
        self.transactionTime = transactionTime
        self.callTime = callTime
        self.country = country
        self.passkeyID = passkeyID
    }

    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .millisecondsSince1970
        encoder.outputFormatting = .sortedKeys
        return (try? encoder.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    public static func decode(_ json: String) -> CallEvent? {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .millisecondsSince1970
        return try? decoder.decode(CallEvent.self, from: Data(json.utf8))
    }
}

/// A webhook to the notify URL and an e-mail to the e-notify address, when given.
public struct DefaultNotificationPlanner: NotificationPlanner {
    public init() {}

    public func notifications(for match: CallMatch) -> [NewOutboxJob] {
        let event: CallEvent
        let notifyURL: String?
        let email: String?
        let passkeyID: String
        switch match {
        case .verified(let session, let call):
            event = CallEvent(
                kind: .verification,
                sid: session.sid,
                caller: session.mobile.e164,
                dialedNumber: call.dialedNumber.e164,
                transactionTime: session.createdAt,
                callTime: call.receivedAt,
                country: session.country.rawValue,
                passkeyID: session.passkeyID
            )
            (notifyURL, email, passkeyID) = (session.notifyURL, session.email, session.passkeyID)
        case .listenerVote(let listener, let call):
            event = CallEvent(
                kind: .listener,
                sid: nil,
                caller: call.caller?.e164 ?? call.callerAsPresented,
                dialedNumber: call.dialedNumber.e164,
                transactionTime: call.receivedAt,
                callTime: call.receivedAt,
                country: call.dialedNumber.country?.rawValue,
                passkeyID: listener.passkeyID
            )
            (notifyURL, email, passkeyID) = (listener.notifyURL, listener.email, listener.passkeyID)
        }
        var jobs: [NewOutboxJob] = []
        let payload = event.json()
        if let notifyURL, !notifyURL.isEmpty, notifyURL.uppercased() != "NA" {
            jobs.append(NewOutboxJob(kind: .webhook, target: notifyURL, payload: payload, passkeyID: passkeyID))
        }
        if let email, !email.isEmpty, email.uppercased() != "NA" {
            jobs.append(NewOutboxJob(kind: .email, target: email, payload: payload, passkeyID: passkeyID))
        }
        return jobs
    }
}
