import ModemKit
import ModemSimulator
import Testing

@Suite("Incoming calls over a pty", .timeLimit(.minutes(1)))
struct IncomingCallTests {
    static let flavoursAndFramings: [(SimulatedProfile.Flavor, RingFraming)] =
        SimulatedProfile.Flavor.allCases.flatMap { flavor in RingFraming.allCases.map { (flavor, $0) } }

    @Test("one event, one hang-up, never ATA", arguments: flavoursAndFramings)
    func rejectsEachCallOnce(_ flavor: SimulatedProfile.Flavor, _ framing: RingFraming) async throws {
        let harness = try await ModemHarness.start(
            profile: SimulatedProfile(flavor: flavor),
            options: .init(framing: framing),
            configure: { $0.callerIDGrace = .milliseconds(100) }
        )
        for (index, caller) in ["+919920123456", "+447700900123"].enumerated() {
            harness.simulator.ring(from: caller)
            #expect(await harness.recorder.wait { $0.calls.count == index + 1 && $0.count({ $0 == .callCleared }) == index + 1 })
            #expect(harness.recorder.calls.last?.caller.number == caller)
        }
        let calls = harness.simulator.calls
        #expect(calls.map(\.hangUpCount) == [1, 1])
        #expect(calls.allSatisfy { !$0.answered })
        let commands = harness.commands
        #expect(!commands.contains { $0.uppercased() == "ATA" })
        if framing == .ringOnly {
            // No caller ID on the line: ModemKit asked the call list before hanging up.
            let clcc = commands.firstIndex(of: "AT+CLCC")
            let chup = commands.firstIndex(of: "AT+CHUP")
            #expect(clcc != nil && chup != nil && clcc! < chup!)
        }
        await harness.unplug()
        #expect(harness.recorder.calls.count == 2)
    }

    @Test("withheld and unavailable callers are reported as unknown and hung up")
    func withheldCaller() async throws {
        let harness = try await ModemHarness.start(profile: SimulatedProfile(flavor: .huawei))
        harness.simulator.ring(from: nil)
        #expect(await harness.recorder.wait { $0.calls.count == 1 })
        harness.simulator.ring(from: nil, validity: 2)
        #expect(await harness.recorder.wait { $0.calls.count == 2 })
        #expect(harness.recorder.calls.map(\.caller) == [.withheld, .unavailable])
        #expect(await harness.simulator.wait { $0.calls.allSatisfy { $0.hangUpCount == 1 } })
        await harness.unplug()
    }

    @Test("repeated rings of one call raise one event")
    func repeatedRings() async throws {
        let harness = try await ModemHarness.start(
            options: .init(ringInterval: .milliseconds(80), framing: .ringOnly),
            configure: { $0.callerIDGrace = .milliseconds(400) }
        )
        harness.simulator.ring(from: "+919920123456")
        #expect(await harness.recorder.wait { $0.count({ $0 == .callCleared }) == 1 })
        #expect(harness.simulator.calls[0].rings >= 3)
        #expect(harness.recorder.calls.count == 1)
        #expect(harness.simulator.calls[0].hangUpCount == 1)
        await harness.unplug()
    }

    @Test("AT+CHUP refused: ATH hangs up, once")
    func hangUpFallback() async throws {
        let harness = try await ModemHarness.start(options: .init(refusedCommands: ["AT+CHUP"]))
        harness.simulator.ring(from: "+919920123456")
        #expect(await harness.recorder.wait { $0.count({ $0 == .callCleared }) == 1 })
        #expect(harness.commands.contains("ATH"))
        #expect(harness.simulator.calls[0].hangUpCount == 1)
        await harness.unplug()
    }

    @Test("the caller gives up before any caller ID: one missed call from an unknown caller")
    func callerGivesUp() async throws {
        let harness = try await ModemHarness.start(
            options: .init(framing: .ringOnly),
            configure: { $0.callerIDGrace = .seconds(2) }
        )
        harness.simulator.ring(from: "+919920123456")
        try await Task.sleep(for: .milliseconds(50))
        harness.simulator.callerHangsUp()
        #expect(await harness.recorder.wait { $0.calls.count == 1 })
        #expect(harness.recorder.calls[0].caller == .unavailable)
        #expect(harness.simulator.calls[0].hangUpCount == 0)
        await harness.unplug()
    }

    @Test("unplugged mid-call, back on another pty with the same IMEI: the same modem")
    func unplugAndReturn() async throws {
        let registry = ModemRegistry()
        let profile = SimulatedProfile(flavor: .quectel, imei: "866666666666666")
        let first = try await ModemHarness.start(
            profile: profile,
            options: .init(framing: .ringOnly),
            configure: { $0.callerIDGrace = .seconds(5) }
        )
        let firstPath = first.simulator.devicePath
        _ = registry.sighted(imei: try #require(first.modem.status.identity.imei), iccid: first.modem.status.identity.iccid, devicePath: firstPath)
        first.simulator.ring(from: "+919920123456")
        #expect(await first.simulator.wait { $0.calls.first?.rings == 1 })
        // The dongle re-enumerates elsewhere (made before the unplug so the kernel cannot reuse the pty number).
        let replug = try SimulatedModem(profile: profile)
        #expect(await first.unplug() == .disconnected)
        #expect(first.recorder.states.last == .disconnected)

        let second = try await ModemHarness.start(simulator: replug)
        #expect(second.simulator.devicePath != firstPath)
        let identity = second.modem.status.identity
        let sighting = registry.sighted(imei: try #require(identity.imei), iccid: identity.iccid, devicePath: second.simulator.devicePath)
        guard case .returning(let record, let previousPath, let simChanged) = sighting else {
            Issue.record("not recognised: \(sighting)")
            return
        }
        #expect(previousPath == firstPath && !simChanged && record.appearances == 2)
        // And it works: a call on the new port is rejected.
        second.simulator.ring(from: "+447700900123")
        #expect(await second.recorder.wait { $0.calls.count == 1 })
        await second.unplug()
    }
}
