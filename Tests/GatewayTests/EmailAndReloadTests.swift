import Foundation
import Gateway
import LoopbackReceivers
import SessionStore
import Testing

@Suite("missedcalld end to end: e-mail and reload", .serialized, .timeLimit(.minutes(1)))
struct EmailAndReloadTests {
    @Test("the e-notify address gets the original's e-mail, with number intelligence, through a real SMTP server")
    func email() async throws {
        let sink = try SMTPSink.start()
        defer { sink.stop() }
        let gateway = try await GatewayHarness.start {
            $0.smtpHost = "127.0.0.1"
            $0.smtpPort = sink.port
            $0.brand = "Dial2Verify"
            $0.emailFrom = "noreply@verify.example.com"
        }
        let created = try await gateway.get(
            "/Integ/API.dvf?mobile=9920123456&passkey=\(gateway.passkey.token.canonical)&notify=NA&e-notify=ops@crm.example.com"
        )
        #expect(created.status == 200)
        try await gateway.ring(from: "+919920123456")
        #expect(await sink.wait(forCount: 1))
        let message = try #require(sink.messages.first)
        let (headers, body) = parseMessage(message.data)
        #expect(message.rcpt_tos == ["ops@crm.example.com"])
        #expect(headers["Subject"] == "[Dial2Verify] Missed Call from 9920123456")
        #expect(headers["From"] == "Dial2Verify <noreply@verify.example.com>")
        #expect(body.contains("Missed Call From: 9920123456\n"))
        #expect(body.contains("Operator: Vodafone\n") && body.contains("Number Type: Mobile\n"))
        #expect(body.contains("Telco Circle: Unknown\n") && body.contains("DND Status: Unknown\n"))
        await gateway.stop()
    }

    @Test("reload picks up a new DND list")
    func reload() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dnd = folder.appendingPathComponent("dnd.csv").path
        try "919876543210\n".write(toFile: dnd, atomically: true, encoding: .utf8)
        let receiver = try await HTTPReceiver.start()
        let gateway = try await GatewayHarness.start { $0.dndCSV = dnd }
        try "919876543210\n919920123456\n".write(toFile: dnd, atomically: true, encoding: .utf8)
        gateway.service.reload()
        _ = try await gateway.get("/Integ/API.dvf?mobile=9920123456&passkey=\(gateway.passkey.token.canonical)&notify=127.0.0.1:\(receiver.port)/h")
        try await gateway.ring(from: "+919920123456")
        #expect(await receiver.wait(forCount: 1))
        #expect(receiver.requests.first?.query["DNDStatus"] == "Yes")
        await gateway.stop()
        await receiver.stop()
    }
}
