import CallbackDispatcher
import Foundation
import Logging
import LoopbackReceivers
import SessionStore
import Testing

/// A real SQLite store, a dispatcher with a fast retry schedule and loopback allowed, and helpers
/// to put verified calls in the outbox.
struct DispatcherHarness {
    let directory: URL
    let store: SQLGatewayStore
    let dispatcher: CallbackDispatcher
    let sender: WebhookSender
    let running: Task<Void, Never>
    let passkey: CreatedPasskey
    let number: PhoneNumber

    static func logger() -> Logger {
        var logger = Logger(label: "test.dispatcher")
        logger.logLevel = .critical
        return logger
    }

    static func make(
        allowLoopback: Bool = true,
        method: WebhookMethod = .get,
        timeout: Duration = .seconds(5),
        schedule: RetrySchedule = RetrySchedule(
            delays: [.milliseconds(100), .milliseconds(100), .milliseconds(100)],
            thereafter: .milliseconds(100),
            giveUpAfter: .seconds(60),
            jitter: 0
        ),
        email: (any EmailSending)? = nil,
        sms: (any SMSSending)? = nil,
        maxPerHost: Int = 32
    ) async throws -> DispatcherHarness {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dispatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("db.sqlite").path, logger: logger())
        let number = try PhoneNumberNormalizer.normalize("4466949401", country: .IN)
        try await store.addDialingNumber(DialingNumber(number: number, country: .IN, purpose: .verification, modemIMEI: "1", online: true))
        let passkey = try await store.createPasskey(NewPasskey(label: "test", webhookMethod: method))
        let policy = AddressPolicy(allowedNetworks: allowLoopback ? [IPNetwork("127.0.0.0/8"), IPNetwork("::1/128")].compactMap { $0 } : [])
        let sender = WebhookSender(client: WebhookSender.makeClient(), policy: policy, timeout: timeout)
        var settings = DispatcherSettings(
            workerID: "test",
            pollInterval: .milliseconds(20),
            schedule: schedule,
            timeZone: TimeZone(identifier: "Asia/Kolkata") ?? .current
        )
        settings.lease = .seconds(30)
        settings.maxPerHost = maxPerHost
        let format = MissedCallEmail(brand: "Dial2Verify", from: try EmailAddress("noreply@missedcall.example"), timeZone: settings.timeZone)
        let dispatcher = CallbackDispatcher(
            store: store,
            settings: settings,
            webhook: sender,
            email: email,
            emailFormat: format,
            sms: sms,
            logger: logger()
        )
        let running = Task { await dispatcher.run() }
        return DispatcherHarness(
            directory: directory,
            store: store,
            dispatcher: dispatcher,
            sender: sender,
            running: running,
            passkey: passkey,
            number: number
        )
    }

    /// Opens a session for `mobile` and records its verifying call: the outbox gets its jobs.
    @discardableResult
    func verifiedCall(mobile: String = "9920123456", notify: String? = nil, email: String? = nil) async throws -> CallOutcome {
        let session = try await store.createSession(NewSession(passkey: passkey.token.canonical, mobile: mobile, notifyURL: notify, email: email))
        let outcome = try await store.recordCall(
            IncomingCallRecord(
                dialedNumber: session.dialingNumber,
                callerAsPresented: session.mobile.e164,
                callerType: 145,
                receivedAt: session.createdAt.addingTimeInterval(3)
            )
        )
        dispatcher.wake()
        return outcome
    }

    func waitForJob(_ id: String, state: OutboxState, timeout: Duration = .seconds(10)) async -> OutboxJob? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let job = try? await store.job(id: id), job.state == state { return job }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return try? await store.job(id: id)
    }

    func shutdown() async {
        dispatcher.stop()
        await running.value
        await sender.shutdown()
        await store.close()
        try? FileManager.default.removeItem(at: directory)
    }
}
