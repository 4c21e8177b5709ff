import Foundation
import Gateway
import LoopbackReceivers
import SessionStore
import Testing

@Suite("missedcalld end to end: the Dial2Verify API", .serialized, .timeLimit(.minutes(1)))
struct CompatEndToEndTests {
    @Test("create as real clients do, poll UnVerified, ring, VERIFIED, webhook with the original's fields")
    func verification() async throws {
        let receiver = try await HTTPReceiver.start()
        let gateway = try await GatewayHarness.start()
        let key = gateway.passkey.token.canonical
        // Parameters out of order, `$` and `@` raw, a notify URL without scheme and with its own query.
        let created = try await gateway.get(
            "/Integ/API.dvf?out=JSON&notify=127.0.0.1:\(receiver.port)/hook?client=7&b=2&passkey=\(key)&e-notify=ops@crm.example.com&mobile=9920123456&cn=IN"
        )
        #expect(created.status == 200)
        #expect(created.json["APIStatus"] as? String == "Success")
        #expect(created.json["Number"] as? String == "9920123456")
        let sid = try #require(created.json["SessionId"] as? String)
        #expect(sid.hasPrefix("RA$") && sid == sid.uppercased())
        #expect(created.json["VerificationNode"] as? String == "04466949401")
        #expect(created.json["ImageUrl"] as? String == "https://verify.example.com/Integ/Image/914466949401.png")
        #expect(created.body.hasPrefix(#"{"APIStatus":"Success","Number":"9920123456","SessionId":""#))

        #expect(try await gateway.get("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=\(sid)").body == #"{"VerificationStatus":"UnVerified"}"#)
        try await gateway.ring(from: "+919920123456")
        let verified = try await gateway.waitForStatus(sid, "VERIFIED")
        #expect(verified["VerifiedMobileNumber"] as? String == "9920123456" && verified["NumberType"] as? String == "Mobile")
        #expect(try await gateway.get("/Integ/API.dvf?passkey=\(key)&Token=Verify&No=9920123456").body == #"{"Verified":1}"#)

        #expect(await receiver.wait(forCount: 1))
        let query = try #require(receiver.requests.first?.query)
        #expect(query["client"] == "7" && query["b"] == "2")
        #expect(query["SID"] == sid && query["VerifiedNumber"] == "9920123456" && query["NumberType"] == "Mobile")
        #expect(query["TransactionTime"]?.count == 19 && query["VerificationCallTime"]?.count == 19)
        #expect(Set(query.keys).isSuperset(of: ["Operator", "TelcoCircle", "DNDStatus"]))

        let metrics = try await gateway.get("/metrics").body
        #expect(metrics.contains(#"missedcall_calls_total{result="verified"} 1"#))
        #expect(metrics.contains(#"missedcall_sessions_total{outcome="created"} 1"#))
        #expect(metrics.contains("missedcall_hangup_latency_seconds_count 1"))
        #expect(metrics.contains(#"missedcall_modem_ready{imei="860000000000001"} 1"#))
        #expect(!metrics.contains("9920123456") && !metrics.contains("4466949401"))
        #expect(try await gateway.get("/health/ready").status == 200)
        await gateway.stop()
        await receiver.stop()
    }

