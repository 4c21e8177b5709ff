import ModemKit
import ModemSimulator
import Testing

@Suite("Robustness over a pty", .timeLimit(.minutes(1)))
struct RobustnessTests {
    /// SplitMix64: reproducible noise, so a failure can be replayed.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("100,000 random bytes: no crash, commands and calls still work")
    func randomNoise() async throws {
        let harness = try await ModemHarness.start(profile: SimulatedProfile(flavor: .huawei))
        var generator = SeededGenerator(state: 0x6D69_7373_6564)
        let noise = (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        harness.simulator.sendRaw(noise)
        harness.simulator.sendRaw(Array("\r\n".utf8))
        // A raw command shows every line it gets, so noise still in flight may precede the answer.
        let reply = try await harness.modem.send(raw: "AT+CSQ")
        #expect(reply.result == .ok && reply.lines.last == "+CSQ: 21,99")
        harness.simulator.ring(from: "+919920123456")
        #expect(await harness.recorder.wait { $0.calls.contains { $0.caller.number == "+919920123456" } })
        #expect(await harness.simulator.wait { $0.calls.first?.hangUpCount == 1 })
        await harness.unplug()
    }

    @Test("vendor chatter between calls is skipped")
    func vendorNoise() async throws {
        let harness = try await ModemHarness.start(profile: SimulatedProfile(flavor: .huawei))
        for line in ["^RSSI: 14", "^DSFLOWRPT:00000B4C,00000000,00000000", "^BOOT:20952570,0,0,0,75", "^MODE:5,4", "garbage!!"] {
            harness.simulator.sendUnsolicited(line)
        }
        harness.simulator.ring(from: "+919920123456")
        #expect(await harness.recorder.wait { $0.calls.count == 1 })
        #expect(harness.modem.status.signal?.rssi == 14)
        await harness.unplug()
    }

    @Test("SMS in text mode: GSM-7 text as IRA, anything else as UCS2")
    func sendSMS() async throws {
        let harness = try await ModemHarness.start(profile: SimulatedProfile(flavor: .simcom))
        let first = try await harness.modem.sendSMS(to: "+919920123456", text: "Your API key: RA$63AF2BAE-A1F2-11E2-B32F-36F93F45CB0A")
        let second = try await harness.modem.sendSMS(to: "+919920123456", text: "आपकी कुंजी: 42 €")
        #expect(second == first + 1)
        #expect(
            harness.simulator.sentSMS == [
                SimulatedSMS(destination: "+919920123456", text: "Your API key: RA$63AF2BAE-A1F2-11E2-B32F-36F93F45CB0A", characterSet: "IRA"),
                SimulatedSMS(destination: "+919920123456", text: "आपकी कुंजी: 42 €", characterSet: "UCS2"),
            ]
        )
        await #expect(throws: SMSError.tooLong(length: 161, limit: 160)) {
            try await harness.modem.sendSMS(to: "+919920123456", text: String(repeating: "x", count: 161))
        }
        await #expect(throws: SMSError.invalidDestination("99;ATA")) {
            try await harness.modem.sendSMS(to: "99;ATA", text: "hi")
        }
        await #expect(throws: SMSError.invalidCharacters) {
            try await harness.modem.sendSMS(to: "+919920123456", text: "a\u{1A}ATA")
        }
        #expect(!harness.commands.contains("ATA"))
        await harness.unplug()
    }
}
