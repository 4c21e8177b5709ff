import Foundation

/// What the self-test calls found out about one modem (by IMEI), as receiver and as dialer.
public struct SelfTestRecord: Sendable, Equatable, Codable {
    public enum Result: String, Sendable, Codable {
        /// The receiving modem reported the ring from the dialing modem.
        case passed
        /// It did not within the timeout.
        case missed
        /// Could not run: no other ready modem to dial from, or the dial was refused.
        case skipped
    }

    public var lastAt: Date?
    public var lastResult: Result?
    public var lastDetail: String?
    public var consecutiveMisses = 0
    public var passed = 0
    public var missed = 0
    /// This SIM's number as another modem saw it in a self-test call (`AT+CNUM` is usually empty).
    public var learnedNumber: String?

    public init() {}
}
