import Foundation

/// A phone number as the admin API shows it (E.164 and the country it belongs to).
public struct PhoneNumberView: Codable, Sendable, Equatable {
    public var e164: String
    public var country: String?
    public init(e164: String, country: String?) {
        self.e164 = e164
        self.country = country
    }
}

/// `GET /pool`, and the replies of the pool's commands.
public struct PoolEntry: Codable, Sendable, Equatable {
    public var number: PhoneNumberView
    public var country: String
    /// `verification`, `listener` or `signup`.
    public var purpose: String
    public var modemIMEI: String?
    public var simICCID: String?
    public var enabled: Bool
    public var online: Bool
    public var createdAt: Date
    /// The node whose modem holds it online (nil: offline, or an older daemon).
    public var node: String?
    /// Sessions whose call is still to come on this number (nil: an older daemon).
    public var pendingSessions: Int?
    /// Calls it took in the last minute (nil: an older daemon).
    public var callsLastMinute: Int?
    public init(
        number: PhoneNumberView,
        country: String,
        purpose: String,
        modemIMEI: String?,
        simICCID: String?,
        enabled: Bool,
        online: Bool,
        createdAt: Date,
        node: String? = nil,
        pendingSessions: Int? = nil,
        callsLastMinute: Int? = nil
    ) {
        self.node = node
        self.pendingSessions = pendingSessions
        self.callsLastMinute = callsLastMinute
        self.number = number
        self.country = country
        self.purpose = purpose
        self.modemIMEI = modemIMEI
        self.simICCID = simICCID
        self.enabled = enabled
        self.online = online
        self.createdAt = createdAt
    }
}

/// `GET /sessions`, `GET /sessions/{sid}`.
public struct SessionEntry: Codable, Sendable, Equatable {
    public var sid: String
    public var passkeyID: String
    public var mobileAsGiven: String
    public var mobile: PhoneNumberView
    public var country: String
    public var dialingNumber: PhoneNumberView
    public var notifyURL: String?
    public var email: String?
    public var clientIP: String?
    public var createdAt: Date
    public var expiresAt: Date
    /// `pending`, `verified` or `expired`.
    public var status: String
    public var verifiedAt: Date?
    public var callerAsPresented: String?
    public var callID: String?
    public init(
        sid: String,
        passkeyID: String,
        mobileAsGiven: String,
        mobile: PhoneNumberView,
        country: String,
        dialingNumber: PhoneNumberView,
        notifyURL: String?,
        email: String?,
        clientIP: String?,
        createdAt: Date,
        expiresAt: Date,
        status: String,
        verifiedAt: Date?,
        callerAsPresented: String?,
        callID: String?
    ) {
        self.sid = sid
        self.passkeyID = passkeyID
        self.mobileAsGiven = mobileAsGiven
        self.mobile = mobile
        self.country = country
        self.dialingNumber = dialingNumber
        self.notifyURL = notifyURL
        self.email = email
        self.clientIP = clientIP
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.status = status
        self.verifiedAt = verifiedAt
        self.callerAsPresented = callerAsPresented
        self.callID = callID
    }
}

/// `GET /calls`.
public struct CallEntry: Codable, Sendable, Equatable {
    public var id: String
    public var dialedNumber: PhoneNumberView
    /// `nil` for a withheld or unavailable caller.
    public var caller: PhoneNumberView?
    public var callerAsPresented: String
    public var receivedAt: Date
    public var modemIMEI: String?
    public var result: String
    public var sessionSID: String?
    public init(
        id: String,
        dialedNumber: PhoneNumberView,
        caller: PhoneNumberView?,
        callerAsPresented: String,
        receivedAt: Date,
        modemIMEI: String?,
        result: String,
        sessionSID: String?
    ) {
        self.id = id
        self.dialedNumber = dialedNumber
        self.caller = caller
        self.callerAsPresented = callerAsPresented
        self.receivedAt = receivedAt
        self.modemIMEI = modemIMEI
        self.result = result
        self.sessionSID = sessionSID
    }
}

/// `GET /deliveries`: a job without its payload (the event it carries is the receiver's).
public struct DeliveryEntry: Codable, Sendable, Equatable {
    public var id: String
    /// `webhook`, `email` or `sms`.
    public var kind: String
    public var target: String
    public var passkeyID: String?
    public var attempts: Int
    public var nextAttemptAt: Date
    public var state: String
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
    public init(
        id: String,
        kind: String,
        target: String,
        passkeyID: String?,
        attempts: Int,
        nextAttemptAt: Date,
        state: String,
        lastError: String?,
        createdAt: Date,
        deliveredAt: Date?
    ) {
        self.id = id
        self.kind = kind
        self.target = target
        self.passkeyID = passkeyID
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.state = state
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
    }
}

/// One attempt of a delivery, in `GET /deliveries/{id}`.
public struct AttemptEntry: Codable, Sendable, Equatable {
    public var attemptedAt: Date
    /// `delivered`, `failed`, `stopped` or `refused`.
    public var result: String
    public var statusCode: Int?
    public var detail: String?
    public var latencyMilliseconds: Double
    public init(attemptedAt: Date, result: String, statusCode: Int?, detail: String?, latencyMilliseconds: Double) {
        self.attemptedAt = attemptedAt
        self.result = result
        self.statusCode = statusCode
        self.detail = detail
        self.latencyMilliseconds = latencyMilliseconds
    }
}

/// `GET /deliveries/{id}`.
public struct DeliveryDetail: Codable, Sendable, Equatable {
    public var job: DeliveryEntry
    public var attempts: [AttemptEntry]
    public init(job: DeliveryEntry, attempts: [AttemptEntry]) {
        self.job = job
        self.attempts = attempts
    }
}

/// `GET /listeners`, `POST /listeners`.
public struct ListenerEntry: Codable, Sendable, Equatable {
    public var number: PhoneNumberView
    public var passkeyID: String
    public var notifyURL: String?
    public var email: String?
    /// The same caller again within this counts once.
    public var dedupeSeconds: Double
    public var createdAt: Date
    public init(number: PhoneNumberView, passkeyID: String, notifyURL: String?, email: String?, dedupeSeconds: Double, createdAt: Date) {
        self.number = number
        self.passkeyID = passkeyID
        self.notifyURL = notifyURL
        self.email = email
        self.dedupeSeconds = dedupeSeconds
        self.createdAt = createdAt
    }
}
