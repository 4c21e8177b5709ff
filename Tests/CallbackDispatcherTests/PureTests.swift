import Foundation
import LoopbackReceivers
import SessionStore
import Testing

@testable import CallbackDispatcher

@Suite("Retry schedule")
struct RetryScheduleTests {
    @Test func followsTheScheduleThenGivesUp() {
        let schedule = RetrySchedule(jitter: 0)
        let created = Date(timeIntervalSince1970: 0)
        let delays = (1...7).map { schedule.nextAttempt(afterAttempts: $0, createdAt: created, now: created)?.timeIntervalSince(created) }
        #expect(delays == [5, 30, 120, 600, 1800, 3600, 3600])
        #expect(schedule.nextAttempt(afterAttempts: 30, createdAt: created, now: created.addingTimeInterval(82_900)) == nil)
        #expect(schedule.nextAttempt(afterAttempts: 30, createdAt: created, now: created.addingTimeInterval(82_700)) != nil)
    }

    @Test func jitterStaysWithinBounds() {
        let schedule = RetrySchedule()
        let now = Date()
        for _ in 0..<200 {
            let delay = schedule.nextAttempt(afterAttempts: 2, createdAt: now, now: now)?.timeIntervalSince(now) ?? 0
            #expect(delay >= 24 && delay <= 36)
        }
    }
}

@Suite("Notify URLs")
struct NotifyURLTests {
    static let cases: [(String, String?)] = [
        ("crm.example.com/hook", "http://crm.example.com/hook"),
        ("http://engine.dial2verify.in/Integ/CatchAll.dvf", "http://engine.dial2verify.in/Integ/CatchAll.dvf"),
        ("HTTPS://Example.COM:8443/a b?c=d e", "https://example.com:8443/a%20b?c=d%20e"),
        ("example.com", "http://example.com/"),
        ("example.com?x=1", "http://example.com/?x=1"),
        ("http://[::1]:8080/x#frag", "http://[::1]:8080/x"),
        ("NA", nil),
        ("na", nil),
        ("", nil),
    ]

    @Test(arguments: cases)
    func parses(_ raw: String, _ expected: String?) throws {
        #expect(try NotifyURL.parse(raw)?.description == expected)
    }

    static let bad: [(String, NotifyURL.ParseError)] = [
        ("ftp://example.com/", .unsupportedScheme("ftp")),
        ("http://user:pw@example.com/", .credentialsNotAllowed),
        ("http://exa mple.com/", .invalidHost("exa mple.com")),
        ("http://example.com:99999/", .invalidPort("99999")),
        ("http://example.com/\r\nX: y", .controlCharacters),
    ]

    @Test(arguments: bad)
    func refuses(_ raw: String, _ error: NotifyURL.ParseError) {
        #expect(throws: error) { try NotifyURL.parse(raw) }
    }
}

@Suite("Webhook requests and signatures")
struct WebhookRequestTests {
    static let event = CallEvent(
        kind: .verification,
        sid: "RA$0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B",
        caller: "+919554595459",
        dialedNumber: "+914466949401",
        transactionTime: Date(timeIntervalSince1970: 1_374_615_198),
        callTime: Date(timeIntervalSince1970: 1_374_615_220),
        country: "IN",
        passkeyID: "k"
    )
    static let ist = TimeZone(identifier: "Asia/Kolkata")!
    static var fields: CallbackFields {
        CallbackFields(
            event: event,
            facts: NumberFacts(operatorName: "Vodafone", circle: "Karnataka", numberType: "Mobile", dndStatus: "No"),
            timeZone: ist
        )
    }

