import Foundation
import Logging
import Synchronization

/// Keeps one modem in service: runs it, and when the watchdog takes it out (no answer, lost
/// registration, SIM trouble, missed self-tests, vanished device) climbs the recovery ladder one
/// rung at a time with backoff, up to quarantine. Every attempt is logged and counted in `health`.
public final class ModemSupervisor: Sendable {
    public let modem: Modem
    let policy: RecoveryPolicy
    let usb: any USBDeviceAuthorizer
    let logger: Logger
    let state: Mutex<State>

    struct State {
        var ladder: RecoveryLadder
        var health = ModemHealth()
        var retired = false
    }

    public init(modem: Modem, policy: RecoveryPolicy, usb: any USBDeviceAuthorizer, logger: Logger) {
        self.modem = modem
        self.policy = policy
        self.usb = usb
        var logger = logger
        logger[metadataKey: "modem"] = "\(modem.configuration.devicePath)"
        self.logger = logger
        self.state = Mutex(State(ladder: RecoveryLadder(policy: policy)))
    }

    public var health: ModemHealth { state.withLock { $0.health } }
    public var isRetired: Bool { state.withLock { $0.retired } }

    /// Runs until cancelled or retired; `finish`es the modem's events on the way out.
    public func run() async {
        defer { modem.finish() }
        var rung: RecoveryRung?
        while !Task.isCancelled, !isRetired {
            if health.condition == .quarantined {
                await pause(.milliseconds(250))
                if health.condition != .quarantined { rung = nil }
                continue
            }
            if rung == .usbReauthorise {
                do {
                    let device = try await usb.reauthorize(devicePath: modem.configuration.devicePath)
                    logger.warning("recovery: USB device re-authorised", metadata: ["usb": "\(device)"])
                    await pause(policy.usbSettle)
                } catch {
                    logger.warning("recovery: USB re-authorisation impossible", metadata: ["error": "\(error)"])
                    rung = await apply(state.withLock { $0.ladder.skip() })
                    continue
                }
            }
            let fault = await modem.serve(recovery: rung, policy: policy) { [self] in becameReady() }
            guard let fault, !Task.isCancelled, !isRetired else { break }
            logger.warning("modem out of service", metadata: ["fault": "\(fault)", "rung": "\(rung?.rawValue ?? "none")"])
            let decision = state.withLock { state in
                state.health.lastFault = fault.description
                state.health.lastFaultAt = Date()
                return state.ladder.failed(fault, at: .now)
            }
            rung = await apply(decision)
        }
    }

    /// Stops supervising (the same modem came back on another port); closes this port.
    public func retire() {
        state.withLock { $0.retired = true }
        modem.reportFault(.disconnected)
    }

    /// Takes over the ladder and counters of the same modem (by IMEI) seen on another port, so a
    /// re-enumerated dongle keeps its history, its flapping count and its quarantine.
    public func carryOver(from previous: ModemSupervisor) {
        let (ladder, health) = previous.state.withLock { ($0.ladder, $0.health) }
        let published = state.withLock { state -> ModemHealth in
            let wasHealthy = state.health.condition == .healthy
            state.ladder = ladder
            var merged = health
            if health.condition != .quarantined {
                merged.condition = state.health.condition
                merged.rung = nil
            }
            state.health = merged
            if wasHealthy { Self.recordRecovery(&state) }
            return state.health
        }
        modem.continuation.yield(.health(published))
    }

    /// Another modem (IMEI) turned up on this port: the history was the previous one's.
    public func forgetHistory() {
        let ready = modem.status.state == .ready
        let published = state.withLock { state -> ModemHealth in
            state.health = ModemHealth()
            Self.startAfresh(&state, ready: ready)
            return state.health
        }
        modem.continuation.yield(.health(published))
    }

    /// The admin's `modems clear`: forget the history and try again from the start.
    public func clearQuarantine() {
        let ready = modem.status.state == .ready
        let published = state.withLock { state -> ModemHealth? in
            guard state.health.condition == .quarantined else { return nil }
            state.health.quarantineReason = nil
            state.health.quarantinedAt = nil
            Self.startAfresh(&state, ready: ready)
            return state.health
        }
        guard let published else { return }
        logger.notice("quarantine cleared by the admin")
        modem.continuation.yield(.health(published))
    }

    /// A fresh ladder; the modem counts as healthy if it is ready now, as starting otherwise.
    private static func startAfresh(_ state: inout State, ready: Bool) {
        state.ladder.clear()
        state.health.condition = ready ? .healthy : .starting
        if ready { _ = state.ladder.recovered() }
    }

    private func becameReady() {
        let (published, rung) = state.withLock { state -> (ModemHealth, RecoveryRung?) in
            guard state.health.condition != .quarantined else { return (state.health, nil) }
            state.health.condition = .healthy
            return (state.health, Self.recordRecovery(&state))
        }
        if let rung { logger.notice("modem recovered", metadata: ["rung": "\(rung)"]) }
        modem.continuation.yield(.health(published))
    }

    /// Marks the ladder recovered; returns the rung that did it (`nil` on a first start).
    @discardableResult
    private static func recordRecovery(_ state: inout State) -> RecoveryRung? {
        guard let rung = state.ladder.recovered() else { return nil }
        state.health.rung = nil
        state.health.lastRecoveryRung = rung
        state.health.lastRecoveryAt = Date()
        state.health.recoveries[rung.rawValue, default: 0] += 1
        return rung
    }

    /// Records the decision, waits its delay, and returns the rung to run next (`nil`: plain open).
    private func apply(_ decision: RecoveryLadder.Decision) async -> RecoveryRung? {
        let published = state.withLock { state -> ModemHealth in
            switch decision {
            case .attempt(let rung, _):
                state.health.condition = .recovering
                state.health.rung = rung
                state.health.attempts[rung.rawValue, default: 0] += 1
            case .awaitDevice:
                state.health.condition = .waitingForDevice
            case .quarantine(let reason):
                state.health.condition = .quarantined
                state.health.rung = nil
                state.health.quarantineReason = reason
                state.health.quarantinedAt = Date()
            }
            return state.health
        }
        modem.continuation.yield(.health(published))
        switch decision {
        case .attempt(let rung, let delay):
            logger.warning("recovery: trying the next rung", metadata: ["rung": "\(rung)", "in": "\(delay)"])
            await pause(delay)
            return rung
        case .awaitDevice(let delay):
            await pause(delay)
            return nil
        case .quarantine(let reason):
            logger.error("modem quarantined; its numbers stay offline until `missedcallctl modems clear`", metadata: ["reason": "\(reason)"])
            return nil
        }
    }

    /// Sleeps in short slices so that retiring or cancelling is noticed quickly.
    private func pause(_ duration: Duration) async {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline, !Task.isCancelled, !isRetired {
            try? await Task.sleep(for: min(.milliseconds(250), deadline - ContinuousClock.now))
        }
    }
}
