/// The admin API's request bodies, shared by missedcalld (which decodes them) and missedcallctl
/// (which encodes them): a field renamed here is renamed on both sides at compile time.

/// `POST /modems/{imei}/at`
public struct ATRequest: Codable, Sendable, Equatable {
    public var command: String
    public init(command: String) { self.command = command }
}

/// `POST /intelligence/prefixes`, `POST /intelligence/dnd`
public struct ImportRequest: Codable, Sendable, Equatable {
    public var csv: String
    /// The country of national-form prefixes (`09920` → `919920` for IN); IN when absent.
    public var country: String?
    public init(csv: String, country: String? = nil) {
        self.csv = csv
        self.country = country
    }
}

/// `POST /modems/{imei}/sms`
public struct SMSRequest: Codable, Sendable, Equatable {
    public var to: String
    public var text: String
    public init(to: String, text: String) {
        self.to = to
        self.text = text
    }
}

/// `POST /passkeys/{id}/quota`
public struct QuotaRequest: Codable, Sendable, Equatable {
    public var quota: Int
    public init(quota: Int) { self.quota = quota }
}

/// `POST /pool`
public struct PoolAddRequest: Codable, Sendable, Equatable {
    public var number: String
    public var country: String?
    public var purpose: String?
    public var imei: String?
    public var iccid: String?
    public init(number: String, country: String? = nil, purpose: String? = nil, imei: String? = nil, iccid: String? = nil) {
        self.number = number
        self.country = country
        self.purpose = purpose
        self.imei = imei
        self.iccid = iccid
    }
}

/// `POST /passkeys`
public struct PasskeyCreateRequest: Codable, Sendable, Equatable {
    public var label: String
    public var owner: String?
    public var quota: Int?
    public var rate: Int?
    public var method: String?
    public init(label: String, owner: String? = nil, quota: Int? = nil, rate: Int? = nil, method: String? = nil) {
        self.label = label
        self.owner = owner
        self.quota = quota
        self.rate = rate
        self.method = method
    }
}

/// `POST /listeners`
public struct ListenerAddRequest: Codable, Sendable, Equatable {
    public var number: String
    public var country: String?
    public var passkeyID: String
    public var notifyURL: String?
    public var email: String?
    public var dedupeSeconds: Int64?
    public init(
        number: String,
        country: String? = nil,
        passkeyID: String,
        notifyURL: String? = nil,
        email: String? = nil,
        dedupeSeconds: Int64? = nil
    ) {
        self.number = number
        self.country = country
        self.passkeyID = passkeyID
        self.notifyURL = notifyURL
        self.email = email
        self.dedupeSeconds = dedupeSeconds
    }
}

/// `PATCH /passkeys/{id}`: what to change (nil: unchanged).
public struct PasskeyUpdateRequest: Codable, Sendable, Equatable {
    public var label: String?
    public var quota: Int?
    public var rate: Int?
    public var method: String?
    /// The web origins allowed to read sessions from a browser, replacing the list (`[]`: none).
    public var origins: [String]?
    public init(label: String? = nil, quota: Int? = nil, rate: Int? = nil, method: String? = nil, origins: [String]? = nil) {
        self.origins = origins
        self.label = label
        self.quota = quota
        self.rate = rate
        self.method = method
    }
}

/// `PATCH /pool/{number}`: what to change (nil: unchanged).
public struct PoolUpdateRequest: Codable, Sendable, Equatable {
    public var purpose: String?
    public var imei: String?
    public var iccid: String?
    public init(purpose: String? = nil, imei: String? = nil, iccid: String? = nil) {
        self.purpose = purpose
        self.imei = imei
        self.iccid = iccid
    }
}
