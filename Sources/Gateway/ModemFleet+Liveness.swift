import ModemKit
import NIOPosix

/// The supervision loop and the checks the systemd watchdog relies on.
extension ModemFleet {
    /// True when every event loop that runs the modems' ports (and so the hang-up path) runs a
    /// task within `limit`. A single dead modem does not make the fleet unresponsive; a stuck loop does.
    func isResponsive(within limit: Duration = .seconds(2)) async -> Bool {
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for loop in loops { _ = try? await loop.submit {}.get() }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    /// The supervision loop: a heartbeat every second (the systemd watchdog checks it). Self-test
    /// calls have their own schedule (`SelfTestScheduler`).
    func superviseFleet() async {
        while !Task.isCancelled {
            heartbeat.withLock { $0 = .now }
            try? await Task.sleep(for: .seconds(1))
        }
    }

    /// True while the supervision loop goes round (it is stuck when its heartbeat is older than `limit`).
    func isSupervising(within limit: Duration = .seconds(10)) -> Bool {
        ContinuousClock.now - heartbeat.withLock({ $0 }) < limit
    }

    /// Whether the systemd watchdog may be pinged: the supervision loop goes round and the event
    /// loops that run the ports answer. Dead, recovering or quarantined modems do not matter here.
    public func isAlive() async -> Bool {
        guard isSupervising() else { return false }
        return await isResponsive()
    }
}