    @Test("GET carries the original's fields, in its formats, after the client's own query")
    func getFields() throws {
        let url = try #require(try NotifyURL.parse("crm.example.com/hook?token=abc"))
        let request = WebhookRequest.build(
            url: url,
            fields: Self.fields,
            method: .get,
            eventID: "e1",
            attempt: 2,
            secrets: ["s"],
            timestamp: 1_700_000_000
        )
        #expect(request.method == "GET" && request.body.isEmpty)
        #expect(
            request.url.target == "/hook?token=abc&SID=RA%240193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B&VerifiedNumber=9554595459"
                + "&TransactionTime=2013-07-24%2003%3A03%3A18&VerificationCallTime=2013-07-24%2003%3A03%3A40&Operator=Vodafone"
                + "&TelcoCircle=Karnataka&NumberType=Mobile&DNDStatus=No"
        )
        let headers = Dictionary(request.headers, uniquingKeysWith: { a, _ in a })
        #expect(headers["X-Missedcall-Event-Id"] == "e1" && headers["X-Missedcall-Attempt"] == "2")
    }

    @Test("signatures verify with either secret during a rotation; any change breaks them")
    func signatures() throws {
        let url = try #require(try NotifyURL.parse("https://crm.example.com/hook"))
        let request = WebhookRequest.build(
            url: url,
            fields: Self.fields,
            method: .postJSON,
            eventID: "e1",
            attempt: 1,
            secrets: ["new", "old"],
            timestamp: 1_700_000_000
        )
        let header = try #require(request.headers.first { $0.0 == WebhookSigner.header }?.1)
        for secret in ["new", "old"] {
            #expect(
                WebhookSigner.verify(
                    headerValue: header,
                    secret: secret,
                    method: "POST",
                    target: request.url.target,
                    body: request.body,
                    now: 1_700_000_010
                )
            )
        }
        #expect(
            !WebhookSigner.verify(
                headerValue: header,
                secret: "other",
                method: "POST",
                target: request.url.target,
                body: request.body,
                now: 1_700_000_010
            )
        )
        var tampered = request.body
        tampered[tampered.count / 2] ^= 1
        #expect(
            !WebhookSigner.verify(headerValue: header, secret: "new", method: "POST", target: request.url.target, body: tampered, now: 1_700_000_010)
        )
        #expect(!WebhookSigner.verify(headerValue: header, secret: "new", method: "POST", target: "/other", body: request.body, now: 1_700_000_010))
        #expect(
            !WebhookSigner.verify(
                headerValue: header,
                secret: "new",
                method: "POST",
                target: request.url.target,
                body: request.body,
                now: 1_700_009_999
            )
        )
        let json = try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: String]
        #expect(json?["SID"] == Self.event.sid && json?["EventId"] == "e1" && json?["DNDStatus"] == "No")
    }

    @Test func formBody() throws {
        let url = try #require(try NotifyURL.parse("crm.example.com/hook"))
        let request = WebhookRequest.build(url: url, fields: Self.fields, method: .postForm, eventID: "e1", attempt: 1, secrets: [], timestamp: 0)
        #expect(String(decoding: request.body, as: UTF8.self).hasPrefix("SID=RA%240193A1B2"))
        #expect(!request.headers.contains { $0.0 == WebhookSigner.header })
    }
}

@Suite("SSRF guard")
struct AddressPolicyTests {
    static let addresses: [(String, Bool)] = [
        ("127.0.0.1", false), ("10.1.2.3", false), ("172.16.0.1", false), ("172.31.255.255", false), ("192.168.1.1", false),
        ("169.254.169.254", false), ("224.0.0.1", false), ("100.64.0.1", false), ("0.0.0.0", false), ("255.255.255.255", false),
        ("8.8.8.8", true), ("172.32.0.1", true), ("::1", false), ("::", false), ("fe80::1", false), ("fc00::1", false),
        ("fd12:3456::1", false), ("ff02::1", false), ("::ffff:127.0.0.1", false), ("::ffff:8.8.8.8", true),
        ("2001:4860:4860::8888", true), ("2001:db8::1", false),
    ]

    /// Every IPv6 form that carries an IPv4 address is judged by the address it carries.
    static let embedded: [(String, Bool)] = [
        ("::ffff:10.0.0.1", false), ("::ffff:0:127.0.0.1", false), ("::ffff:0:8.8.8.8", true), ("::127.0.0.1", false),
        ("::192.168.0.1", false), ("::8.8.8.8", true), ("64:ff9b::10.0.0.1", false), ("64:ff9b::7f00:1", false),
        ("64:ff9b::8.8.8.8", true), ("64:ff9b:1::8.8.8.8", false), ("64:ff9b:1::a00:1", false), ("2002:7f00:1::1", false),
        ("2002:c0a8:101::1", false), ("2002:808:808::1", true),
        // Teredo: server 65.54.227.120, client 127.0.0.1 inverted (80ff:fffe), or a private server.
        ("2001:0:4136:e378:8000:63bf:80ff:fffe", false), ("2001:0:a00:1:8000:63bf:f7f7:f7f7", false),
        ("2001:0:4136:e378:8000:63bf:f7f7:f7f7", true),
    ]

