import Foundation
import ModemKit
import SessionStore

/// A self-test call waiting for the receiving modem to report its ring.
struct PendingSelfTest: Sendable {
    enum Outcome: Sendable {
        case rang(CallerID)
        case timedOut
        case dialFailed(String)
    }

    /// The dialing SIM's number when known: only a call from it is the self-test.
    var expectedCaller: String?
    var country: Country
    var continuation: CheckedContinuation<Outcome, Never>
}

extension ModemFleet {
    /// Runs one self-test call to the modem with this IMEI (it must have a pool number) from
    /// another ready modem, now. Returns the receiving modem's record.
    public func selfTest(receiverIMEI: String) async throws -> SelfTestRecord {
        let receiver = try supervisor(imei: receiverIMEI)
        guard claimSelfTestSlot() else { throw FleetError.selfTestRunning }
        defer { selfTestBusy.withLock { $0 = false } }
        await runSelfTest(receiver: receiver)
        return selfTests.withLock { $0[receiverIMEI] } ?? SelfTestRecord()
    }

    /// The schedule: every healthy modem with a pool number receives one self-test call, one at a time.
    func selfTestAll() async {
        guard claimSelfTestSlot() else { return }
        defer { selfTestBusy.withLock { $0 = false } }
        let receivers = entries.withLock { $0.filter { $0.number != nil }.map(\.supervisor) }
        for receiver in receivers where !Task.isCancelled && receiver.health.condition == .healthy {
            await runSelfTest(receiver: receiver)
        }
    }

    /// After a modem that missed its self-tests is back, test it again at once: its numbers stay
    /// offline until a self-test call gets through.
    func retestIfNeeded(_ supervisor: ModemSupervisor) {
        guard let imei = supervisor.modem.status.identity.imei, supervisor.health.condition == .healthy,
            supervisor.modem.status.state == .ready, isFailingSelfTests(imei)
        else { return }
        retest.yield(imei)
    }

    /// The modem missed `selfTestMissesAllowed` self-test calls in a row: its numbers stay offline.
    func isFailingSelfTests(_ imei: String) -> Bool {
        selfTests.withLock { ($0[imei]?.consecutiveMisses ?? 0) >= max(1, health.selfTestMissesAllowed) }
    }

    /// One self-test call at a time in the fleet: `false` when one is running.
    private func claimSelfTestSlot() -> Bool {
        selfTestBusy.withLock { busy in
            defer { busy = true }
            return !busy
        }
    }

    private func runSelfTest(receiver: ModemSupervisor) async {
        guard let receiverIMEI = receiver.modem.status.identity.imei else { return }
        let (number, dialerEntry) = entries.withLock { entries -> (PhoneNumber?, Entry?) in
            let number = entries.first { $0.supervisor === receiver }?.number
            // Any other modem in service, a different one from time to time: one dialer without credit
            // must not keep every test skipped.
            let dialer = entries.filter {
                $0.supervisor !== receiver && $0.modem.status.state == .ready && $0.supervisor.health.condition == .healthy
                    && $0.modem.status.identity.imei != nil && $0.modem.status.identity.imei != receiverIMEI
            }.randomElement()
            return (number, dialer)
        }
        guard let number else {
            return finish(receiverIMEI, .skipped, "the modem has no number in the pool to call")
        }
        guard let dialerEntry, let dialerIMEI = dialerEntry.modem.status.identity.imei else {
            return finish(receiverIMEI, .skipped, "no other ready modem to dial from")
        }
        let dialer = dialerEntry.modem
        let known =
            dialerEntry.number?.e164 ?? dialer.status.identity.ownNumber.flatMap {
                try? PhoneNumberNormalizer.normalize($0, country: number.country ?? .IN).e164
            }
            ?? selfTests.withLock { $0[dialerIMEI]?.learnedNumber }
        // The receiver takes the same caller ringing again within its settle window for a leftover
        // of the last call: space self-test calls to one modem further apart than that.
        let spacing = Duration.nanoseconds(Int64(IncomingCallTracker.Settings().settleWindow)) + .milliseconds(500)
        if let last = lastSelfTestCall.withLock({ $0[receiverIMEI] }), ContinuousClock.now - last < spacing {
            try? await Task.sleep(for: spacing - (ContinuousClock.now - last))
        }
        defer { lastSelfTestCall.withLock { $0[receiverIMEI] = .now } }
        let key = ObjectIdentifier(receiver.modem)
        let timeout = health.selfTestTimeout
        logger.info("self-test call", metadata: [LogKey.to: "\(receiverIMEI)", LogKey.from: "\(dialerIMEI)"])
        // The dialer and the timer each resolve this test only (by its id); the timer is cancelled
        // once the test has its outcome, the dial once it is no longer needed.
        var dialing: Task<Void, Never>?
        var timer: Task<Void, Never>?
        let outcome = await withCheckedContinuation { (continuation: CheckedContinuation<PendingSelfTest.Outcome, Never>) in
            let test = pendingSelfTests.withLock {
                $0.begin(on: key, PendingSelfTest(expectedCaller: known, country: number.country ?? .IN, continuation: continuation))
            }
            dialing = Task {
                do {
                    let response = try await dialer.dial(number.e164)
                    if !response.isSuccess { self.resolveSelfTest(key, test: test, .dialFailed("the dialing modem answered \(response.result)")) }
                } catch {
                    self.resolveSelfTest(key, test: test, .dialFailed("the dialing modem failed: \(error)"))
                }
            }
            timer = Task {
                try? await Task.sleep(for: timeout)
                if !Task.isCancelled { self.resolveSelfTest(key, test: test, .timedOut) }
            }
        }
        timer?.cancel()
        await dialer.hangUpOutgoingCall()
        await dialing?.value
        switch outcome {
        case .rang(let caller):
            learn(caller, dialerIMEI: dialerIMEI, poolNumber: dialerEntry.number, country: number.country ?? .IN)
            finish(receiverIMEI, .passed, "rang from \(dialerIMEI)")
        case .timedOut:
            finish(receiverIMEI, .missed, "no ring reported within \(timeout) of the call from \(dialerIMEI)")
        case .dialFailed(let detail):
            finish(receiverIMEI, .skipped, detail)
        }
        await updateOnline(receiver)
    }

