import Foundation

/// What the supervisor knows about a modem's health: shown by `missedcallctl modems` and metrics.
public struct ModemHealth: Sendable, Equatable, Codable {
    public enum Condition: String, Sendable, Codable {
        /// Opening and initialising for the first time.
        case starting
        case healthy
        /// Out of service; `rung` is being tried.
        case recovering
        /// The device node vanished; waiting for it (or for the same IMEI elsewhere).
        case waitingForDevice = "waiting-for-device"
        /// Given up until an admin clears it (`missedcallctl modems clear`).
        case quarantined
    }

    public var condition: Condition = .starting
    /// The rung being tried while recovering.
    public var rung: RecoveryRung?
    public var lastFault: String?
    public var lastFaultAt: Date?
    /// The rung that last brought the modem back, and when.
    public var lastRecoveryRung: RecoveryRung?
    public var lastRecoveryAt: Date?
    public var quarantineReason: String?
    public var quarantinedAt: Date?
    /// Rungs tried and rungs that worked, by rung name, since the daemon started.
    public var attempts: [String: Int] = [:]
    public var recoveries: [String: Int] = [:]

    public init() {}
}
