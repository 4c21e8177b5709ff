import Logging
import ModemKit
import ModemSimulator
import NIOPosix
import Synchronization
import Testing

/// The channel against a simulator that is told to stay silent, so the test writes the modem's
/// side byte for byte.
@Suite("ATChannel over a pty", .timeLimit(.minutes(1)))
struct ATChannelTests {
    final class Unsolicited: Sendable {
        let results = Mutex<[UnsolicitedResult]>([])
        var all: [UnsolicitedResult] { results.withLock { $0 } }
    }

    static func open(_ simulator: SimulatedModem, collecting unsolicited: Unsolicited) async throws -> ATChannel {
        try await ATChannel.open(
            path: simulator.devicePath,
            group: MultiThreadedEventLoopGroup.singleton,
            logger: ModemHarness.testLogger(),
            unsolicited: { _ in { result, _ in unsolicited.results.withLock { $0.append(result) } } },
            onClose: { _ in }
        )
    }

    @Test("unsolicited lines inside a command's reply go to the event stream, not the reply")
    func unsolicitedInsideReply() async throws {
        let simulator = try SimulatedModem()
        simulator.setSilent(true)
        let unsolicited = Unsolicited()
        let channel = try await Self.open(simulator, collecting: unsolicited)
        async let response = channel.send(.query("AT+CSQ"))
        #expect(await simulator.wait { $0.receivedCommands.last?.text == "AT+CSQ" })
        simulator.sendRaw(
            Array(
                "AT+CSQ\r\r\n+CSQ: 17,99\r\n\r\nRING\r\n\r\n+CLIP: \"+919920123456\",145,,,,0\r\n^RSSI: 9\r\n\r\nOK\r\n".utf8
            )
        )
        let reply = try await response
        #expect(reply == ATResponse(lines: ["+CSQ: 17,99"], result: .ok))
        #expect(unsolicited.all == [.ring, .callerID(.number("+919920123456", type: 145)), .signal(SignalQuality(rssi: 9))])
        await channel.close()
        simulator.stop()
    }

    @Test("a command that gets no answer times out and the channel carries on")
    func commandTimeout() async throws {
        let simulator = try SimulatedModem()
        simulator.setSilent(true)
        let channel = try await Self.open(simulator, collecting: Unsolicited())
        await #expect(throws: ATChannelError.timeout(command: "AT+CSQ")) {
            try await channel.send(ATCommand.query("AT+CSQ", timeout: .milliseconds(200)))
        }
        simulator.setSilent(false)
        #expect(try await channel.send(ATCommand("AT")).result == .ok)
        await channel.close()
        simulator.stop()
    }

    @Test("commands queue and run one at a time, each getting its own reply")
    func oneAtATime() async throws {
        let simulator = try SimulatedModem(profile: SimulatedProfile(flavor: .simcom))
        let channel = try await Self.open(simulator, collecting: Unsolicited())
        async let imei = channel.send(ATCommand("AT+CGSN"))
        async let signal = channel.send(.query("AT+CSQ"))
        async let model = channel.send(ATCommand("AT+CGMM"))
        let replies = try await [imei, signal, model]
        // Echo is still on here (no ATE0 sent): the echoed command lines are dropped.
        #expect(replies.map(\.lines) == [["861234567890123"], ["+CSQ: 21,99"], ["SIMCOM_SIM7600E-H"]])
        await channel.close()
        simulator.stop()
    }

    @Test("an unplugged device fails the command in flight with disconnected")
    func unplugFailsPending() async throws {
        let simulator = try SimulatedModem()
        simulator.setSilent(true)
        let channel = try await Self.open(simulator, collecting: Unsolicited())
        let pending = Task { try await channel.send(ATCommand("AT", timeout: .seconds(10))) }
        #expect(await simulator.wait { !$0.receivedCommands.isEmpty })
        simulator.unplug()
        await #expect(throws: ATChannelError.disconnected) { try await pending.value }
        try await channel.closeFuture.get()
    }
}