    @Test(arguments: embedded)
    func judgesEmbeddedIPv4ByTheAddressItCarries(_ text: String, _ isPublic: Bool) throws {
        #expect(try #require(IPAddress(text)).isPublic == isPublic)
        #expect(AddressPolicy().permits(try #require(IPAddress(text))) == isPublic)
    }

    @Test func allowListedIPv4AdmitsItsEmbeddedForms() throws {
        let policy = AddressPolicy(allowedNetworks: [IPNetwork("127.0.0.0/8")].compactMap { $0 })
        #expect(policy.permits(try #require(IPAddress("::ffff:127.0.0.1"))))
        #expect(!policy.permits(try #require(IPAddress("64:ff9b::10.0.0.1"))))
    }

    @Test(arguments: addresses)
    func classifies(_ text: String, _ isPublic: Bool) throws {
        #expect(try #require(IPAddress(text)).isPublic == isPublic)
    }

    @Test func allowList() async throws {
        let policy = AddressPolicy(allowedNetworks: [IPNetwork("127.0.0.0/8"), IPNetwork("fd00::/8")].compactMap { $0 })
        #expect(try await policy.check(host: "127.0.0.1") == [IPAddress("127.0.0.1")!])
        #expect(policy.permits(IPAddress("fd12::1")!))
        await #expect(throws: AddressPolicy.Refusal.forbiddenAddress(host: "10.0.0.1", address: "10.0.0.1")) {
            try await policy.check(host: "10.0.0.1")
        }
        // localhost resolves through the system resolver, and is refused without the allow-list.
        await #expect(throws: AddressPolicy.Refusal.self) { try await AddressPolicy().check(host: "localhost") }
        await #expect(throws: AddressPolicy.Refusal.unresolvable(host: "no-such-host.invalid")) {
            try await AddressPolicy().check(host: "no-such-host.invalid")
        }
        #expect(IPNetwork("10.0.0.0/33") == nil && IPNetwork("nonsense") == nil)
    }
}

@Suite("E-mail rendering")
struct EmailRenderingTests {
    static let valid = ["ops@example.com", "first.last+tag@mail.example.co.in", "a@b.io"]
    static let invalid = [
        "", "ops", "ops@", "@example.com", "ops@example", "ops@@example.com", "o ps@example.com",
        "ops@example.com\r\nBcc: victim@example.com", "ops@exa_mple.com", "\"ops\"@example.com", "ops@example.com>",
    ]

    @Test(arguments: valid)
    func acceptsAddresses(_ text: String) throws {
        #expect(try EmailAddress(text).value == text)
    }

    @Test(arguments: invalid)
    func rejectsAddresses(_ text: String) {
        #expect(throws: EmailAddress.Invalid.self) { try EmailAddress(text) }
    }

    @Test("headers cannot be injected through any field")
    func noHeaderInjection() throws {
        let message = EmailMessage(
            from: try EmailAddress("a@example.com"),
            to: try EmailAddress("b@example.com"),
            subject: "hi\r\nBcc: victim@example.com",
            body: "x"
        )
        #expect(throws: EmailMessage.Invalid.lineBreakInHeader("Subject")) { try message.rendered(timeZone: .gmt) }
        let named = EmailMessage(
            from: try EmailAddress("a@example.com"),
            fromName: "Brand\nBcc: v@example.com",
            to: try EmailAddress("b@example.com"),
            subject: "s",
            body: "x"
        )
        #expect(throws: EmailMessage.Invalid.lineBreakInHeader("From")) { try named.rendered(timeZone: .gmt) }
    }

