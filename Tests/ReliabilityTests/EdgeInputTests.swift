import Foundation
import Testing

/// Bad input at the edge gets a precise 4xx in the caller's format.
@Suite("edge input", .serialized, .timeLimit(.minutes(2)))
struct EdgeInputTests {
    @Test("a body over 64 KiB gets 413, never a retryable 503: REST error object on REST, compat JSON on the compat API")
    func oversizedBodies() async throws {
        let daemon = try await DaemonProcess.start()
        let passkey = try daemon.passkey
        let big = String(repeating: "a", count: 70_000)
        let declared = try RawConnection.request(
            port: daemon.port,
            """
            POST /v1/verifications HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(passkey)\r\nContent-Type: application/json\r\n\
            Content-Length: \(big.utf8.count + 14)\r\nConnection: close\r\n\r\n{"mobile":"\(big)"}
            """
        )
        #expect(declared.hasPrefix("HTTP/1.1 413") && declared.contains(#""code":"body_too_large""#), "\(declared.prefix(300))")
        // Chunked: no length to judge by, cut where it is read.
        let chunk = String(repeating: "b", count: 0x8000)
        let chunked = try RawConnection.request(
            port: daemon.port,
            """
            POST /v1/verifications HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer \(passkey)\r\nTransfer-Encoding: chunked\r\n\
            Connection: close\r\n\r\n8000\r\n\(chunk)\r\n8000\r\n\(chunk)\r\n8000\r\n\(chunk)\r\n0\r\n\r\n
            """
        )
        #expect(chunked.hasPrefix("HTTP/1.1 413") && chunked.contains(#""code":"body_too_large""#), "\(chunked.prefix(300))")
        let compat = try RawConnection.request(
            port: daemon.port,
            """
            POST /Integ/CatchAll.dvf HTTP/1.1\r\nHost: t\r\nContent-Length: 70000\r\nConnection: close\r\n\r\n\(big)
            """
        )
        #expect(compat.hasPrefix("HTTP/1.1 413") && compat.contains(#""APIStatus":"Error""#), "\(compat.prefix(300))")
        #expect(try daemon.live())
        #expect(await daemon.stop() == 0)
    }

    static let embeddedLoopbackAndPrivate = [
        "[::ffff:127.0.0.1]", "[::ffff:0:127.0.0.1]", "[::127.0.0.1]", "[64:ff9b::10.0.0.1]", "[64:ff9b::7f00:1]", "[64:ff9b:1::a00:1]",
        "[2002:7f00:1::1]", "[2002:c0a8:101::1]", "[2001:0:4136:e378:8000:63bf:80ff:fffe]", "[::ffff:169.254.169.254]",
    ]

    @Test("every IPv6 form that carries a loopback or private IPv4 address is refused as a notify URL")
    func ssrfEmbeddedIPv4Refused() async throws {
        let daemon = try await DaemonProcess.start()
        for (index, host) in Self.embeddedLoopbackAndPrivate.enumerated() {
            let reply = try RawConnection.request(
                port: daemon.port,
                """
                GET /Integ/API.dvf?mobile=99201234\(String(format: "%02d", index))&passkey=\(try daemon.passkey)&notify=http://\(host)/hook&out=JSON \
                HTTP/1.0\r\nHost: t\r\n\r\n
                """
            )
            #expect(reply.hasPrefix("HTTP/1.1 400") && reply.contains("non-public address"), "\(host): \(reply.suffix(200))")
        }
        #expect(await daemon.stop() == 0)
    }
}
