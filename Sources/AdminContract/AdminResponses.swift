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
    /// Web origins whose pages may read this passkey's sessions (the widget, through CORS).
    public var allowedOrigins: [String]

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
        rotating: Bool,
        allowedOrigins: [String] = []
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
        self.allowedOrigins = allowedOrigins
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
    public init(error: String, code: String?) {
        self.error = error
        self.code = code
    }
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

/// `POST /modems/{imei}/at`: the information lines and the final result (one word, as a list).
public struct ATReply: Codable, Sendable, Equatable {
    public var lines: [String]
    public var result: [String]
    public init(lines: [String], result: [String]) {
        self.lines = lines
        self.result = result
    }
}

/// `POST /modems/{imei}/sms`: the network's message reference.
public struct SMSReply: Codable, Sendable, Equatable {
    public var reference: Int
    public init(reference: Int) { self.reference = reference }
}

/// `POST /modems/{imei}/reset`: the modem's final result to `AT+CFUN=1,1`.
public struct ResetReply: Codable, Sendable, Equatable {
    public var result: String
    public init(result: String) { self.result = result }
}

/// `POST /intelligence/prefixes|dnd`: the rows read.
public struct ImportReply: Codable, Sendable, Equatable {
    /// Rows applied (header, comments and rejected rows not counted).
    public var rows: Int
    public var rejected: Int?
    /// The first ten rejected rows: line number and why.
    public var firstRejects: [ImportReject]?
    public init(rows: Int, rejected: Int? = nil, firstRejects: [ImportReject]? = nil) {
        self.rows = rows
        self.rejected = rejected
        self.firstRejects = firstRejects
    }
}

/// `POST /simulate/call`: the pool number that rings.
public struct RingingReply: Codable, Sendable, Equatable {
    public var ringing: String
    public init(ringing: String) { self.ringing = ringing }
}

/// `GET /listeners/{number}/tally`: one UTC day of a listener number.
public struct TallyEntry: Codable, Sendable, Equatable {
    public var number: PhoneNumberView
    public var day: String
    public var calls: Int
    public var votes: Int
    public init(number: PhoneNumberView, day: String, calls: Int, votes: Int) {
        self.number = number
        self.day = day
        self.calls = calls
        self.votes = votes
    }
}

/// `GET /deliveries/destinations`: a destination the dispatcher holds back or watches.
public struct DestinationEntry: Codable, Sendable, Equatable {
    /// `webhook:crm.example.com:443`, `smtp`, `sms:+914466949401`.
    public var destination: String
    /// `closed`, `open` or `half-open`.
    public var circuit: String
    public var inFlight: Int
    public var failuresInARow: Int
    /// While open: when the next probe may go.
    public var retryAt: Date?
    public var lastFailure: String?
    public init(destination: String, circuit: String, inFlight: Int, failuresInARow: Int, retryAt: Date?, lastFailure: String?) {
        self.destination = destination
        self.circuit = circuit
        self.inFlight = inFlight
        self.failuresInARow = failuresInARow
        self.retryAt = retryAt
        self.lastFailure = lastFailure
    }
}

/// `POST /intelligence/dnd/stream`: what an import of a DND list did.
public struct DNDImportReply: Codable, Sendable, Equatable {
    /// Distinct numbers now on the list (it replaced the previous one).
    public var accepted: Int
    /// Of those, new to the list, and already on it; and numbers of the previous list not in this one.
    public var added: Int?
    public var alreadyListed: Int?
    public var removed: Int?
    /// The same number again in the file.
    public var duplicates: Int
    /// Rows marked `no`.
    public var notListed: Int
    public var rejected: Int
    /// The first ten rejected rows: line number and why.
    public var firstRejects: [ImportReject]
    public init(
        accepted: Int,
        added: Int? = nil,
        alreadyListed: Int? = nil,
        removed: Int? = nil,
        duplicates: Int,
        notListed: Int,
        rejected: Int,
        firstRejects: [ImportReject]
    ) {
        self.accepted = accepted
        self.added = added
        self.alreadyListed = alreadyListed
        self.removed = removed
        self.duplicates = duplicates
        self.notListed = notListed
        self.rejected = rejected
        self.firstRejects = firstRejects
    }
}

public struct ImportReject: Codable, Sendable, Equatable {
    public var line: Int
    public var reason: String
    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }
}
