import Synchronization

/// How many REST long-polls and event streams may wait at once, in all and per passkey. A waiter
/// holds a connection (a descriptor) for up to a minute, or a session's lifetime for a stream:
/// without a cap 1,100 of them took every descriptor the daemon had. Past the cap the client
/// gets `503` with `Retry-After` and can poll instead.
public final class WaiterQuota: Sendable {
    public let total: Int
    public let perPasskey: Int
    private let counts = Mutex<(total: Int, byPasskey: [String: Int])>((0, [:]))

    public init(total: Int = .max, perPasskey: Int = .max) {
        self.total = max(1, total)
        self.perPasskey = max(1, perPasskey)
    }

    /// A place for one waiter of `passkeyID`, or nil when either cap is reached. The place is
    /// given back when the ticket is released or dropped (a stream whose client went away).
    public func acquire(passkeyID: String) -> Ticket? {
        let granted = counts.withLock { counts in
            guard counts.total < total, counts.byPasskey[passkeyID, default: 0] < perPasskey else { return false }
            counts.total += 1
            counts.byPasskey[passkeyID, default: 0] += 1
            return true
        }
        return granted ? Ticket(quota: self, passkeyID: passkeyID) : nil
    }

    /// Waiters now, in all.
    public var waiting: Int { counts.withLock { $0.total } }

    fileprivate func release(passkeyID: String) {
        counts.withLock { counts in
            counts.total -= 1
            let left = counts.byPasskey[passkeyID, default: 1] - 1
            counts.byPasskey[passkeyID] = left > 0 ? left : nil
        }
    }

    public final class Ticket: Sendable {
        private let quota: WaiterQuota
        private let passkeyID: String
        private let released = Atomic<Bool>(false)

        fileprivate init(quota: WaiterQuota, passkeyID: String) {
            self.quota = quota
            self.passkeyID = passkeyID
        }

        public func release() {
            if !released.exchange(true, ordering: .relaxed) { quota.release(passkeyID: passkeyID) }
        }

        deinit { release() }
    }
}
