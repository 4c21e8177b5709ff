import AsyncHTTPClient
import Foundation
import Gateway
import NIOCore
import NIOHTTP1
import SessionStore
import Testing

@Suite("Admin API on the Unix socket", .serialized, .timeLimit(.minutes(1)))
struct AdminAPITests {
    func admin(_ gateway: GatewayHarness, _ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (status: Int, json: Any?) {
        let socket = gateway.service.configuration.adminSocketPath
        let encoded = socket.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socket
        var request = HTTPClientRequest(url: "http+unix://\(encoded)\(path)")
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let data = Data(buffer: try await response.body.collect(upTo: 1 << 20))
        return (Int(response.status.code), try? JSONSerialization.jsonObject(with: data))
    }

    @Test("pool, passkeys, sessions, calls, deliveries and modems through the socket (mode 0660)")
    func adminFlow() async throws {
        let gateway = try await GatewayHarness.start()
        let attributes = try FileManager.default.attributesOfItem(atPath: gateway.service.configuration.adminSocketPath)
        #expect((attributes[.posixPermissions] as? Int) == 0o660)

        let status = try await admin(gateway, .GET, "/status")
        let modems = try #require((status.json as? [String: Any])?["modems"] as? [[String: Any]])
        #expect(modems.first?["state"] as? String == "ready")
        let imei = try #require((modems.first?["identity"] as? [String: Any])?["imei"] as? String)

        let added = try await admin(gateway, .POST, "/pool", body: #"{"number":"04466949477","purpose":"listener","imei":"869999999999999"}"#)
        #expect(added.status == 201)
        #expect(try await admin(gateway, .POST, "/pool", body: #"{"number":"04466949477"}"#).status == 409)
        #expect(try await admin(gateway, .POST, "/pool", body: #"{"number":"12"}"#).status == 400)
        #expect(try await admin(gateway, .POST, "/pool/04466949477/disable").status == 200)
        #expect(try await admin(gateway, .DELETE, "/pool/04466949477").status == 200)
        #expect(try await admin(gateway, .DELETE, "/pool/04466949477").status == 404)

        let created = try await admin(gateway, .POST, "/passkeys", body: #"{"label":"acme","quota":5}"#)
        #expect(created.status == 201)
        let passkey = try #require((created.json as? [String: Any])?["passkey"] as? String)
        let id = try #require(((created.json as? [String: Any])?["record"] as? [String: Any])?["id"] as? String)
        #expect(try await admin(gateway, .POST, "/passkeys/\(id)/quota", body: #"{"quota":9}"#).status == 200)
        #expect(try await admin(gateway, .POST, "/passkeys/\(id)/rotate-secret").status == 200)

        let session = try await gateway.get("/Integ/API.dvf?mobile=9920123456&passkey=\(passkey)&notify=http://127.0.0.1:9/never")
        let sid = try #require(session.json["SessionId"] as? String)
        #expect(try await admin(gateway, .POST, "/simulate/call?from=9920123456&to=04466949401").status == 200)
        _ = try await gateway.waitForStatus(sid, "VERIFIED")
        #expect(try await admin(gateway, .GET, "/sessions/\(sid)").status == 200)
        let calls = try #require(try await admin(gateway, .GET, "/calls?limit=5").json as? [[String: Any]])
        #expect(calls.first?["result"] as? String == "verified")
        let deliveries = try #require(try await admin(gateway, .GET, "/deliveries").json as? [[String: Any]])
        let job = try #require(deliveries.first?["id"] as? String)
        // Listings are the contract's types, not the store's rows: no job payload (the event, with
        // its phone numbers), no secret.
        #expect(deliveries.allSatisfy { $0["payload"] == nil && $0["state"] is String })
        let passkeys = try #require(try await admin(gateway, .GET, "/passkeys").json as? [[String: Any]])
        #expect(passkeys.allSatisfy { $0["webhookSecret"] == nil && $0["previousWebhookSecret"] == nil && $0["rotating"] is Bool })
        #expect(try await admin(gateway, .GET, "/deliveries/\(job)").status == 200)

        let at = try await admin(gateway, .POST, "/modems/\(imei)/at", body: #"{"command":"AT+CSQ"}"#)
        #expect(((at.json as? [String: Any])?["lines"] as? [String]) == ["+CSQ: 21,99"])
        #expect(try await admin(gateway, .POST, "/modems/\(imei)/sms", body: #"{"to":"+919920123456","text":"hello"}"#).status == 200)
        #expect(gateway.service.simulated.all.first?.sentSMS.last?.text == "hello")
        #expect(try await admin(gateway, .GET, "/modems/000").status == 404)
        #expect(try await admin(gateway, .POST, "/passkeys/\(id)/revoke").status == 200)
        #expect(try await gateway.get("/Integ/API.dvf?mobile=9876543210&passkey=\(passkey)").status == 403)
        await gateway.stop()
    }
}
