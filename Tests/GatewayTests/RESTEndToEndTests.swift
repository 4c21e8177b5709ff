import AsyncHTTPClient
import Foundation
import Gateway
import NIOCore
import NIOHTTP1
import SessionStore
import Testing

@Suite("missedcalld end to end: the REST API", .serialized, .timeLimit(.minutes(1)))
struct RESTEndToEndTests {
    func send(
        _ gateway: GatewayHarness,
        _ method: HTTPMethod,
        _ path: String,
        token: String?,
        body: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> (status: Int, body: String, json: [String: Any]) {
        var request = HTTPClientRequest(url: gateway.base + path)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let text = String(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), text, (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:])
    }

    @Test("create with an idempotency key, long-poll and SSE see the verification the moment it lands")
    func verification() async throws {
        let gateway = try await GatewayHarness.start()
        let token = gateway.passkey.token.canonical
        let body = #"{"mobile":"+91 99201 23456","country":"IN"}"#
        let created = try await send(gateway, .POST, "/v1/verifications", token: token, body: body, headers: [("Idempotency-Key", "signup-1")])
        #expect(created.status == 201, "\(created.body)")
        let id = try #require(created.json["id"] as? String)
        #expect(created.json["status"] as? String == "pending" && created.json["dial"] as? String == "04466949401")
        #expect(created.json["mobile"] as? String == "+919920123456")
        let replay = try await send(gateway, .POST, "/v1/verifications", token: token, body: body, headers: [("Idempotency-Key", "signup-1")])
        #expect(replay.json["id"] as? String == id)

        // SSE: the first event at once, the second when the call lands.
        let streamTask = Task {
            var request = HTTPClientRequest(url: gateway.base + "/v1/verifications/\(id)/events")
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
            return String(buffer: try await response.body.collect(upTo: 1 << 20))
        }
        let pollTask = Task { try await send(gateway, .GET, "/v1/verifications/\(id)?wait=10", token: token).body }
        try await Task.sleep(for: .milliseconds(300))
        let start = ContinuousClock.now
        try await gateway.ring(from: "+919920123456")
        let polledBody = try await pollTask.value
        let waited = ContinuousClock.now - start
        let polled = (try? JSONSerialization.jsonObject(with: Data(polledBody.utf8))) as? [String: Any] ?? [:]
        #expect(polled["status"] as? String == "verified" && polled["verified_at"] != nil, "\(polledBody)")
        #expect(waited < .seconds(3))
        let stream = try await streamTask.value
        #expect(stream.hasPrefix("event: pending\ndata: {"))
        #expect(stream.contains("\n\nevent: verified\ndata: {"))
        await gateway.stop()
    }

    @Test("errors are JSON with a code and the right status")
    func errors() async throws {
        let gateway = try await GatewayHarness.start()
        let token = gateway.passkey.token.canonical
        let cases: [(String, String, String?, Int, String)] = [
            ("POST", "/v1/verifications", nil, 401, "unauthorized"),
            ("POST", "/v1/verifications", "not json", 400, "invalid_json"),
            ("POST", "/v1/verifications", #"{"country":"IN"}"#, 400, "invalid_json"),
            ("POST", "/v1/verifications", #"{"mobile":"12"}"#, 400, "invalid_mobile"),
            ("POST", "/v1/verifications", #"{"mobile":"9920123456","country":"XX"}"#, 400, "invalid_country"),
            ("POST", "/v1/verifications", #"{"mobile":"9920123456","notify_url":"http://192.168.1.1/"}"#, 400, "invalid_notify_url"),
            ("GET", "/v1/verifications/RA$00000000-0000-0000-0000-000000000000", nil, 404, "not_found"),
            ("GET", "/v1/listeners/4466949499/tallies", nil, 404, "not_found"),
        ]
        for (method, path, body, status, code) in cases {
            let response = try await send(gateway, HTTPMethod(rawValue: method), path, token: status == 401 ? nil : token, body: body)
            #expect(response.status == status, "\(method) \(path) \(body ?? ""): \(response.body)")
            #expect((response.json["error"] as? [String: Any])?["code"] as? String == code, "\(response.body)")
        }
        await gateway.stop()
    }

    @Test("listener tallies for the listener's owner")
    func tallies() async throws {
        let gateway = try await GatewayHarness.start()
        let store = gateway.service.store
        let number = try PhoneNumberNormalizer.normalize("4466949488", country: .IN)
        try await store.addDialingNumber(DialingNumber(number: number, country: .IN, purpose: .listener))
        try await store.addListener(Listener(number: number, passkeyID: gateway.passkey.record.id))
        for caller in ["+919920123456", "+919920123456", "+919876543210"] {
            _ = try await store.recordCall(IncomingCallRecord(dialedNumber: number, callerAsPresented: caller, callerType: 145))
        }
        let response = try await send(gateway, .GET, "/v1/listeners/4466949488/tallies?days=1", token: gateway.passkey.token.canonical)
        #expect(response.status == 200)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows[0]["calls"] as? Int == 3 && rows[0]["votes"] as? Int == 2)
        await gateway.stop()
    }
}
