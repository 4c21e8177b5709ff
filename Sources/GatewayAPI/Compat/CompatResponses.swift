import Foundation
import SessionStore

/// The JSON bodies of the Dial2Verify API, field for field.
public enum CompatResponses {
    /// `API.dvf` success: `{"APIStatus":"Success","Number":...,"SessionId":...,"ImageUrl":...,"VerificationNode":...}`.
    public static func created(_ session: VerificationSession, imageURL: String) -> OrderedJSON {
        OrderedJSON([
            ("APIStatus", .string("Success")),
            ("Number", .string(session.mobile.country == nil ? session.mobile.e164 : session.mobile.nationalNumber)),
            ("SessionId", .string(session.sid)),
            ("ImageUrl", .string(imageURL)),
            ("VerificationNode", .string(session.dialingNumber.nationalDialingForm)),
        ])
    }

    /// `API.dvf` failure, in the success shape: `APIStatus` `Error` or `Usage Overflow`,
    /// `ImageUrl` `Err` (clients test for it), and a `Message` for people.
    public static func failed(status: String, message: String, number: String?) -> OrderedJSON {
        OrderedJSON([
            ("APIStatus", .string(status)),
            ("Number", .string(number ?? "")),
            ("SessionId", .string("")),
            ("ImageUrl", .string("Err")),
            ("VerificationNode", .string("")),
            ("Message", .string(message)),
        ])
    }

    /// `DataFeed_APIV2.dvf`: `UnVerified` while pending (exactly that spelling), `VERIFIED` with the
    /// 10-digit number and its type, `EXPIRED` after the window.
    public static func status(_ session: VerificationSession, now: Date, numberType: String) -> OrderedJSON {
        switch session.effectiveStatus(at: now) {
        case .pending:
            return OrderedJSON([("VerificationStatus", .string("UnVerified"))])
        case .verified:
            return OrderedJSON([
                ("VerificationStatus", .string("VERIFIED")),
                ("VerifiedMobileNumber", .string(session.mobile.country == nil ? session.mobile.e164 : session.mobile.nationalNumber)),
                ("NumberType", .string(numberType)),
            ])
        case .expired:
            return OrderedJSON([("VerificationStatus", .string("EXPIRED"))])
        }
    }

    public static func statusError(_ message: String) -> OrderedJSON {
        OrderedJSON([("VerificationStatus", .string("Error")), ("Message", .string(message))])
    }

    /// The V1 form `Token=Verify`: `{"Verified":1}` or `{"Verified":0}`.
    public static func verified(_ yes: Bool) -> OrderedJSON {
        OrderedJSON([("Verified", .int(yes ? 1 : 0))])
    }

    /// Early V2 `GetImageAPIV2.dvf`: `{"ImageUrl":...,"SID":...}`.
    public static func earlyImage(imageURL: String, sid: String) -> OrderedJSON {
        OrderedJSON([("ImageUrl", .string(imageURL)), ("SID", .string(sid))])
    }
}
