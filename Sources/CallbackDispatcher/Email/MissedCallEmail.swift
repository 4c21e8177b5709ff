import Foundation
import SessionStore

/// The original service's notification e-mail:
///
///     Subject: [Dial2Verify] Missed Call from 9554595459
///
///     This is to inform you, that, you just received a missed call on your Dial2Verify Listener.
///     Here are the details,
///     Missed Call From: 9554595459
///     Missed Call Time: 2013/07/24 : 03:03:40 IST.
///     Operator: ... Telco Circle: ... Number Type: ... DND Status: ...
public struct MissedCallEmail: Sendable {
    public var brand: String
    public var from: EmailAddress
    public var timeZone: TimeZone

    public init(brand: String, from: EmailAddress, timeZone: TimeZone) {
        self.brand = brand
        self.from = from
        self.timeZone = timeZone
    }

    public func message(to: EmailAddress, event: CallEvent, fields: CallbackFields, eventID: String) -> EmailMessage {
        let body = """
            This is to inform you, that, you just received a missed call on your \(brand) Listener.

            Here are the details,

            Missed Call From: \(fields.verifiedNumber)
            Missed Call Time: \(CallbackTime.emailFormat(event.callTime, in: timeZone)).

            Operator: \(fields.facts.operatorName)
            Telco Circle: \(fields.facts.circle)
            Number Type: \(fields.facts.numberType)
            DND Status: \(fields.facts.dndStatus)
            \(event.sid.map { "Session: \($0)\n" } ?? "")
            Team \(brand)
            """
        return EmailMessage(
            from: from,
            fromName: brand,
            to: to,
            subject: "[\(brand)] Missed Call from \(fields.verifiedNumber)",
            body: body,
            date: event.callTime,
            extraHeaders: [("X-Missedcall-Event-Id", eventID)]
        )
    }
}
