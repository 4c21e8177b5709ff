import CallbackDispatcher
import Foundation
import LoopbackReceivers
import SessionStore
import Testing

@Suite("E-mail to a real SMTP server", .serialized, .timeLimit(.minutes(1)))
struct EmailDeliveryTests {
    static let ist = TimeZone(identifier: "Asia/Kolkata")!

    func deliver(sink: SMTPSink, settings: SMTPSettings) async throws -> SMTPSink.Message {
        let harness = try await DispatcherHarness.make(email: SMTPClient(settings: settings))
        let outcome = try await harness.verifiedCall(mobile: "9554595459", email: "ops@crm.example.com")
        let job = try #require(outcome.notifications.first { $0.kind == .email })
        let delivered = await harness.waitForJob(job.id, state: .delivered)
        #expect(delivered?.state == .delivered, "last error: \(delivered?.lastError ?? "-")")
        #expect(await sink.wait(forCount: 1))
        let message = try #require(sink.messages.first)
        let (headers, body) = parseMessage(message.data)
        #expect(message.mail_from == "noreply@missedcall.example" && message.rcpt_tos == ["ops@crm.example.com"])
        #expect(headers["Subject"] == "[Dial2Verify] Missed Call from 9554595459")
        #expect(headers["To"] == "ops@crm.example.com")
        #expect(headers["From"] == "Dial2Verify <noreply@missedcall.example>")
        #expect(headers["Message-ID"]?.hasPrefix("<") == true && headers["Message-ID"]?.hasSuffix("@missedcall.example>") == true)
        #expect(headers["Date"]?.hasSuffix("+0530") == true)
        #expect(headers["X-Missedcall-Event-Id"] == job.id)
        #expect(body.contains("Missed Call From: 9554595459\n"))
        #expect(body.contains(" IST.\n") && body.contains("Missed Call Time: 20"))
        #expect(body.contains("Operator: Unknown\nTelco Circle: Unknown\nNumber Type: Unknown\nDND Status: Unknown"))
        #expect(body.contains("Team Dial2Verify"))
        await harness.shutdown()
        return message
    }

    @Test("plain SMTP")
    func plain() async throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let message = try await deliver(sink: sink, settings: SMTPSettings(host: "127.0.0.1", port: sink.port))
        #expect(!message.tls && message.auth_user == nil)
    }

    @Test("STARTTLS with AUTH")
    func startTLSAndAuth() async throws {
        let sink = try SMTPSink.start(tls: "starttls", auth: "mailer:s3cret")
        defer { sink.stop() }
        let settings = SMTPSettings(
            host: "localhost",
            port: sink.port,
            security: .startTLS,
            username: "mailer",
            password: "s3cret",
            trustedCertificateFiles: [try #require(sink.certificate)]
        )
        let message = try await deliver(sink: sink, settings: settings)
        #expect(message.tls && message.auth_user == "mailer")
    }

    @Test("implicit TLS with AUTH")
    func implicitTLS() async throws {
        let sink = try SMTPSink.start(tls: "implicit", auth: "mailer:s3cret")
        defer { sink.stop() }
        let settings = SMTPSettings(
            host: "localhost",
            port: sink.port,
            security: .implicitTLS,
            username: "mailer",
            password: "s3cret",
            trustedCertificateFiles: [try #require(sink.certificate)]
        )
        let message = try await deliver(sink: sink, settings: settings)
        #expect(message.tls && message.auth_user == "mailer")
    }

    @Test("a wrong password or an untrusted certificate delivers nothing and fails")
    func failures() async throws {
        let sink = try SMTPSink.start(tls: "starttls", auth: "mailer:s3cret")
        defer { sink.stop() }
        let message = EmailMessage(from: try EmailAddress("a@example.com"), to: try EmailAddress("b@example.com"), subject: "s", body: "b")
        // aiosmtpd answers a failed AUTH by stalling, so a short timeout keeps the test quick.
        let wrong = SMTPClient(
            settings: SMTPSettings(
                host: "localhost",
                port: sink.port,
                security: .startTLS,
                username: "mailer",
                password: "nope",
                timeout: .seconds(2),
                trustedCertificateFiles: [try #require(sink.certificate)]
            )
        )
        await #expect(throws: SMTPError.self) { try await wrong.send(message, timeZone: Self.ist) }
        let untrusted = SMTPClient(
            settings: SMTPSettings(host: "localhost", port: sink.port, security: .startTLS, username: "mailer", password: "s3cret")
        )
        await #expect(throws: (any Error).self) { try await untrusted.send(message, timeZone: Self.ist) }
        #expect(sink.messages.isEmpty)
    }

    @Test("an address with CRLF in the outbox is refused, never sent")
    func injectedAddress() async throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let harness = try await DispatcherHarness.make(email: SMTPClient(settings: SMTPSettings(host: "127.0.0.1", port: sink.port)))
        let outcome = try await harness.verifiedCall(email: "ops@crm.example.com\r\nRCPT TO:<victim@example.com>")
        let job = try #require(outcome.notifications.first { $0.kind == .email })
        let stopped = await harness.waitForJob(job.id, state: .stopped)
        #expect(stopped?.state == .stopped && stopped?.lastError?.contains("not a valid e-mail address") == true)
        try await Task.sleep(for: .milliseconds(200))
        #expect(sink.messages.isEmpty)
        await harness.shutdown()
    }
}
