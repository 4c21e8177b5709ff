/// Where a modem is in its life; only `ready` modems take calls for the pool.
public enum ModemState: Sendable, Equatable, CustomStringConvertible {
    case probing
    case initializing
    case ready
    case simMissing
    case pinRequired
    case notRegistered(RegistrationStatus)
    case failed(String)
    case disconnected

    public var description: String {
        switch self {
        case .probing: return "probing"
        case .initializing: return "initializing"
        case .ready: return "ready"
        case .simMissing: return "sim-missing"
        case .pinRequired: return "pin-required"
        case .notRegistered(let status): return "not-registered(\(status))"
        case .failed(let reason): return "failed(\(reason))"
        case .disconnected: return "disconnected"
        }
    }

    /// A short stable name for metrics labels.
    public var name: String {
        switch self {
        case .notRegistered: return "not-registered"
        case .failed: return "failed"
        default: return description
        }
    }
}
