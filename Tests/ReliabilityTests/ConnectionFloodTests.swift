import Foundation
import Testing

/// A daemon under `prlimit --nofile=1024` (systemd's default soft limit) against more connections
/// than it has descriptors. Before the connection guard, 1,100 idle connections stopped the API and
/// the process died with SIGILL; a call arriving then was not hung up.
@Suite("connection floods", .serialized, .timeLimit(.minutes(3)))
struct ConnectionFloodTests {
    init() { RawConnection.raiseOwnDescriptorLimit() }

    @Test("1,100 idle connections: the daemon stays up, answers /health/live and verifies a call made meanwhile")
    func idleFlood() async throws {
        let daemon = try await DaemonProcess.start(.init(descriptors: 1024))
        let sid = try daemon.createSession(mobile: "9920123456")
        var idle: [RawConnection] = []
        for _ in 0..<1100 { idle.append(try RawConnection.tcp(port: daemon.port)) }
        // The accepts happen in the daemon's time; give it a moment to take them all in.
        try await Task.sleep(for: .milliseconds(500))

        #expect(try daemon.live(), "the API must keep answering")
        try daemon.ring(from: "9920123456")
        #expect(try await daemon.waitForStatus(sid, "VERIFIED"), "the call was not taken while flooded")
        #expect(daemon.process.isRunning)
        #expect(daemon.openDescriptors < 1024, "descriptors in use: \(daemon.openDescriptors)")
        // The oldest idle connections made room for the newcomers: they were closed, not left hanging.
        #expect(idle.prefix(400).filter(\.peerClosed).count > 300)
        idle.removeAll()
        #expect(try daemon.live())
        #expect(await daemon.stop() == 0)
    }

    @Test("1,100 event-stream waiters: those past the cap get 503 with Retry-After, the rest hear the verification")
    func waiterFlood() async throws {
        let daemon = try await DaemonProcess.start(.init(descriptors: 1024))
        let passkey = try daemon.passkey
        let created = try RawConnection.request(
            port: daemon.port,
            """
            POST /v1/verifications HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(passkey)\r\nContent-Type: application/json\r\n\
            Content-Length: 24\r\nConnection: close\r\n\r\n{"mobile":"9920123457"}\n
            """
        )
        let body = created.components(separatedBy: "\r\n\r\n").dropFirst().joined()
        let sid = try #require((try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])?["id"] as? String, "\(created)")

        var streams: [RawConnection] = []
        for _ in 0..<1100 {
            let connection = try RawConnection.tcp(port: daemon.port)
            connection.send("GET /v1/verifications/\(sid)/events HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(passkey)\r\n\r\n")
            streams.append(connection)
        }
        // Each stream sends its first event at once; a refused one its 503.
        var waiting: [RawConnection] = []
        var refused = 0
        var cut = 0
        for connection in streams {
            let head = connection.read(until: "\r\n\r\n", timeout: .seconds(5))
            if head.hasPrefix("HTTP/1.1 200") {
                waiting.append(connection)
            } else if head.hasPrefix("HTTP/1.1 503") {
                #expect(head.lowercased().contains("retry-after:"))
                refused += 1
            } else {
                cut += 1
            }
        }
        #expect(refused > 0, "the waiter cap never refused anyone")
        #expect(waiting.count > 100 && waiting.count <= 1100 - refused)
        #expect(try daemon.live(), "the API must keep answering")
        #expect(daemon.openDescriptors < 1024)

        try daemon.ring(from: "9920123457")
        let heard = waiting.prefix(50).map { $0.read(until: "event: verified", timeout: .seconds(10)) }
        #expect(heard.allSatisfy { $0.contains("event: verified") }, "waiting streams did not hear the verification")
        #expect(daemon.process.isRunning)
        streams.removeAll()
        waiting.removeAll()
        #expect(await daemon.stop() == 0)
        _ = cut
    }
}
