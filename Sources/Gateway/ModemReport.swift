import ModemKit

/// One modem as the admin API, the CLI and the metrics see it.
public struct ModemReport: Sendable {
    public var status: ModemStatus
    public var health: ModemHealth
    /// Its self-test record (as receiver, and its learned number as dialer).
    public var selfTest: SelfTestRecord?
    /// The pool number it serves.
    public var number: String?
    /// Stable for the daemon's life, whatever tty the modem is on (assigned by IMEI).
    public var modemID: Int?
}
