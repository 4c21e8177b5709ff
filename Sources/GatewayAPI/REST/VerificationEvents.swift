import Synchronization

/// Tells waiting REST clients the moment a session changes: the call path publishes the session id
/// after recording a verification. Waiters also re-read the store on a short timer, so a change
/// made by another gateway box sharing the database is seen too.
///
/// Each wait has a slot of its own, so a timeout ends only that wait (it used to publish the
/// session and wake every other waiter), and whichever comes first — the publish, the timeout or
/// the registration of the continuation — the wait returns: a timeout that won before the
/// continuation was registered used to leave it registered for ever, and the long-poll or event
/// stream hung.
public final class VerificationEvents: Sendable {
    private enum Slot {
        /// Made, continuation not registered yet.
        case created
        case waiting(CheckedContinuation<Void, Never>)
        /// Published or timed out before the continuation was registered: it returns at once.
        case ended
    }

    private struct State {
        var slots: [Int: Slot] = [:]
        var bySID: [String: Set<Int>] = [:]
        var nextID = 0

        /// Removes the slot; the continuation to resume if it was waiting.
        mutating func end(_ id: Int, sid: String) -> CheckedContinuation<Void, Never>? {
            switch slots[id] {
            case .waiting(let continuation):
                slots[id] = nil
                forget(id, sid: sid)
                return continuation
            case .created:
                slots[id] = .ended
                forget(id, sid: sid)
                return nil
            case .ended, nil:
                return nil
            }
        }

        mutating func forget(_ id: Int, sid: String) {
            bySID[sid]?.remove(id)
            if bySID[sid]?.isEmpty == true { bySID[sid] = nil }
        }
    }

    private let state = Mutex(State())

    public init() {}

    public func publish(sid: String) {
        let waiting = state.withLock { state in
            (state.bySID[sid] ?? []).compactMap { state.end($0, sid: sid) }
        }
        for waiter in waiting { waiter.resume() }
    }

    /// Waits in progress, for tests and metrics.
    public var waiting: Int { state.withLock { $0.slots.count } }

    /// Returns when `sid` is published or after `timeout`, whichever comes first.
    public func wait(sid: String, timeout: Duration) async {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.slots[state.nextID] = .created
            state.bySID[sid, default: []].insert(state.nextID)
            return state.nextID
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.suspend(id, sid: sid) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
    }

    private func suspend(_ id: Int, sid: String) async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let endedAlready = state.withLock { state -> Bool in
                    guard case .created = state.slots[id] else {
                        state.slots[id] = nil
                        return true
                    }
                    state.slots[id] = .waiting(continuation)
                    return false
                }
                if endedAlready { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.end(id, sid: sid) }?.resume()
        }
    }
}
