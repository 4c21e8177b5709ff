import CallbackDispatcher
import Foundation
import Logging
import LoopbackReceivers
import SessionStore

// CallbackDispatcher benchmark, everything real on loopback (SQLite store with durable commits,
// AsyncHTTPClient, a NIO HTTP receiver, Python's aiosmtpd):
//   scripts/bench-dispatch [calls=1000] [webhooks=20000] [emails=500]
// 1. recorded call → webhook received: p50/p99 over sequential calls;
// 2. webhook deliveries per second to a fast receiver;
// 3. e-mails per second to an SMTP sink.
let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let callCount = arguments.first ?? 1000
let webhookCount = arguments.dropFirst().first ?? 20_000
let emailCount = arguments.dropFirst(2).first ?? 500

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    guard !sorted.isEmpty else { return .nan }
    return sorted[max(0, min(sorted.count - 1, Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1))]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

struct Rig {
    let directory: URL
    let store: SQLGatewayStore
    let dispatcher: CallbackDispatcher
    let sender: WebhookSender
    let running: Task<Void, Never>

    static func make(email: (any EmailSending)? = nil) async throws -> Rig {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("bench-dispatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var storeSettings = StoreSettings()
        storeSettings.sessionsPerMobilePerHour = .max
        let store = try await SQLiteStore.open(path: directory.appendingPathComponent("db.sqlite").path, settings: storeSettings, logger: logger)
        let sender = WebhookSender(
            client: WebhookSender.makeClient(),
            policy: AddressPolicy(allowedNetworks: [IPNetwork("127.0.0.0/8")].compactMap { $0 })
        )
        let settings = DispatcherSettings(workerID: "bench", maxConcurrent: 256, maxPerHost: 256)
        let format = MissedCallEmail(brand: "missedcall", from: try EmailAddress("noreply@missedcall.example"), timeZone: settings.timeZone)
        let dispatcher = CallbackDispatcher(store: store, settings: settings, webhook: sender, email: email, emailFormat: format, logger: logger)
        return Rig(directory: directory, store: store, dispatcher: dispatcher, sender: sender, running: Task { await dispatcher.run() })
    }

    func close() async {
        dispatcher.stop()
        await running.value
        await sender.shutdown()
        await store.close()
        try? FileManager.default.removeItem(at: directory)
    }

    func waitDelivered(_ count: Int) async throws {
        while try await store.outboxDepth()[.delivered, default: 0] < count { try await Task.sleep(for: .milliseconds(20)) }
    }
}

func run() async throws {
    print("CallbackDispatcher benchmark (loopback, SQLite WAL synchronous=FULL)")

    // 1. Latency: a verified call recorded → its webhook at the receiver.
    let receiver = try await HTTPReceiver.start()
    let rig = try await Rig.make()
    let number = try PhoneNumberNormalizer.normalize("4466949401", country: .IN)
    try await rig.store.addDialingNumber(DialingNumber(number: number, country: .IN, purpose: .verification, modemIMEI: "1", online: true))
    let key = try await rig.store.createPasskey(NewPasskey(label: "bench", dailyQuota: .max, ratePerMinute: .max))
    var fromRecord: [Double] = []
    for index in 0..<callCount {
        let session = try await rig.store.createSession(
            NewSession(
                passkey: key.token.canonical,
                mobile: String(6_000_000_000 + index),
                notifyURL: "http://127.0.0.1:\(receiver.port)/hook"
            )
        )
        let before = receiver.requests.count
        let start = ContinuousClock.now
        _ = try await rig.store.recordCall(
            IncomingCallRecord(
                dialedNumber: session.dialingNumber,
                callerAsPresented: session.mobile.e164,
                callerType: 145,
                receivedAt: Date()
            )
        )
        rig.dispatcher.wake()
        guard await receiver.wait(forCount: before + 1) else { fatalError("webhook never arrived") }
        fromRecord.append(milliseconds(receiver.requests[before].receivedAt - start))
    }
    fromRecord.sort()
    print(
        String(
            format: "  recorded call → webhook received (%d calls): p50 %.2f ms  p99 %.2f ms  max %.2f ms",
            callCount,
            percentile(fromRecord, 50),
            percentile(fromRecord, 99),
            percentile(fromRecord, 100)
        )
    )
    await rig.close()

    // 2. Throughput to a fast receiver.
    let fast = try await HTTPReceiver.start()
    let bulk = try await Rig.make()
    bulk.dispatcher.stop()  // enqueue first with the dispatcher idle, then start a fresh one
    await bulk.running.value
    let event = CallEvent(
        kind: .listener,
        sid: nil,
        caller: "+919920123456",
        dialedNumber: "+914466949401",
        transactionTime: Date(),
        callTime: Date(),
        country: "IN",
        passkeyID: nil
    )
    try await withThrowingTaskGroup(of: Void.self) { group in
        for worker in 0..<32 {
            group.addTask {
                for index in stride(from: worker, to: webhookCount, by: 32) {
                    _ = try await bulk.store.enqueue(
                        NewOutboxJob(kind: .webhook, target: "http://127.0.0.1:\(fast.port)/bulk/\(index)", payload: event.json())
                    )
                }
            }
        }
        try await group.waitForAll()
    }
    var logger = Logger(label: "bench")
    logger.logLevel = .error
    let dispatcher = CallbackDispatcher(
        store: bulk.store,
        settings: DispatcherSettings(workerID: "bulk", maxConcurrent: 256, maxPerHost: 256),
        webhook: bulk.sender,
        logger: logger
    )
    let started = ContinuousClock.now
    let running = Task { await dispatcher.run() }
    guard await fast.wait(forCount: webhookCount, timeout: .seconds(600)) else { fatalError("not all webhooks arrived") }
    let received = ContinuousClock.now - started
    try await bulk.waitDelivered(webhookCount)
    let recorded = ContinuousClock.now - started
    print(
        String(
            format: "  webhooks: %d received in %.2f s = %.0f/s (all recorded delivered after %.2f s = %.0f/s)",
            webhookCount,
            milliseconds(received) / 1000,
            Double(webhookCount) / (milliseconds(received) / 1000),
            milliseconds(recorded) / 1000,
            Double(webhookCount) / (milliseconds(recorded) / 1000)
        )
    )
    dispatcher.stop()
    await running.value
    await bulk.close()
    await fast.stop()
    await receiver.stop()

    // 3. E-mails to aiosmtpd.
    let sink = try SMTPSink.start()
    let port = sink.port
    let mail = try await Rig.make(email: SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: port)))
    let mailStart = ContinuousClock.now
    for index in 0..<emailCount {
        _ = try await mail.store.enqueue(NewOutboxJob(kind: .email, target: "ops\(index)@crm.example.com", payload: event.json()))
    }
    mail.dispatcher.wake()
    try await mail.waitDelivered(emailCount)
    let mailTime = milliseconds(ContinuousClock.now - mailStart) / 1000
    print(
        String(
            format: "  e-mails: %d delivered to aiosmtpd in %.2f s = %.0f/s (one SMTP connection each)",
            emailCount,
            mailTime,
            Double(emailCount) / mailTime
        )
    )
    await mail.close()
    sink.stop()
}

try await run()