    @Test("quoted-printable UTF-8 body, CRLF line endings, dot-stuffing")
    func bodyEncoding() throws {
        let message = EmailMessage(
            from: try EmailAddress("a@example.com"),
            to: try EmailAddress("b@example.com"),
            subject: "Grüße",
            body: "line one\n.starts with a dot\nनमस्ते = hello",
            date: Date(timeIntervalSince1970: 0),
            messageID: "<m@example.com>"
        )
        let rendered = try message.rendered(timeZone: TimeZone(identifier: "Asia/Kolkata")!)
        #expect(rendered.contains("Date: Thu, 1 Jan 1970 05:30:00 +0530\r\n"))
        #expect(rendered.contains("Subject: =?utf-8?B?R3LDvMOfZQ==?=\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(parseMessage(rendered).body.contains("नमस्ते = hello"))
        let stuffed = SMTPClient.dotStuffed(rendered)
        #expect(stuffed.contains("\r\n..starts with a dot\r\n") && stuffed.hasSuffix("\r\n.\r\n"))
    }

    @Test func smtpReplies() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed("250-mail.example.com") == nil)
        #expect(try parser.feed("250-STARTTLS") == nil)
        let ehlo = try #require(try parser.feed("250 AUTH PLAIN LOGIN"))
        #expect(ehlo.code == 250 && ehlo.supports("STARTTLS") && ehlo.authMechanisms() == ["PLAIN", "LOGIN"])
        #expect(try parser.feed("451 4.3.0 try later")?.isTransient == true)
        #expect(throws: SMTPReplyParser.Failure.self) { try parser.feed("hello") }
    }
}

@Suite("Destination gate")
struct DestinationGateTests {
    static let settings = DestinationGate.Settings(
        perDestination: 2,
        failuresToOpen: 3,
        coolDown: .seconds(5),
        maximumCoolDown: .seconds(20),
        busyDeferral: .milliseconds(500)
    )
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a destination takes at most its share; the job over it is postponed, not held, and other destinations are untouched")
    func share() {
        var gate = DestinationGate(settings: Self.settings)
        #expect(gate.admit("webhook:a:80", now: Self.t0) == .attempt)
        #expect(gate.admit("webhook:a:80", now: Self.t0) == .attempt)
        #expect(gate.admit("webhook:a:80", now: Self.t0) == .postpone(until: Self.t0.addingTimeInterval(0.5)))
        #expect(gate.admit("webhook:b:80", now: Self.t0) == .attempt)
        gate.finished("webhook:a:80", failure: nil, now: Self.t0)
        #expect(gate.admit("webhook:a:80", now: Self.t0) == .attempt)
    }

    /// (failures before, outcome of the probe, circuit after, cool-down in seconds)
    static let probes: [(Int, Bool, String, Double)] = [
        (3, true, "closed", 0), (3, false, "open", 10), (4, false, "open", 20), (5, false, "open", 20),
    ]

    @Test(
        "failures in a row open the circuit; after the cool-down one probe goes; its outcome closes or reopens it, doubling up to the maximum",
        arguments: probes
    )
    func circuit(_ failedProbesBefore: Int, _ probeDelivers: Bool, _ circuitAfter: String, _ coolDownAfter: Double) {
        var gate = DestinationGate(settings: Self.settings)
        var now = Self.t0
        for _ in 0..<3 {
            #expect(gate.admit("smtp", now: now) == .attempt)
            gate.finished("smtp", failure: "timeout", now: now)
        }
        #expect(gate.admit("smtp", now: now) == .postpone(until: now.addingTimeInterval(5)))
        var coolDown = 5.0
        for _ in 3..<failedProbesBefore {
            now = now.addingTimeInterval(coolDown)
            #expect(gate.admit("smtp", now: now) == .attempt)
            gate.finished("smtp", failure: "timeout", now: now)
            coolDown = min(coolDown * 2, 20)
        }
        now = now.addingTimeInterval(coolDown)
        #expect(gate.admit("smtp", now: now) == .attempt)
        #expect(gate.admit("smtp", now: now) == .postpone(until: now.addingTimeInterval(0.5)), "one probe at a time")
        gate.finished("smtp", failure: probeDelivers ? nil : "timeout", now: now)
        let status = gate.destinations["smtp"].map { DestinationStatus(key: "smtp", $0) }
        #expect((status?.circuit ?? "closed") == circuitAfter)
        if circuitAfter == "open" {
            #expect(gate.admit("smtp", now: now) == .postpone(until: now.addingTimeInterval(coolDownAfter)))
        } else {
            #expect(gate.admit("smtp", now: now) == .attempt)
        }
    }
}
