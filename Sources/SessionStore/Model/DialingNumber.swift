import Foundation

/// What a pool number is for.
public enum NumberPurpose: String, Sendable, Codable, CaseIterable {
    /// Handed out to verification sessions.
    case verification
    /// A missed-call listener (polls, voting, missed call to CRM).
    case listener
    /// Give a missed call, get an API passkey by SMS.
    case signup
}

/// A number in the pool, bound to the modem (IMEI) and SIM (ICCID) that receive its calls.
public struct DialingNumber: Sendable, Equatable, Codable {
    public var number: PhoneNumber
    public var country: Country
    public var purpose: NumberPurpose
    public var modemIMEI: String?
    public var simICCID: String?
    /// The admin's switch.
    public var enabled: Bool
    /// The modem's report: a number whose modem is not ready is never handed out.
    public var online: Bool
    public var createdAt: Date
    /// The gateway node whose modem marked the number online, and until when its lease holds: a
    /// node that stops renewing (it died) loses the number from allocation when the lease ends.
    public var nodeID: String?
    public var leaseUntil: Date?

    /// Online and, if a node holds it, within that node's lease.
    public func isAvailable(at now: Date) -> Bool {
        online && (leaseUntil.map { $0 >= now } ?? true)
    }

    public init(
        number: PhoneNumber,
        country: Country,
        purpose: NumberPurpose,
        modemIMEI: String? = nil,
        simICCID: String? = nil,
        enabled: Bool = true,
        online: Bool = false,
        createdAt: Date = Date(),
        nodeID: String? = nil,
        leaseUntil: Date? = nil
    ) {
        self.nodeID = nodeID
        self.leaseUntil = leaseUntil
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

/// How busy a number is now: a SIM takes one call at a time, so these decide who hears busy.
public struct NumberLoad: Sendable, Equatable {
    /// Sessions on the number whose call is still to come.
    public var pendingSessions: Int
    public var callsLastMinute: Int

    public init(pendingSessions: Int, callsLastMinute: Int) {
        self.pendingSessions = pendingSessions
        self.callsLastMinute = callsLastMinute
    }
}
