/// Why the daemon could not start or serve: each case names the failing step, and whether trying
/// again (as systemd's `Restart=on-failure` will) can help.
public enum GatewayError: Error, Equatable, CustomStringConvertible, Sendable {
    /// Another missedcalld holds the state folder's lock.
    case alreadyRunning(stateDirectory: String, pid: Int32?)
    /// The public API or the admin socket could not be opened (port taken, no permission).
    case cannotListen(address: String, reason: String)
    /// The state folder's lock file could not be opened or locked.
    case cannotLock(path: String, reason: String)
    /// The store could not be opened: the database is unreachable, refuses us, or is misconfigured.
    case cannotOpenStore(reason: String, retryable: Bool)

    public var description: String {
        switch self {
        case .alreadyRunning(let directory, let pid):
            return
                "another missedcalld\(pid.map { " (pid \($0))" } ?? "") is running on the state folder \(directory); stop it first or give this one another state.directory"
        case .cannotListen(let address, let reason):
            return "cannot listen on \(address): \(reason)"
        case .cannotLock(let path, let reason):
            return "cannot lock \(path): \(reason)"
        case .cannotOpenStore(let reason, _):
            return "cannot open the store: \(reason)"
        }
    }

    /// Whether a later try may succeed: the other daemon or the port's holder may go away; a lock
    /// file we may not open stays so.
    public var isRetryable: Bool {
        switch self {
        case .alreadyRunning, .cannotListen: return true
        case .cannotLock: return false
        case .cannotOpenStore(_, let retryable): return retryable
        }
    }
}
