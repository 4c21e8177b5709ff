import ModemKit
import Testing

@Suite("RecoveryLadder")
struct RecoveryLadderTests {
    static let policy = RecoveryPolicy(
        delays: [.seconds(1), .seconds(5), .seconds(20)],
        flapLimit: 3,
        flapWindow: .seconds(600),
        reappearInterval: .seconds(7)
    )
    static let start = ContinuousClock.now

    @Test("a modem that never comes back climbs every rung once, in order, then is quarantined")
    func climbsToQuarantine() {
        var ladder = RecoveryLadder(policy: Self.policy)
        var decisions: [RecoveryLadder.Decision] = []
        for step in 0..<5 { decisions.append(ladder.failed(.unresponsive(probes: 3), at: Self.start + .seconds(step))) }
        #expect(
            Array(decisions.prefix(4)) == [
                .attempt(.reopenPort, after: .seconds(1)), .attempt(.reinitialise, after: .seconds(5)),
                .attempt(.radioReset, after: .seconds(20)), .attempt(.usbReauthorise, after: .seconds(20)),
            ]
        )
        guard case .quarantine(let reason) = decisions[4] else {
            Issue.record("expected quarantine, got \(decisions[4])")
            return
        }
        #expect(reason.contains("no recovery rung helped"))
        #expect(reason.contains("no answer to AT"))
    }

    @Test("recovery reports the rung that worked and the next failure starts from the first rung")
    func recoveredAtRung() {
        var ladder = RecoveryLadder(policy: Self.policy)
        #expect(ladder.recovered() == nil)  // first start: no rung
        _ = ladder.failed(.unresponsive(probes: 3), at: Self.start)
        _ = ladder.failed(.unresponsive(probes: 3), at: Self.start + .seconds(1))
        #expect(ladder.recovered() == .reinitialise)
        #expect(ladder.isHealthy)
        #expect(ladder.failed(.sim(.missing), at: Self.start + .seconds(2000)) == .attempt(.reopenPort, after: .seconds(1)))
    }

    @Test("failing again after each recovery, flapLimit times within the window: quarantined")
    func flapping() {
        var ladder = RecoveryLadder(policy: Self.policy)
        _ = ladder.recovered()
        var last: RecoveryLadder.Decision?
        for cycle in 0..<3 {
            last = ladder.failed(.unresponsive(probes: 3), at: Self.start + .seconds(cycle * 60))
            if cycle < 2 {
                #expect(last == .attempt(.reopenPort, after: .seconds(1)))
                #expect(ladder.recovered() == .reopenPort)
            }
        }
        guard case .quarantine(let reason)? = last else {
            Issue.record("expected quarantine, got \(String(describing: last))")
            return
        }
        #expect(reason.hasPrefix("flapping: failed 3 times within 10 min"))
    }

    @Test("relapses older than the window are forgotten")
    func flapWindow() {
        var ladder = RecoveryLadder(policy: Self.policy)
        _ = ladder.recovered()
        for cycle in 0..<6 {
            let decision = ladder.failed(.unresponsive(probes: 3), at: Self.start + .seconds(cycle * 400))
            #expect(decision == .attempt(.reopenPort, after: .seconds(1)))
            _ = ladder.recovered()
        }
    }

    @Test("a vanished device is waited for, not climbed; a PIN problem is quarantined at once")
    func disconnectedAndPIN() {
        var ladder = RecoveryLadder(policy: Self.policy)
        #expect(ladder.failed(.disconnected, at: Self.start) == .awaitDevice(after: .seconds(7)))
        #expect(ladder.failed(.disconnected, at: Self.start + .seconds(7)) == .awaitDevice(after: .seconds(7)))
        #expect(ladder.currentRung == nil)
        #expect(ladder.failed(.pinProblem("the SIM asks for a PIN"), at: Self.start) == .quarantine(reason: "SIM PIN: the SIM asks for a PIN"))
    }

    @Test("a rung that cannot be tried is skipped; clear starts afresh")
    func skipAndClear() {
        var ladder = RecoveryLadder(policy: Self.policy)
        for step in 0..<4 { _ = ladder.failed(.unresponsive(probes: 1), at: Self.start + .seconds(step)) }
        #expect(ladder.currentRung == .usbReauthorise)
        guard case .quarantine = ladder.skip() else {
            Issue.record("skipping the last rung must quarantine")
            return
        }
        ladder.clear()
        #expect(ladder.failed(.unresponsive(probes: 1), at: Self.start) == .attempt(.reopenPort, after: .seconds(1)))
    }
}
