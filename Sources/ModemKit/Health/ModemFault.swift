/// Why a running modem was taken out of service. The supervisor answers each with a recovery rung;
/// the terminal ones go straight to quarantine, because retrying would make things worse.
public enum ModemFault: Error, Sendable, Equatable, CustomStringConvertible {
    /// `AT` went unanswered this many times in a row.
    case unresponsive(probes: Int)
    /// Registration lost (or never gained) for longer than the grace period.
    case notRegistered(RegistrationStatus, seconds: Int)
    /// The SIM is missing, failed or busy.
    case sim(SIMState)
    /// The SIM wants a PIN that is not configured, or refused the configured one. Retrying would
    /// burn the remaining attempts and lock the SIM behind its PUK.
    case pinProblem(String)
    /// The modem answers `AT` but missed its self-test calls: it no longer reports incoming calls.
    case missedSelfTests(Int)
    /// The device node vanished (unplugged, dropped off the bus, re-enumerating).
    case disconnected
    /// The device node could not be opened (missing, permission, busy).
    case cannotOpen(String)

    /// Quarantine at once instead of climbing the ladder.
    public var isTerminal: Bool {
        if case .pinProblem = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .unresponsive(let probes): return "no answer to AT (\(probes) probes)"
        case .notRegistered(let status, let seconds): return "not registered (\(status)) for \(seconds) s"
        case .sim(let state): return "SIM \(state)"
        case .pinProblem(let detail): return "SIM PIN: \(detail)"
        case .missedSelfTests(let count): return "missed \(count) self-test calls"
        case .disconnected: return "device disconnected"
        case .cannotOpen(let detail): return "cannot open the port: \(detail)"
        }
    }
}
