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
        /// Refusals are logged at most every 10 s, with how many there were: a flood must not
        /// become a flood of log lines.
        var lastRefusalLog: UInt64 = 0
        var refusedSinceLog = 0
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
        let (id, evicted, report) = state.withLock { state -> (Int?, (any Channel)?, Int?) in
            let id = state.nextID
            state.nextID += 1
            switch state.table.open(id, now: now) {
            case .admitted:
                state.channels[id] = channel
                return (id, nil, nil)
            case .admittedEvicting(let old):
                state.channels[id] = channel
                state.counts.evicted += 1
                return (id, state.channels.removeValue(forKey: old), nil)
            case .refused:
                state.counts.refused += 1
                state.refusedSinceLog += 1
                guard now - state.lastRefusalLog >= 10_000_000_000 else { return (nil, nil, nil) }
                state.lastRefusalLog = now
                defer { state.refusedSinceLog = 0 }
                return (nil, nil, state.refusedSinceLog)
            }
        }
        evicted?.close(promise: nil)
        if let report {
            logger.warning(
                "connections refused with 503: every connection is busy with a request",
                metadata: [LogKey.cap: "\(limits.maxConnections)", LogKey.refused: "\(report)"]
            )
        }
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
        state.withLock {
            if header {
                $0.counts.headerTimeouts += 1
            } else {
                $0.counts.bodyTimeouts += 1
            }
        }
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
