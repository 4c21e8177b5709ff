import Logging

#if canImport(Glibc)
import Glibc
#endif

/// How much the public HTTP server takes on, and for how long it waits on a client. The
/// configured caps are clamped to what the process's descriptor limit leaves after the reserve
/// the rest of the daemon needs (`clamped(toDescriptors:…)`), so accepting connections can never
/// starve the modems, the database or the admin socket, whatever limit the daemon runs under.
public struct HTTPLimits: Sendable, Equatable {
    /// Connections open at once; at the cap the longest-idle one makes room (`ConnectionTable`).
    public var maxConnections: Int
    /// A request's head must be complete this long after the connection opened or the previous
    /// response ended (also the keep-alive idle time, as Apache's `KeepAliveTimeout`).
    public var headerTimeout: Duration
    /// A request's body must be complete this long after its head.
    public var bodyTimeout: Duration
    /// REST long-polls and event streams waiting at once, in all and for one passkey.
    public var maxWaiters: Int
    public var maxWaitersPerPasskey: Int
    /// What a refused client is told to wait (`Retry-After`).
    public var retryAfterSeconds: Int

    public init(
        maxConnections: Int = 4096,
        headerTimeout: Duration = .seconds(10),
        bodyTimeout: Duration = .seconds(30),
        maxWaiters: Int = 2048,
        maxWaitersPerPasskey: Int = 512,
        retryAfterSeconds: Int = 5
    ) {
        self.maxConnections = maxConnections
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.maxWaiters = maxWaiters
        self.maxWaitersPerPasskey = maxWaitersPerPasskey
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Descriptors kept back from HTTP: measured, the daemon with two simulated modems and no
    /// client holds 64 (event loops' epoll and eventfds, SQLite's files for four connections, the
    /// listening sockets, journald); 256 leaves room for libdispatch's threads (each opens
    /// /proc/<tid>/stat once: running out there aborted the process with SIGILL), SMTP and DNS.
    /// Each modem takes up to 4 (its tty, a simulator's pty pair, a udev monitor), each delivery
    /// in flight one, and the admin socket up to `adminConnections`.
    public static func reserve(modems: Int, deliveries: Int) -> Int {
        256 + 4 * max(0, modems) + max(0, deliveries) + adminConnections
    }

    /// Connections the admin socket serves at once (missedcallctl, scripts).
    public static let adminConnections = 32

    /// The caps as the descriptor limit allows: connections at most `limit − reserve` (and at
    /// least 16), waiters at most three quarters of the connections, so ordinary requests always
    /// find room beside them.
    public func clamped(toDescriptors limit: Int, modems: Int, deliveries: Int) -> HTTPLimits {
        var limits = self
        limits.maxConnections = max(16, min(maxConnections, limit - Self.reserve(modems: modems, deliveries: deliveries)))
        limits.maxWaiters = max(1, min(maxWaiters, limits.maxConnections * 3 / 4))
        limits.maxWaitersPerPasskey = max(1, min(maxWaitersPerPasskey, limits.maxWaiters))
        return limits
    }

    /// Raises the soft descriptor limit to the hard one (as Go's runtime and nginx's
    /// `worker_rlimit_nofile` do; systemd's default soft limit is 1,024 under a hard 524,288) and
    /// returns the soft limit in force. Under the unit's seccomp filter the raise is refused and
    /// `LimitNOFILE=` decides.
    public static func raiseDescriptorLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        let wanted = min(limit.rlim_max, 1 << 20)
        if limit.rlim_cur < wanted {
            var raised = limit
            raised.rlim_cur = wanted
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { return Int(wanted) }
        }
        return Int(clamping: limit.rlim_cur)
    }
}

extension GatewayConfiguration {
    /// The configured caps clamped to this process's descriptor limit (raised first where
    /// allowed), logged once at start; a warning when the limit leaves almost nothing for the API.
    func httpLimitsInForce(logger: Logger) -> HTTPLimits {
        let descriptors = HTTPLimits.raiseDescriptorLimit()
        // udev discovery may bring dongles later: room for 16.
        let modems = simulatedModems + modemDevices.count + (useUdev ? 16 : 0)
        let deliveries = dispatcherSettings.maxConcurrent
        let limits = httpLimits.clamped(toDescriptors: descriptors, modems: modems, deliveries: deliveries)
        let reserve = HTTPLimits.reserve(modems: modems, deliveries: deliveries)
        if descriptors < reserve + 64 {
            logger.warning(
                "the descriptor limit leaves almost nothing for API connections; raise it (LimitNOFILE= in the unit, ulimit -n by hand)",
                metadata: [LogKey.descriptors: "\(descriptors)", LogKey.reserved: "\(reserve)"]
            )
        }
        logger.info(
            "connection limits",
            metadata: [
                LogKey.descriptors: "\(descriptors)", LogKey.connections: "\(limits.maxConnections)", LogKey.waiters: "\(limits.maxWaiters)",
                LogKey.waitersPerPasskey: "\(limits.maxWaitersPerPasskey)",
            ]
        )
        return limits
    }
}
