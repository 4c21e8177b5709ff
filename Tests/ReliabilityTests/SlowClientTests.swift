import Foundation
import Testing

/// Clients that hold a connection without finishing a request, and the PHP clients that speak
/// HTTP/1.0 and read to EOF.
@Suite("slow clients and HTTP/1.0", .serialized, .timeLimit(.minutes(2)))
struct SlowClientTests {
    init() { RawConnection.raiseOwnDescriptorLimit() }

    static let quickTimeouts = DaemonProcess.Arguments(environment: [
        "MISSEDCALL_HTTP_HEADER_TIMEOUT_SECONDS": "1", "MISSEDCALL_HTTP_BODY_TIMEOUT_SECONDS": "1",
    ])

    @Test("200 slow-header clients and 200 empty-line clients are cut off after the header timeout")
    func slowHeadersCutOff() async throws {
        let daemon = try await DaemonProcess.start(Self.quickTimeouts)
        var clients: [RawConnection] = []
        for index in 0..<400 {
            let connection = try RawConnection.tcp(port: daemon.port)
            connection.send(index.isMultiple(of: 2) ? "GET /health/live HTTP/1.1\r\nHost: t\r\nX-Slow: " : "\r\n\r\n\r\n")
            clients.append(connection)
        }
        // Keep the slow ones dribbling: a byte every 200 ms never completes the head.
        let started = ContinuousClock.now
        while ContinuousClock.now - started < .seconds(3) {
            for (index, client) in clients.enumerated() where index.isMultiple(of: 2) { client.send("a") }
            try await Task.sleep(for: .milliseconds(200))
        }
        let ends = clients.map { $0.readToEnd(timeout: .seconds(2)) }
        #expect(ends.allSatisfy { $0.end != .timeout }, "\(ends.filter { $0.end == .timeout }.count) clients still held after 5 s")
        #expect(ends.allSatisfy { !$0.text.contains("200 OK") })
        #expect(try daemon.live())
        #expect(await daemon.stop() == 0)
    }

    @Test("a body that never completes is cut off after the body timeout")
    func slowBodyCutOff() async throws {
        let daemon = try await DaemonProcess.start(Self.quickTimeouts)
        let connection = try RawConnection.tcp(port: daemon.port)
        connection.send("POST /Integ/CatchAll.dvf HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc")
        let started = ContinuousClock.now
        let end = connection.readToEnd(timeout: .seconds(5))
        #expect(end.end != .timeout && ContinuousClock.now - started < .seconds(3))
        #expect(await daemon.stop() == 0)
    }

    @Test(
        "HTTP/1.0 without keep-alive (PHP's file_get_contents) sees the connection closed right after the body",
        arguments: ["/Integ/CatchAll.dvf", "/Integ/UserLayer/DataFeed_APIV2.dvf?SID=RA$nope", "/health/live", "/Integ/API.dvf?mobile=1"]
    )
    func http10Closes(_ path: String) async throws {
        let daemon = try await DaemonProcess.start()
        let connection = try RawConnection.tcp(port: daemon.port)
        let started = ContinuousClock.now
        connection.send("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        let end = connection.readToEnd(timeout: .seconds(5))
        #expect(end.end == .eof)
        #expect(ContinuousClock.now - started < .seconds(1), "EOF came after \(ContinuousClock.now - started)")
        #expect(end.text.lowercased().contains("connection: close"))
        #expect(await daemon.stop() == 0)
    }

    @Test("keep-alive is honoured when asked for: HTTP/1.0 with keep-alive and HTTP/1.1 serve two requests on one connection")
    func keepAliveHonoured() async throws {
        let daemon = try await DaemonProcess.start()
        for (version, header) in [("HTTP/1.0", "Connection: keep-alive\r\n"), ("HTTP/1.1", "")] {
            let connection = try RawConnection.tcp(port: daemon.port)
            connection.send("GET /health/live \(version)\r\nHost: t\r\n\(header)\r\n")
            let first = connection.read(until: #"{"status":"live"}"#, timeout: .seconds(5))
            #expect(first.hasPrefix("HTTP/1.1 200"))
            if version == "HTTP/1.0" { #expect(first.lowercased().contains("connection: keep-alive")) }
            #expect(!connection.peerClosed)
            connection.send("GET /health/live \(version)\r\nHost: t\r\n\(header)\r\n")
            #expect(connection.read(until: #"{"status":"live"}"#, timeout: .seconds(5)).hasPrefix("HTTP/1.1 200"))
        }
        #expect(await daemon.stop() == 0)
    }
}
