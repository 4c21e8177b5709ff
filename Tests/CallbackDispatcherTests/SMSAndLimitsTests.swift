import CallbackDispatcher
import Foundation
import Logging
import LoopbackReceivers
import ModemKit
import ModemSimulator
import NIOPosix
import SessionStore
import Testing

/// Sends `sms` jobs through a real ModemKit modem (a simulated one on a pty), as the daemon will.
struct ModemSMSSender: SMSSending {
    let modems: [String: Modem]

    func sendSMS(from dialingNumber: String, to destination: String, text: String) async throws {
        guard let modem = modems[dialingNumber] else { throw StoreError.notFound("modem for \(dialingNumber)") }
        _ = try await modem.sendSMS(to: destination, text: text)
    }
}

@Suite("SMS jobs and per-host limits", .serialized, .timeLimit(.minutes(1)))
struct SMSAndLimitsTests {
    @Test("an sms job is sent by the modem that owns the pool number, with retries until it is up")
    func smsThroughModemKit() async throws {
        let simulator = try SimulatedModem(profile: SimulatedProfile(flavor: .huawei))
        var logger = Logger(label: "test.modem")
        logger.logLevel = .critical
        let modem = Modem(
            configuration: ModemConfiguration(devicePath: simulator.devicePath),
            group: MultiThreadedEventLoopGroup.singleton,
            logger: logger
        )
        let harness = try await DispatcherHarness.make(sms: ModemSMSSender(modems: ["+914466949401": modem]))
        // Queued while the modem is still down: the first attempts fail and are retried.
        let job = try await harness.store.enqueue(
            NewOutboxJob(
                kind: .sms,
                target: "+919920123456",
                payload: SMSJob(from: "+914466949401", text: "Your API key: RA$63AF2BAE-A1F2").json()
            )
        )
        harness.dispatcher.wake()
        try await Task.sleep(for: .milliseconds(300))
        let running = Task { await modem.run() }
        let delivered = await harness.waitForJob(job.id, state: .delivered)
        #expect(delivered?.state == .delivered && (delivered?.attempts ?? 0) >= 2)
        #expect(simulator.sentSMS == [SimulatedSMS(destination: "+919920123456", text: "Your API key: RA$63AF2BAE-A1F2", characterSet: "IRA")])
        let log = try await harness.store.attempts(jobID: job.id)
        #expect(log.first?.result == .failed && log.last?.result == .delivered)
        simulator.unplug()
        _ = await running.value
        await harness.shutdown()
    }

    @Test("no more than maxPerHost deliveries at once to one host")
    func perHostLimit() async throws {
        let receiver = try await HTTPReceiver.start { _, _ in .init(status: 200, delay: .milliseconds(200)) }
        let harness = try await DispatcherHarness.make(maxPerHost: 2)
        for index in 0..<6 {
            try await harness.verifiedCall(mobile: "98765432\(String(format: "%02d", index))", notify: "http://127.0.0.1:\(receiver.port)/slow")
        }
        #expect(await receiver.wait(forCount: 6))
        let arrivals = receiver.requests.map(\.receivedAt).sorted()
        // Two at a time, each held 200 ms: the third arrives only after the first was answered.
        #expect(arrivals[2] - arrivals[0] >= .milliseconds(190))
        #expect(arrivals[4] - arrivals[0] >= .milliseconds(380))
        await harness.shutdown()
        await receiver.stop()
    }
}
