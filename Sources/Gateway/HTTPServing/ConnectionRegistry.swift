import Logging
import NIOCore
import Synchronization

/// The public server's open connections: the thin runner of `ConnectionTable`. It holds each
/// admitted channel so that an evicted one can be closed, and counts what it did for metrics.
final class ConnectionRegistry: Sendable {
    struct Counts: Sendable, Equatable {
        var open = 0
        var busy = 0
        var evicted = 0
        var refused = 0
        var headerTimeouts = 0
        var bodyTimeouts = 0
    }

    private struct State {
        var table: ConnectionTable
        var channels: [Int: any Channel] = [:]
        var nextID = 0
        var counts = Counts()
    }

    private let state: Mutex<State>
    let limits: HTTPLimits
    let logger: Logger

    init(limits: HTTPLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
        self.state = Mutex(State(table: ConnectionTable(capacity: limits.maxConnections)))
    }

    /// Admits `channel` (closing the longest-idle connection if the cap is reached), or returns nil
    /// when it must be refused.
    func admit(_ channel: any Channel) -> Int? {
        let now = NIODeadline.now().uptimeNanoseconds
        let (id, evicted) = state.withLock { state -> (Int?, (any Channel)?) in
            let id = state.nextID
            state.nextID += 1
            switch state.table.open(id, now: now) {
            case .admitted:
                state.channels[id] = channel
                return (id, nil)
            case .admittedEvicting(let old):
                state.channels[id] = channel
                state.counts.evicted += 1
                return (id, state.channels.removeValue(forKey: old))
            case .refused:
                state.counts.refused += 1
                return (nil, nil)
            }
        }
        evicted?.close(promise: nil)
        if id == nil { logger.warning("connection refused: every connection is busy", metadata: ["cap": "\(limits.maxConnections)"]) }
        return id
    }

    func requestStarted(_ id: Int) {
        state.withLock { $0.table.requestStarted(id) }
    }

    func requestFinished(_ id: Int) {
        let now = NIODeadline.now().uptimeNanoseconds
        state.withLock { $0.table.requestFinished(id, now: now) }
    }

    func closed(_ id: Int) {
        state.withLock {
            $0.table.closed(id)
            $0.channels[id] = nil
        }
    }

    func timedOut(header: Bool) {
        state.withLock { header ? ($0.counts.headerTimeouts += 1) : ($0.counts.bodyTimeouts += 1) }
    }

    var counts: Counts {
        state.withLock {
            var counts = $0.counts
            counts.open = $0.table.count
            counts.busy = $0.table.busy.count
            return counts
        }
    }
}
