/// Decides, without I/O, what to do after each failure of a modem: the next rung of the ladder,
/// waiting for a vanished device, or quarantine. One ladder per modem (by IMEI), so a dongle that
/// re-enumerates under another tty keeps its history.
public struct RecoveryLadder: Sendable, Equatable {
    public enum Decision: Sendable, Equatable {
        case attempt(RecoveryRung, after: Duration)
        /// The device node is gone: look for it again later; udev may bring it back elsewhere.
        case awaitDevice(after: Duration)
        case quarantine(reason: String)
    }

    public let policy: RecoveryPolicy
    /// The rung tried last in the current recovery; `nil` when not recovering.
    public private(set) var currentRung: RecoveryRung?
    /// When the modem failed after having been healthy, within the flap window.
    public private(set) var relapses: [ContinuousClock.Instant] = []
    /// The modem reached `ready` since its last failure.
    public private(set) var isHealthy = false
    /// The fault that started or continued the current recovery.
    public private(set) var lastFault: ModemFault?

    public init(policy: RecoveryPolicy = RecoveryPolicy()) {
        self.policy = policy
    }

    public mutating func failed(_ fault: ModemFault, at now: ContinuousClock.Instant) -> Decision {
        lastFault = fault
        if fault.isTerminal { return .quarantine(reason: fault.description) }
        if isHealthy {
            isHealthy = false
            currentRung = nil
            relapses = relapses.filter { now - $0 < policy.flapWindow } + [now]
            if relapses.count >= policy.flapLimit {
                return .quarantine(reason: "flapping: failed \(relapses.count) times within \(Self.format(policy.flapWindow)); last: \(fault)")
            }
        }
        if fault == .disconnected { return .awaitDevice(after: policy.reappearInterval) }
        return climb()
    }

    /// The current rung cannot be tried on this modem (no USB device behind a pty): the next one.
    public mutating func skip() -> Decision {
        climb()
    }

    /// The modem is ready again; returns the rung that brought it back (`nil` on a first start).
    public mutating func recovered() -> RecoveryRung? {
        defer { currentRung = nil }
        isHealthy = true
        return currentRung
    }

    /// The admin cleared a quarantine: forget the history and start from the first rung.
    public mutating func clear() {
        currentRung = nil
        relapses = []
        isHealthy = false
        lastFault = nil
    }

    private mutating func climb() -> Decision {
        let rungs = RecoveryRung.allCases
        let next: RecoveryRung? =
            if let currentRung, let index = rungs.firstIndex(of: currentRung) {
                index + 1 < rungs.count ? rungs[index + 1] : nil
            } else {
                rungs.first
            }
        guard let next else {
            currentRung = nil
            return .quarantine(reason: "no recovery rung helped; last fault: \(lastFault.map(String.init(describing:)) ?? "none")")
        }
        currentRung = next
        return .attempt(next, after: policy.delay(before: next))
    }

    static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        return seconds >= 60 && seconds % 60 == 0 ? "\(seconds / 60) min" : "\(seconds) s"
    }
}