    /// Called for every rejected call: `true` when it was our self-test call (not a missed call).
    func selfTestCallArrived(_ call: IncomingCall, on modem: Modem) -> Bool {
        let key = ObjectIdentifier(modem)
        guard let (test, pending) = pendingSelfTests.withLock({ $0.current(on: key) }) else { return false }
        guard let expected = pending.expectedCaller else {
            // The dialer's number is unknown: this call is taken as the self-test, and is recorded
            // as a missed call too, in case it was a real caller's.
            resolveSelfTest(key, test: test, .rang(call.caller))
            return false
        }
        let presented = call.caller.number.flatMap { try? PhoneNumberNormalizer.normalize($0, country: pending.country).e164 }
        guard presented == expected else { return false }
        resolveSelfTest(key, test: test, .rang(call.caller))
        return true
    }

    func resolveSelfTest(_ key: ObjectIdentifier, test: UInt64, _ outcome: PendingSelfTest.Outcome) {
        pendingSelfTests.withLock { $0.resolve(on: key, test: test) }?.continuation.resume(returning: outcome)
    }

    private func learn(_ caller: CallerID, dialerIMEI: String, poolNumber: PhoneNumber?, country: Country) {
        guard let presented = caller.number.flatMap({ try? PhoneNumberNormalizer.normalize($0, country: country).e164 }) else { return }
        let isNew = selfTests.withLock { tests -> Bool in
            var record = tests[dialerIMEI] ?? SelfTestRecord()
            defer { tests[dialerIMEI] = record }
            guard record.learnedNumber != presented else { return false }
            record.learnedNumber = presented
            return true
        }
        if isNew { logger.info("learned a SIM's own number from a self-test call", metadata: [LogKey.imei: "\(dialerIMEI)"]) }
        if let poolNumber, poolNumber.e164 != presented {
            logger.warning(
                "the pool binds this modem to another number than the network shows; check the pool",
                metadata: [LogKey.imei: "\(dialerIMEI)", LogKey.pool: "\(poolNumber.masked)"]
            )
        }
    }

    private func finish(_ imei: String, _ result: SelfTestRecord.Result, _ detail: String) {
        let misses = selfTests.withLock { tests -> Int in
            var record = tests[imei] ?? SelfTestRecord()
            defer { tests[imei] = record }
            record.lastAt = Date()
            record.lastResult = result
            record.lastDetail = detail
            switch result {
            case .passed:
                record.passed += 1
                record.consecutiveMisses = 0
            case .missed:
                record.missed += 1
                record.consecutiveMisses += 1
            case .skipped:
                break
            }
            return record.consecutiveMisses
        }
        metrics.selfTest(result)
        switch result {
        case .passed: logger.info("self-test passed", metadata: [LogKey.imei: "\(imei)"])
        case .skipped: logger.notice("self-test skipped", metadata: [LogKey.imei: "\(imei)", LogKey.why: "\(detail)"])
        case .missed:
            logger.warning("self-test call missed", metadata: [LogKey.imei: "\(imei)", LogKey.missesInARow: "\(misses)"])
            if misses >= max(1, health.selfTestMissesAllowed), let supervisor = try? supervisor(imei: imei) {
                supervisor.modem.reportFault(.missedSelfTests(misses))
            }
        }
    }
}
