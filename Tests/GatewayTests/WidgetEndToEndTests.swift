import AsyncHTTPClient
import Foundation
import Gateway
import GatewayAPI
import NIOCore
import NIOHTTP1
import SessionStore
import Testing

@Suite("missedcalld end to end: the widget's API, CORS per passkey, the served API description", .serialized, .timeLimit(.minutes(1)))
struct WidgetEndToEndTests {
    func create(_ gateway: GatewayHarness, mobile: String = "9920123456") async throws -> (id: String, token: String) {
        var request = HTTPClientRequest(url: gateway.base + "/v1/verifications")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(gateway.passkey.token.canonical)")
        request.body = .bytes(ByteBuffer(string: #"{"mobile":"\#(mobile)"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let json = try JSONSerialization.jsonObject(with: Data(buffer: try await response.body.collect(upTo: 1 << 20))) as? [String: Any] ?? [:]
        return (try #require(json["id"] as? String), try #require(json["widget_token"] as? String))
    }

    func json(_ bytes: [UInt8]) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any] ?? [:]
    }

    @Test("the widget token reads its session only: no token 401, a wrong or another session's token 404, the backend can compute it")
    func tokenRules() async throws {
        let gateway = try await GatewayHarness.start()
        let first = try await create(gateway)
        let second = try await create(gateway, mobile: "9920123457")
        let ok = try await gateway.getResponse("/v1/widget/sessions/\(first.id)?token=\(first.token)")
        #expect(ok.status == 200)
        let state = json(ok.bytes)
        #expect(state["status"] as? String == "pending" && state["tel"] as? String == "tel:+914466949401")
        #expect(state["mobile"] as? String == "+919920123456" && state["dial"] as? String == "04466949401")
        #expect(state["server_time"] != nil && state["expires_at"] != nil && state["widget_token"] == nil)
        let cases: [(String, Int, String)] = [
            ("/v1/widget/sessions/\(first.id)", 401, "unauthorized"),
            ("/v1/widget/sessions/\(first.id)?token=AAAAAAAAAAAAAAAAAAAAAA", 404, "not_found"),
            ("/v1/widget/sessions/\(first.id)?token=\(second.token)", 404, "not_found"),
            ("/v1/widget/sessions/RA$00000000-0000-0000-0000-000000000000?token=\(first.token)", 404, "not_found"),
        ]
        for (path, status, code) in cases {
            let response = try await gateway.getResponse(path)
            #expect(response.status == status, "\(path)")
            #expect((json(response.bytes)["error"] as? [String: Any])?["code"] as? String == code, "\(path)")
        }
        // The documented recipe: HMAC-SHA256(webhook secret, "missedcall-widget-v1:" + id), 16 bytes, base64url.
        #expect(WidgetToken.make(sid: first.id, secret: gateway.passkey.record.webhookSecret) == first.token)
        await gateway.stop()
    }

    @Test(
        "CORS: no Origin and the gateway's own origin need nothing; another origin only when the passkey lists it",
        arguments: [
            ("", [String](), 200, nil as String?),
            ("https://app.example.com", [], 403, nil),
            ("https://app.example.com", ["https://app.example.com"], 200, "https://app.example.com"),
            ("https://APP.example.com", ["https://app.example.com/"], 200, "https://app.example.com"),
            ("https://evil.example.com", ["https://app.example.com"], 403, nil),
            ("http://app.example.com", ["https://app.example.com"], 403, nil),
        ]
    )
    func cors(origin: String, allowed: [String], status: Int, allowOrigin: String?) async throws {
        let gateway = try await GatewayHarness.start()
        try await gateway.service.store.setAllowedOrigins(passkeyID: gateway.passkey.record.id, origins: allowed)
        let session = try await create(gateway)
        let headers = origin.isEmpty ? [] : [("Origin", origin)]
        let response = try await gateway.getResponse("/v1/widget/sessions/\(session.id)?token=\(session.token)", headers: headers)
        #expect(response.status == status)
        #expect(response.headers.first(name: "Access-Control-Allow-Origin") == allowOrigin)
        if status == 403 {
            let error = json(response.bytes)["error"] as? [String: Any] ?? [:]
            let code = error["code"] as? String
            let message = error["message"] as? String ?? ""
            #expect(code == "origin_not_allowed")
            #expect(message.contains("--allow-origin"))
        }
        await gateway.stop()
    }

    @Test("a preflight from a listed origin is answered; the gateway's own origin (the demo page) needs no listing")
    func preflightAndOwnOrigin() async throws {
        let gateway = try await GatewayHarness.start()
        try await gateway.service.store.setAllowedOrigins(passkeyID: gateway.passkey.record.id, origins: ["https://app.example.com"])
        let session = try await create(gateway)
        var request = HTTPClientRequest(url: gateway.base + "/v1/widget/sessions/\(session.id)/events?token=\(session.token)")
        request.method = .OPTIONS
        request.headers.add(name: "Origin", value: "https://app.example.com")
        request.headers.add(name: "Access-Control-Request-Method", value: "GET")
        let preflight = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(preflight.status.code == 204)
        #expect(preflight.headers.first(name: "Access-Control-Allow-Origin") == "https://app.example.com")
        #expect(preflight.headers.first(name: "Access-Control-Allow-Methods")?.contains("GET") == true)
        let own = try await gateway.getResponse("/v1/widget/sessions/\(session.id)?token=\(session.token)", headers: [("Origin", gateway.base)])
        #expect(own.status == 200)
        await gateway.stop()
    }

    @Test("the widget's event stream and long poll see the call land; the token still reads the final state")
    func liveState() async throws {
        let gateway = try await GatewayHarness.start()
        let session = try await create(gateway)
        let streamTask = Task {
            let request = HTTPClientRequest(url: gateway.base + "/v1/widget/sessions/\(session.id)/events?token=\(session.token)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
            return String(buffer: try await response.body.collect(upTo: 1 << 20))
        }
        let pollTask = Task { try await gateway.getResponse("/v1/widget/sessions/\(session.id)?token=\(session.token)&wait=10") }
        try await Task.sleep(for: .milliseconds(300))
        try await gateway.ring(from: "+919920123456")
        let polled = json(try await pollTask.value.bytes)
        #expect(polled["status"] as? String == "verified" && polled["verified_at"] != nil)
        let stream = try await streamTask.value
        #expect(stream.hasPrefix("event: pending\ndata: {"))
        #expect(stream.contains("\n\nevent: verified\ndata: {"))
        #expect(
            json(try await gateway.getResponse("/v1/widget/sessions/\(session.id)?token=\(session.token)").bytes)["status"] as? String == "verified"
        )
        await gateway.stop()
    }

    @Test("the script carries every language, the spec is served as written, and /docs shows every operation of it")
    func servedFiles() async throws {
        let gateway = try await GatewayHarness.start()
        let script = try await gateway.getResponse("/widget/v1/missedcall.js")
        let text = String(decoding: script.bytes, as: UTF8.self)
        #expect(script.status == 200 && script.headers.first(name: "Content-Type")?.hasPrefix("text/javascript") == true)
        #expect(text.contains("\"hi\": {") && text.contains("मिस्ड कॉल") && text.contains("\"en\": {") && !text.contains("/*MESSAGES*/"))
        #expect(try await gateway.getResponse("/widget/v1/missedcall.css").status == 200)
        let spec = try await gateway.getResponse("/openapi.yaml")
        let file = try Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/api/openapi.yaml")
        )
        #expect(spec.status == 200 && Data(spec.bytes) == file)
        let docs = try await gateway.getResponse("/docs")
        let page = String(decoding: docs.bytes, as: UTF8.self)
        #expect(docs.status == 200 && !page.contains("does not parse"))
        let specText = String(decoding: file, as: UTF8.self)
        let paths = specText.split(separator: "\n").filter { $0.hasPrefix("  /") && $0.hasSuffix(":") }.map { String($0.dropFirst(2).dropLast()) }
        #expect(paths.count >= 15)
        for path in paths {
            let shown = path.replacingOccurrences(of: "&", with: "&amp;")
            #expect(page.contains("<code>\(shown)</code>"), "\(path) is not on /docs")
        }
        #expect(page.contains("Callback: verified") && page.contains("X-Missedcall-Signature"))
        // The webhook itself under each create operation, not only its name (the callback is a $ref).
        #expect(page.components(separatedBy: "A call verified the session").count == 3)
        await gateway.stop()
    }

    @Test("the admin API sets allowed origins and refuses what is not an origin")
    func adminOrigins() async throws {
        let gateway = try await GatewayHarness.start()
        let store = gateway.service.store
        await #expect(throws: StoreError.self) {
            try await store.setAllowedOrigins(passkeyID: gateway.passkey.record.id, origins: ["https://app.example.com/path"])
        }
        await #expect(throws: StoreError.self) { try await store.setAllowedOrigins(passkeyID: gateway.passkey.record.id, origins: ["*"]) }
        try await store.setAllowedOrigins(passkeyID: gateway.passkey.record.id, origins: ["https://App.Example.com:8443", "http://localhost:3000"])
        #expect(try await store.passkey(id: gateway.passkey.record.id)?.allowedOrigins == ["https://app.example.com:8443", "http://localhost:3000"])
        await gateway.stop()
    }
}
