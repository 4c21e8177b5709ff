import Foundation
import SessionStore

/// `POST /v1/verifications` body.
struct CreateVerificationRequest: Decodable {
    var mobile: String
    var country: String?
    var notifyURL: String?
    var email: String?

    enum CodingKeys: String, CodingKey {
        case mobile, country, email
        case notifyURL = "notify_url"
    }
}

/// A verification as the REST API shows it.
struct VerificationResource: Encodable {
    var id: String
    var status: String
    var mobile: String
    /// The number to call, as the user dials it, and in E.164.
    var dial: String
    var dialE164: String
    var imageURL: String
    var createdAt: Date
    var expiresAt: Date
    var verifiedAt: Date?
    /// Lets the browser widget follow this verification without the passkey (`WidgetToken`).
    var widgetToken: String

    enum CodingKeys: String, CodingKey {
        case id, status, mobile, dial
        case dialE164 = "dial_e164"
        case imageURL = "image_url"
        case widgetToken = "widget_token"
        case createdAt = "created_at"
        case expiresAt = "expires_at"
        case verifiedAt = "verified_at"
    }

    init(_ session: VerificationSession, passkey: PasskeyRecord, imageURL: String, now: Date) {
        id = session.sid
        widgetToken = WidgetToken.make(for: session, passkey: passkey)
        status = session.effectiveStatus(at: now).rawValue
        mobile = session.mobile.e164
        dial = session.dialingNumber.nationalDialingForm
        dialE164 = session.dialingNumber.e164
        self.imageURL = imageURL
        createdAt = session.createdAt
        expiresAt = session.expiresAt
        verifiedAt = session.verifiedAt
    }
}

struct TallyResource: Encodable {
    var day: String
    var calls: Int
    var votes: Int
}

/// `{"error":{"code":"...","message":"..."}}`
struct ErrorResource: Encodable {
    struct Body: Encodable {
        var code: String
        var message: String
    }
    var error: Body
}

enum RESTCoding {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()
}
