import CallbackDispatcher
import Foundation
import LoopbackReceivers
import SessionStore
import Testing

@Suite("Webhook delivery to a loopback receiver", .serialized, .timeLimit(.minutes(1)))
struct WebhookDeliveryTests {
    @Test("fails twice, then succeeds: delivered on the third attempt with the same event id")
    func retriesUntilDelivered() async throws {
        let receiver = try await HTTPReceiver.start { _, index in .init(status: index < 2 ? 503 : 200) }
        let harness = try await DispatcherHarness.make()
        let outcome = try await harness.verifiedCall(notify: "127.0.0.1:\(receiver.port)/hook?client=42")
        let job = try #require(outcome.notifications.first)
        let delivered = await harness.waitForJob(job.id, state: .delivered)
        #expect(delivered?.state == .delivered && delivered?.attempts == 3)
        let requests = receiver.requests
        #expect(requests.count == 3)
        #expect(Set(requests.compactMap { $0.header("X-Missedcall-Event-Id") }) == [job.id])
        #expect(requests.compactMap { $0.header("X-Missedcall-Attempt") } == ["1", "2", "3"])
        // The original's GET with its fields, after the client's own parameter.
        let query = try #require(requests.last?.query)
        #expect(query["client"] == "42")
        #expect(query["SID"] == outcome.session?.sid)
        #expect(query["VerifiedNumber"] == "9920123456")
        #expect(query["TransactionTime"]?.count == 19 && query["VerificationCallTime"]?.count == 19)
        #expect(query["Operator"] == "Unknown" && query["DNDStatus"] == "Unknown")
        let log = try await harness.store.attempts(jobID: job.id)
        #expect(log.map(\.statusCode) == [503, 503, 200])
        await harness.shutdown()
        await receiver.stop()
    }

    @Test("signed with the passkey's secret; the receiver's check passes, and fails on a tampered request")
    func signatureAtTheReceiver() async throws {
        let receiver = try await HTTPReceiver.start()
        let harness = try await DispatcherHarness.make(method: .postJSON)
        let outcome = try await harness.verifiedCall(notify: "http://127.0.0.1:\(receiver.port)/signed")
        _ = await harness.waitForJob(try #require(outcome.notifications.first).id, state: .delivered)
        let request = try #require(receiver.requests.first)
        let header = try #require(request.header(WebhookSigner.header))
        let now = Int(Date().timeIntervalSince1970)
        #expect(request.method == "POST" && request.header("Content-Type") == "application/json")
        #expect(
            WebhookSigner.verify(
                headerValue: header,
                secret: harness.passkey.record.webhookSecret,
                method: "POST",
                target: request.uri,
                body: request.body,
                now: now
            )
        )
        var tampered = request.body
        tampered[0] = UInt8(ascii: " ")
        #expect(
            !WebhookSigner.verify(
                headerValue: header,
                secret: harness.passkey.record.webhookSecret,
                method: "POST",
                target: request.uri,
                body: tampered,
                now: now
            )
        )
        await harness.shutdown()
        await receiver.stop()
    }

    @Test("receiver down, then up: delivered once it is back")
    func receiverDownThenUp() async throws {
        let first = try await HTTPReceiver.start()
        let port = first.port
        await first.stop()
        // AsyncHTTPClient keeps retrying a refused connection until the request's deadline, so each
        // attempt against the dead port lasts the 300 ms timeout.
        let harness = try await DispatcherHarness.make(timeout: .milliseconds(300))
        let outcome = try await harness.verifiedCall(notify: "http://127.0.0.1:\(port)/down")
        let job = try #require(outcome.notifications.first)
        // Wait (without a fixed sleep: machines differ) until at least two attempts failed.
        let deadline = ContinuousClock.now + .seconds(20)
        var failing = try #require(try await harness.store.job(id: job.id))
        while failing.attempts < 2 || failing.state == .delivering, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            failing = try #require(try await harness.store.job(id: job.id))
        }
        #expect(failing.state != .delivered && failing.attempts >= 2)
        let back = try await HTTPReceiver.start(port: port)
        #expect(await harness.waitForJob(job.id, state: .delivered)?.state == .delivered)
        #expect(back.requests.count == 1)
        await harness.shutdown()
        await back.stop()
    }

    @Test("a receiver that does not answer in time is retried")
    func timeoutRetried() async throws {
        let receiver = try await HTTPReceiver.start { _, index in .init(status: 200, delay: index == 0 ? .seconds(3) : .zero) }
        let harness = try await DispatcherHarness.make(timeout: .milliseconds(300))
        let outcome = try await harness.verifiedCall(notify: "http://127.0.0.1:\(receiver.port)/slow")
        let job = try #require(outcome.notifications.first)
        #expect(await harness.waitForJob(job.id, state: .delivered)?.attempts == 2)
        let log = try await harness.store.attempts(jobID: job.id)
        #expect(log.first?.result == .failed && log.first?.detail?.contains("timeout") == true)
        await harness.shutdown()
        await receiver.stop()
    }

    @Test("410 Gone stops the job")
    func goneStops() async throws {
        let receiver = try await HTTPReceiver.start { _, _ in .init(status: 410) }
        let harness = try await DispatcherHarness.make()
        let outcome = try await harness.verifiedCall(notify: "http://127.0.0.1:\(receiver.port)/gone")
        let job = try #require(outcome.notifications.first)
        #expect(await harness.waitForJob(job.id, state: .stopped)?.attempts == 1)
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiver.requests.count == 1)
        await harness.shutdown()
        await receiver.stop()
    }

    @Test("a loopback notify URL without the allow-list is refused and never contacted")
    func ssrfRefused() async throws {
        let receiver = try await HTTPReceiver.start()
        let harness = try await DispatcherHarness.make(allowLoopback: false)
        let outcome = try await harness.verifiedCall(notify: "http://127.0.0.1:\(receiver.port)/internal")
        let job = try #require(outcome.notifications.first)
        let stopped = await harness.waitForJob(job.id, state: .stopped)
        #expect(stopped?.state == .stopped && stopped?.lastError?.contains("non-public") == true)
        #expect(try await harness.store.attempts(jobID: job.id).first?.result == .refused)
        #expect(receiver.requests.isEmpty)
        await harness.shutdown()
        await receiver.stop()
    }

    @Test("redirects are followed on the same host only")
    func redirects() async throws {
        let receiver = try await HTTPReceiver.start { request, _ in
            request.uri.hasPrefix("/old")
                ? .init(status: 302, headers: [("Location", "/new")])
                : request.uri.hasPrefix("/away") ? .init(status: 302, headers: [("Location", "http://example.com/x")]) : .init(status: 200)
        }
        let harness = try await DispatcherHarness.make(schedule: RetrySchedule(delays: [], thereafter: .seconds(60), jitter: 0))
        let same = try await harness.verifiedCall(mobile: "9920123456", notify: "http://127.0.0.1:\(receiver.port)/old")
        #expect(await harness.waitForJob(try #require(same.notifications.first).id, state: .delivered)?.state == .delivered)
        let away = try await harness.verifiedCall(mobile: "9876543210", notify: "http://127.0.0.1:\(receiver.port)/away")
        let awayJob = try #require(away.notifications.first)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await harness.store.attempts(jobID: awayJob.id).first?.detail?.contains("another host") == true)
        #expect(receiver.requests.map(\.uri).filter { $0.hasPrefix("/new") }.count == 1)
        await harness.shutdown()
        await receiver.stop()
    }
}
