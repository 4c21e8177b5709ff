import Foundation
import Logging
import ModemKit
import ModemSimulator
import NIOPosix
import Testing

/// Secrets never reach a log line, at any level, trace included. Before this the SIM PIN was in
/// `command=AT+CPIN="4791" … timed out` at warning, and in the command itself at trace.
@Suite("secrets in logs, and the SIM busy after its PIN", .serialized, .timeLimit(.minutes(2)))
struct SecretsInLogsTests {
    @Test("a PIN command that times out names the command without the PIN, in the error and in every log line")
    func timedOutPINIsRedacted() async throws {
        let log = CapturedLog()
        let simulator = try SimulatedModem()
        simulator.setSilent(true)
        let channel = try await ATChannel.open(
            path: simulator.devicePath,
            group: MultiThreadedEventLoopGroup.singleton,
            logger: log.logger(),
            unsolicited: { _ in { _, _ in } },
            onClose: { _ in }
        )
        await #expect(throws: ATChannelError.timeout(command: "AT+CPIN=<redacted>")) {
            try await channel.send(ATCommand("AT+CPIN=\"4791\"", timeout: .milliseconds(200)))
        }
        #expect(log.all.contains { $0.contains("AT+CPIN=<redacted>") })
        #expect(!log.all.contains { $0.contains("4791") }, "\(log.all)")
        await channel.close()
        simulator.stop()
    }

    @Test("a SIM busy for 3 s after its PIN is waited for: the modem comes up with no recovery counted and the PIN in no log line")
    func simBusyAfterPIN() async throws {
        let log = CapturedLog()
        var profile = SimulatedProfile(sim: .pinRequired(pin: "4791"))
        profile.simBusyAfterPIN = .seconds(3)
        let simulator = try SimulatedModem(profile: profile)
        let configuration = ModemConfiguration(devicePath: simulator.devicePath, pin: "4791")
        let modem = Modem(configuration: configuration, group: MultiThreadedEventLoopGroup.singleton, logger: log.logger())
        let supervisor = ModemSupervisor(modem: modem, policy: RecoveryPolicy(), usb: NoUSB(), logger: log.logger())
        let running = Task { await supervisor.run() }
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline, !(supervisor.health.condition == .healthy && modem.status.state == .ready) {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(modem.status.state == .ready)
        #expect(supervisor.health.condition == .healthy)
        #expect(supervisor.health.attempts.isEmpty, "recoveries were counted: \(supervisor.health.attempts)")
        #expect(simulator.receivedCommands.map(\.text).filter { $0 == "AT+CPIN?" }.count >= 3, "the busy SIM was not polled")
        #expect(!log.all.contains { $0.contains("4791") }, "\(log.all.filter { $0.contains("4791") })")
        supervisor.retire()
        simulator.unplug()
        running.cancel()
        _ = await running.value
    }

    struct NoUSB: USBDeviceAuthorizer {
        func reauthorize(devicePath: String) async throws -> String { devicePath }
    }

    @Test("a daemon at trace level logs no passkey, webhook secret or SMTP password through a verification end to end")
    func daemonTraceHoldsNoSecret() async throws {
        let daemon = try await DaemonProcess.start(
            .init(
                logLevel: "trace",
                environment: [
                    "MISSEDCALL_SMTP_HOST": "127.0.0.1", "MISSEDCALL_SMTP_PORT": "9", "MISSEDCALL_SMTP_USERNAME": "relay-user",
                    "MISSEDCALL_SMTP_PASSWORD": "Pa55-w0rd-never-logged",
                ]
            )
        )
        let passkey = try daemon.passkey
        // The listing carries no secret; a rotation shows the new one once.
        let listing = try daemon.admin("GET", "/passkeys")
        #expect(!listing.contains("webhookSecret"))
        let id = try #require(listing.components(separatedBy: "\"id\":\"").dropFirst().first?.split(separator: "\"").first.map(String.init))
        let rotated = try daemon.admin("POST", "/passkeys/\(id)/rotate-secret")
        let secrets = rotated.components(separatedBy: "\"webhookSecret\":\"").dropFirst().compactMap {
            $0.split(separator: "\"").first.map(String.init)
        }
        #expect(secrets.count == 1)
        let sid = try daemon.createSession(mobile: "9920123456", extra: "&notify=NA&e-notify=ops@example.com")
        try daemon.ring(from: "9920123456")
        #expect(try await daemon.waitForStatus(sid, "VERIFIED"))
        try await Task.sleep(for: .milliseconds(500))  // the e-mail attempt fails and is logged
        #expect(await daemon.stop(removeFiles: false) == 0)
        let log = daemon.log
        #expect(log.contains("AT >"), "not a trace-level log")
        let token = passkey.dropFirst(3)  // without "RA$", as it may appear percent-encoded
        for secret in [String(token), "Pa55-w0rd-never-logged"] + secrets {
            #expect(!log.contains(secret), "a secret is in the log")
        }
        try? FileManager.default.removeItem(at: daemon.logs)
    }
}
