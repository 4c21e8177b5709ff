import Foundation
import SessionStore

/// The fields of a callback, named and formatted as the original service sent them:
/// `SID`, `VerifiedNumber`, `TransactionTime`, `VerificationCallTime` (`2013-07-24 03:03:40` in the
/// configured time zone), `Operator`, `TelcoCircle`, `NumberType`, `DNDStatus`.
public struct CallbackFields: Sendable, Equatable {
    public var sid: String
    /// The national form: the 10-digit number for India.
    public var verifiedNumber: String
    public var transactionTime: String
    public var verificationCallTime: String
    public var facts: NumberFacts

    public init(event: CallEvent, facts: NumberFacts, timeZone: TimeZone) {
        sid = event.sid ?? ""
        let caller = PhoneNumber(e164: event.caller)
        verifiedNumber = caller.country == nil ? event.caller : caller.nationalNumber
        transactionTime = CallbackTime.format(event.transactionTime, in: timeZone)
        verificationCallTime = CallbackTime.format(event.callTime, in: timeZone)
        self.facts = facts
    }

    /// In the original's order.
    public var pairs: [(String, String)] {
        [
            ("SID", sid), ("VerifiedNumber", verifiedNumber), ("TransactionTime", transactionTime),
            ("VerificationCallTime", verificationCallTime), ("Operator", facts.operatorName), ("TelcoCircle", facts.circle),
            ("NumberType", facts.numberType), ("DNDStatus", facts.dndStatus),
        ]
    }
}

/// `2013-07-24 03:03:40` and the e-mail's `2013/07/24 : 03:03:40 IST`, without DateFormatter (not
/// thread-safe in swift-corelibs-foundation).
public enum CallbackTime {
    public static func format(_ date: Date, in timeZone: TimeZone) -> String {
        let c = components(date, timeZone)
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }

    public static func emailFormat(_ date: Date, in timeZone: TimeZone) -> String {
        let c = components(date, timeZone)
        let zone = zoneLabel(timeZone, at: date)
        return String(format: "%04d/%02d/%02d : %02d:%02d:%02d ", c.year ?? 0, c.month ?? 0, c.day ?? 0, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
            + zone
    }

    /// The short name people know (`IST`); Foundation on Linux often only knows `GMT+5:30`.
    static func zoneLabel(_ timeZone: TimeZone, at date: Date) -> String {
        let known = ["Asia/Kolkata": "IST", "Asia/Calcutta": "IST", "UTC": "UTC", "GMT": "GMT", "Europe/Rome": "CET"]
        if let label = known[timeZone.identifier], timeZone.identifier != "Europe/Rome" || !timeZone.isDaylightSavingTime(for: date) {
            return label
        }
        return timeZone.abbreviation(for: date) ?? timeZone.identifier
    }

    /// RFC 5322 date: `Wed, 24 Jul 2013 03:03:40 +0530`.
    public static func rfc5322(_ date: Date, in timeZone: TimeZone) -> String {
        let c = components(date, timeZone)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let offset = timeZone.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let minutes = abs(offset) / 60
        return String(
            format: "%@, %d %@ %04d %02d:%02d:%02d %@%02d%02d",
            days[((c.weekday ?? 1) - 1) % 7],
            c.day ?? 1,
            months[((c.month ?? 1) - 1) % 12],
            c.year ?? 1970,
            c.hour ?? 0,
            c.minute ?? 0,
            c.second ?? 0,
            sign,
            minutes / 60,
            minutes % 60
        )
    }

    private static func components(_ date: Date, _ timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
    }
}
