import CallbackDispatcher
import Foundation
import Gateway
import Logging
import LoopbackReceivers
import SessionStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// One destination that hangs must not stall everyone's callbacks. Before the per-destination
/// share, 1,000 webhooks to a receiver that never answers delayed a healthy receiver's webhooks
/// from 0.05 s to 197 s (p50), and an SMTP relay that never greets delayed all webhooks by ~56 s.
@Suite("delivery isolation", .serialized, .timeLimit(.minutes(3)))
struct DeliveryIsolationTests {
    /// A TCP port that completes handshakes (the kernel's backlog) and never says a word: an SMTP
    /// relay that accepts and never greets.
    final class SilentListener: @unchecked Sendable {
        let fd: Int32
        let port: Int

        init() throws {
            port = try RawConnection.freePort()
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            try #require(bound == 0 && listen(fd, 4096) == 0)
        }

        /// Closes the listener: the connections waiting in its backlog are reset.
        func close() { Glibc.close(fd) }
    }

    static func percentile(_ values: [Duration], _ fraction: Double) -> Duration {
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * fraction).rounded(.up)) - 1)]
    }

    @Test("a hanging receiver with 1,000 jobs queued and a hanging SMTP relay delay a healthy receiver's webhooks by less than 1 s (p99)")
    func deadDestinationsDoNotStallOthers() async throws {
        let dead = try await HTTPReceiver.start { _, _ in .init(status: 200, delay: .seconds(3600)) }
        let healthy = try await HTTPReceiver.start()
        let relay = try SilentListener()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("isolation-\(UUID().uuidString)")
        var configuration = GatewayConfiguration()
        configuration.stateDirectory = directory.path
        configuration.httpPort = 0
        configuration.simulatedModems = 1
        configuration.useUdev = false
        configuration.webhookAllowedNetworks = ["127.0.0.0/8"]
        configuration.webhookTimeoutSeconds = 30
        configuration.smtpHost = "127.0.0.1"
        configuration.smtpPort = relay.port
        configuration.sessionsPerMobilePerHour = 1000
        var logger = Logger(label: "test.isolation")
        logger.logLevel = .critical
        let service = try await GatewayService.start(configuration, logger: logger)
        let passkey = try await service.store.createPasskey(NewPasskey(label: "isolation"))
        for _ in 0..<200 where (try await service.store.dialingNumbers().first?.online) != true {
            try await Task.sleep(for: .milliseconds(10))
        }
        let number = try #require(try await service.store.dialingNumbers().first?.number)

        // 1,000 webhooks for the dead receiver and 200 e-mails for the silent relay, all due now.
        let event = CallEvent(
            kind: .verification,
            sid: "RA$dead",
            caller: "+919920000000",
            dialedNumber: number.e164,
            transactionTime: Date(),
            callTime: Date(),
            country: "IN",
            passkeyID: nil
        )
        for index in 0..<1200 {
            let job =
                index < 1000
                ? NewOutboxJob(kind: .webhook, target: "http://127.0.0.1:\(dead.port)/dead", payload: event.json())
                : NewOutboxJob(kind: .email, target: "ops@example.com", payload: event.json())
            _ = try await service.store.enqueue(job)
        }
        service.dispatcher.wake()
        // The dead receiver holds its whole share (32 in flight; the HTTP client lets 16 of them
        // connect at once and fails the others after its 5 s pool timeout, which may already have
        // opened its circuit on a busy machine): either way it is being held back.
        let key = "webhook:127.0.0.1:\(dead.port)"
        func heldBack() -> Bool {
            guard let status = service.dispatcher.destinations.first(where: { $0.destination == key }) else { return false }
            return status.inFlight == 32 || status.circuit != "closed"
        }
        let full = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < full, !heldBack() { try await Task.sleep(for: .milliseconds(20)) }
        #expect(heldBack(), "\(service.dispatcher.destinations)")
        #expect(await dead.wait(forCount: 16, timeout: .seconds(10)), "the dead receiver should be holding connections")
        var latencies: [Duration] = []
        for index in 0..<30 {
            let mobile = "99201\(String(format: "%05d", index))"
            let session = try await service.store.createSession(
                NewSession(
                    passkey: passkey.token.canonical,
                    mobile: mobile,
                    notifyURL: "http://127.0.0.1:\(healthy.port)/ok"
                )
            )
            let rang = ContinuousClock.now
            try service.simulated.ring(from: mobile, to: number)
            let deadline = rang + .seconds(10)
            var arrived: ContinuousClock.Instant?
            while arrived == nil, ContinuousClock.now < deadline {
                arrived =
                    healthy.requests.first { request in
                        request.uri.contains(session.sid.replacingOccurrences(of: "$", with: "%24")) || request.uri.contains(session.sid)
                            || String(decoding: request.body, as: UTF8.self).contains(session.sid)
                    }?.receivedAt
                if arrived == nil { try await Task.sleep(for: .milliseconds(2)) }
            }
            latencies.append((arrived ?? deadline) - rang)
        }
        let p99 = Self.percentile(latencies, 0.99)
        print(
            "healthy webhook while a dead receiver has 1,000 jobs queued and the SMTP relay hangs: p50 \(Self.percentile(latencies, 0.5)), p99 \(p99) over \(latencies.count)"
        )
        #expect(p99 < .seconds(1))
        // Neither hanging destination ever had more than its share in flight.
        #expect(service.dispatcher.destinations.allSatisfy { $0.inFlight <= 32 })
        let destinations = service.dispatcher.destinations.map(\.destination)
        #expect(destinations.contains("webhook:127.0.0.1:\(dead.port)") && destinations.contains("smtp"))

        // The hanging peers go first, so the deliveries they hold fail now instead of at their timeouts.
        relay.close()
        await dead.stop()
        await service.stop()
        await healthy.stop()
        try? FileManager.default.removeItem(at: directory)
    }
}
