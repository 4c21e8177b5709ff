import Synchronization

/// Tells waiting REST clients the moment a session changes: the call path publishes the session id
/// after recording a verification. Waiters also re-read the store on a short timer, so a change
/// made by another gateway box sharing the database is seen too.
public final class VerificationEvents: Sendable {
    private let waiters = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    public init() {}

    public func publish(sid: String) {
        let waiting = waiters.withLock { $0.removeValue(forKey: sid) } ?? []
        for waiter in waiting { waiter.resume() }
    }

    /// Returns when `sid` is published or after `timeout`, whichever comes first.
    public func wait(sid: String, timeout: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    self.waiters.withLock { $0[sid, default: []].append(continuation) }
                }
            }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
            // Release our continuation if the timer won.
            self.publish(sid: sid)
            await group.waitForAll()
        }
    }
}
