/// Why the fleet cannot do what the admin asked of a modem. Each case has its code in the one
/// table (`APIErrorCode`: not found or conflict); none is helped by retrying at once except
/// `selfTestRunning` and `notRunning`.
public enum FleetError: Error, Equatable, CustomStringConvertible, Sendable {
    /// No modem with this IMEI or device path.
    case noSuchModem(String)
    /// Only a quarantined modem can be cleared.
    case notQuarantined(String)
    /// Only a modem waiting for its device or quarantined can be forgotten.
    case inService(String, condition: String)
    /// No ready modem serves this pool number.
    case noReadyModem(for: String)
    /// No simulated modem serves this pool number.
    case noSimulatedModem(for: String)
    /// One self-test call at a time in the fleet.
    case selfTestRunning
    /// The modems are not running yet (the daemon is starting).
    case notRunning

    public var description: String {
        switch self {
        case .noSuchModem(let imei): return "modem \(imei) not found"
        case .notQuarantined(let imei): return "modem \(imei) is not quarantined"
        case .inService(let imei, let condition):
            return "modem \(imei) is \(condition); only a modem waiting for its device or quarantined can be forgotten"
        case .noReadyModem(let number): return "a ready modem for \(number) not found"
        case .noSimulatedModem(let number): return "simulated modem for \(number) not found"
        case .selfTestRunning: return "a self-test call is already running"
        case .notRunning: return "modems are not running yet"
        }
    }

    public var isRetryable: Bool { self == .selfTestRunning || self == .notRunning }

    /// Its place in the admin API's table.
    var isNotFound: Bool {
        switch self {
        case .noSuchModem, .noReadyModem, .noSimulatedModem: return true
        case .notQuarantined, .inService, .selfTestRunning, .notRunning: return false
        }
    }
}