    @Test("a wrong caller and a withheld caller do not verify; the window closes to EXPIRED")
    func nonMatchingAndExpiry() async throws {
        let gateway = try await GatewayHarness.start { $0.sessionLifetimeSeconds = 5 }
        let created = try await gateway.get("/Integ/API.dvf?mobile=9920123456&passkey=\(gateway.passkey.token.canonical)&notify=NA")
        let sid = try #require(created.json["SessionId"] as? String)
        try await gateway.ring(from: "+919876543210")
        try await Task.sleep(for: .milliseconds(300))
        try await gateway.ring(from: nil)
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await gateway.get("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=\(sid)").json["VerificationStatus"] as? String == "UnVerified")
        let calls = try await gateway.service.store.missedCalls(limit: 10).map(\.result)
        #expect(Set(calls) == [.unmatched, .unknownCaller])
        #expect(try await gateway.waitForStatus(sid, "EXPIRED", timeout: .seconds(10))["VerificationStatus"] as? String == "EXPIRED")
        #expect(
            try await gateway.get("/Integ/API.dvf?passkey=\(gateway.passkey.token.canonical)&Token=Verify&No=9920123456").body == #"{"Verified":0}"#
        )
        await gateway.stop()
    }

    @Test("Usage Overflow, and malformed requests get a precise 4xx in the caller's format, never a 5xx")
    func refusals() async throws {
        let gateway = try await GatewayHarness.start()
        let key = gateway.passkey.token.canonical
        for index in 0..<3 {
            #expect(try await gateway.get("/Integ/API.dvf?mobile=987654321\(index)&passkey=\(key)").status == 200)
        }
        let overflow = try await gateway.get("/Integ/API.dvf?mobile=9876543219&passkey=\(key)")
        #expect(overflow.status == 429 && overflow.json["APIStatus"] as? String == "Usage Overflow" && overflow.json["ImageUrl"] as? String == "Err")

        let cases: [(String, Int, String)] = [
            ("/Integ/API.dvf?passkey=\(key)", 400, "parameter 'mobile' is required"),
            ("/Integ/API.dvf?mobile=9920123456", 400, "parameter 'passkey' is required"),
            ("/Integ/API.dvf?mobile=99201&passkey=\(key)", 400, "too short"),
            ("/Integ/API.dvf?mobile=9920123456&passkey=\(key)&cn=FR", 400, "cn 'FR'"),
            ("/Integ/API.dvf?mobile=9920123456&passkey=\(key)&out=XML", 400, "out must be"),
            ("/Integ/API.dvf?mobile=9920123456&passkey=RA$00000000-0000-0000-0000-000000000000", 401, "passkey is not valid"),
            ("/Integ/API.dvf?mobile=9920123456&passkey=nonsense", 401, "passkey is not valid"),
            ("/Integ/API.dvf?mobile=9920123456&passkey=\(key)&notify=http://10.0.0.5/x", 400, "non-public"),
            ("/Integ/API.dvf?mobile=9920123456&passkey=\(key)&notify=ftp://x/y", 400, "not http or https"),
            ("/Integ/API.dvf?mobile=9920123456&passkey=\(key)&e-notify=ops@example.com%0D%0ABcc:x@y.com", 400, "not a valid e-mail"),
            ("/Integ/API.dvf?passkey=\(key)&Token=Verify", 400, "'No' is required"),
        ]
        for (path, status, message) in cases {
            let response = try await gateway.get(path)
            #expect(response.status == status, "\(path)")
            #expect(response.json["APIStatus"] as? String == "Error", "\(path): \(response.body)")
            #expect(response.json["ImageUrl"] as? String == "Err")
            #expect((response.json["Message"] as? String)?.contains(message) == true, "\(path): \(response.body)")
        }
        let feed: [(String, Int)] = [
            ("/Integ/UserLayer/DataFeed_APIV2.dvf", 400), ("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=garbage", 400),
            ("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=RA$00000000-0000-0000-0000-000000000000", 404),
        ]
        for (path, status) in feed {
            let response = try await gateway.get(path)
            #expect(response.status == status && response.json["VerificationStatus"] as? String == "Error", "\(path)")
        }
        #expect(try await gateway.get("/Integ/CatchAll.dvf?SID=x&VerifiedNumber=1").status == 200)
        await gateway.stop()
    }

    @Test("out=IMG answers a real PNG of the session and names the session; ImageUrl and its 2× variant keep working")
    func image() async throws {
        let gateway = try await GatewayHarness.start()
        let token = gateway.passkey.token.canonical
        let png = try await gateway.getResponse("/Integ/API.dvf?mobile=9920123456&passkey=\(token)&out=IMG")
        #expect(png.status == 200 && png.headers.first(name: "Content-Type") == "image/png")
        #expect(Array(png.bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: 640 × 260.
        #expect(Array(png.bytes[16..<24]) == [0, 0, 2, 128, 0, 0, 1, 4])
        // The session the picture belongs to: an IMG client polls DataFeed with it.
        let sid = png.headers.first(name: "X-Session-Id") ?? "none"
        #expect(png.headers.first(name: "X-Dial-Number") == "+914466949401")
        let expires = png.headers.first(name: "X-Session-Expires").flatMap { try? Date($0, strategy: .iso8601) }
        #expect(abs((expires ?? .distantPast).timeIntervalSinceNow - 120) < 5)
        let status = try await gateway.get("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=\(sid)")
        #expect(status.json["VerificationStatus"] as? String == "UnVerified")
        // 2×: twice the pixels, for high-density screens.
        let double = try await gateway.getResponse("/Integ/API.dvf?mobile=9920123457&passkey=\(token)&out=IMG&scale=2")
        #expect(Array(double.bytes[16..<24]) == [0, 0, 5, 0, 0, 0, 2, 8])
        // The pool number's picture (ImageUrl), per number, and its @2x variant.
        let byURL = try await gateway.getBytes("/Integ/Image/914466949401.png")
        #expect(byURL.status == 200 && byURL.contentType == "image/png" && byURL.bytes != png.bytes)
        #expect(Array(byURL.bytes[16..<24]) == [0, 0, 2, 128, 0, 0, 1, 4])
        let byURL2x = try await gateway.getBytes("/Integ/Image/914466949401@2x.png")
        #expect(byURL2x.status == 200 && Array(byURL2x.bytes[16..<24]) == [0, 0, 5, 0, 0, 0, 2, 8])
        #expect(try await gateway.getBytes("/Integ/Image/919999999999.png").status == 404)
        #expect(try await gateway.getBytes("/Integ/Image/914466949401@3x.png").status == 404)
        // What the pictures say, for people (docs/integration/ shows them).
        try Data(png.bytes).write(to: gateway.directory.appendingPathComponent("session.png"))
        await gateway.stop(keepFiles: ProcessInfo.processInfo.environment["KEEP_IMAGES"] != nil)
    }

    @Test("the early V2 form works only with a configured passkey")
    func earlyV2() async throws {
        let without = try await GatewayHarness.start()
        let refused = try await without.get("/Integ/UserLayer/GetImageAPIV2.dvf?phone_number=9920123456")
        #expect(refused.status == 404 && refused.json["ImageUrl"] as? String == "Err")
        let key = without.passkey.token.canonical
        await without.stop(keepFiles: true)

        // The admin names an existing passkey for the early V2 form; the daemon restarts with it.
        let with = try await GatewayHarness.start(directory: without.directory) { $0.earlyV2Passkey = key }
        let served = try await with.get("/Integ/UserLayer/GetImageAPIV2.dvf?phone_number=9920123456")
        #expect(served.status == 200)
        let sid = try #require(served.json["SID"] as? String)
        #expect(served.json["ImageUrl"] as? String == "https://verify.example.com/Integ/Image/914466949401.png")
        #expect(try await with.service.store.session(sid: sid)?.passkeyID == without.passkey.record.id)
        await with.stop()
    }
}
