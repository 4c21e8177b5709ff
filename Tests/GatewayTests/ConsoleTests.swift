import AsyncHTTPClient
import Foundation
import Gateway
import ModemKit
import NIOCore
import NIOHTTP1
import SessionStore
import Testing

/// The operator's console through its loopback listener, in headless Chromium and over plain
/// HTTP, against a daemon with simulated modems. `SCREENSHOT_DIR=docs/operations/screenshots`
/// keeps the pages' pictures for docs/operations/console.md.
@Suite("the operator's console", .serialized, .timeLimit(.minutes(3)))
struct ConsoleTests {
    static func start(modems: Int = 2, lifetime: Int? = nil) async throws -> (GatewayHarness, String) {
        let gateway = try await GatewayHarness.start {
            ModemHealthTests.fast(&$0, modems: modems)
            $0.consolePort = 0
            if let lifetime { $0.sessionLifetimeSeconds = lifetime }
        }
        return (gateway, "http://127.0.0.1:\(gateway.service.consolePort ?? 0)/console")
    }

    /// Redirects are what is tested here, so they are not followed.
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    static func request(
        _ method: HTTPMethod,
        _ url: String,
        body: String? = nil,
        headers: [(String, String)] = []
    ) async throws -> (status: Int, headers: HTTPHeaders, text: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await Self.client.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), response.headers, String(buffer: try await response.body.collect(upTo: 1 << 22)))
    }

    /// A GET on the admin socket, as nginx proxying the socket would send it. Asynchronous: a
    /// test that blocked a thread waiting for a child process here starved the daemon in the same
    /// process of the threads it answers with.
    static func socketGet(_ gateway: GatewayHarness, _ path: String) async throws -> String {
        let socket = gateway.service.configuration.adminSocketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        return try await request(.GET, "http+unix://\(socket)\(path)").text
    }

    /// What `missedcallctl console` prints as the login key (MissedCallCtlTests runs the command).
    static func loginKey(_ gateway: GatewayHarness) async throws -> String {
        try await socketGet(gateway, "/console/login-key").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the public port serves none of it; the loopback listener asks for the key; a POST without the CSRF token is refused")
    func access() async throws {
        let (gateway, console) = try await Self.start(modems: 1)
        defer { Task { await gateway.stop() } }
        for page in ["", "/modems", "/funnel", "/calls/events", "/login", "/login-key"] {
            #expect(try await Self.request(.GET, gateway.base + "/console" + page).status == 404, "public \(page)")
        }
        let anonymous = try await Self.request(.GET, console + "/modems")
        #expect(anonymous.status == 303 && anonymous.headers.first(name: "Location") == "/console/login")
        #expect(try await Self.request(.POST, console + "/login", body: "key=wrong").status == 403)
        let key = try await Self.loginKey(gateway)
        #expect(key.count == 64)
        let login = try await Self.request(.POST, console + "/login", body: "key=\(key)")
        let cookie = try #require(login.headers.first(name: "Set-Cookie")?.split(separator: ";").first.map(String.init))
        #expect(login.status == 303 && !cookie.contains(key))
        let page = try await Self.request(.GET, console + "/modems", headers: [("Cookie", cookie)])
        #expect(page.status == 200 && page.text.contains("<h1>Modems</h1>"))
        #expect(page.text.contains("<a href=\"/console/pool\">Pool</a>") && !page.text.contains("SQLQueryString"))
        let forged = try await Self.request(.POST, console + "/modems/\(ModemHealthTests.imei1)/clear", body: "", headers: [("Cookie", cookie)])
        #expect(forged.status == 403 && forged.text.contains("CSRF"))
        let wrong = try await Self.request(
            .POST,
            console + "/modems/\(ModemHealthTests.imei1)/clear",
            body: "csrf=\(String(repeating: "0", count: 64))",
            headers: [("Cookie", cookie)]
        )
        #expect(wrong.status == 403)
        let noCookie = try await Self.request(.POST, console + "/modems/\(ModemHealthTests.imei1)/clear", body: "csrf=x")
        #expect(noCookie.status == 403)
        // Through the admin socket no login is asked: the socket's mode already decided.
        let socket = try await Self.socketGet(gateway, "/console/pool")
        #expect(socket.contains("<h1>Pool</h1>") && socket.contains("04466949401"))
    }

    @Test("in a browser: a quarantined modem first and cleared from the page; a call in the live tail within a second; every page renders")
    func browser() async throws {
        let (gateway, console) = try await Self.start()
        let browser = try await WebDriver.start(width: 1280, height: 820)
        defer { Task { await browser.quit() } }
        let shots = ProcessInfo.processInfo.environment["SCREENSHOT_DIR"].map { URL(fileURLWithPath: $0) } ?? gateway.directory
        #expect(try await ModemHealthTests.waitUntil { try await ModemHealthTests.online(gateway, ModemHealthTests.number2) })
        let simulator = try #require(gateway.service.simulated.all.last)
        simulator.setSilent(true)
        #expect(
            await ModemHealthTests.waitUntil(.seconds(30)) {
                ModemHealthTests.report(gateway, ModemHealthTests.imei2)?.health.condition == .quarantined
            }
        )
        // Log in as a person would.
        try await browser.open(console + "/modems")
        try await browser.wait(for: "document.getElementById('key')")
        try await browser.run(
            "document.getElementById('key').value = arguments[0]; document.querySelector('form').submit();",
            [try await Self.loginKey(gateway)]
        )
        try await browser.wait(for: "document.querySelector('#modems tbody tr')")
        let first = try await browser.run("return document.querySelector('#modems tbody tr').textContent;") as? String ?? ""
        #expect(first.contains(ModemHealthTests.imei2) && first.contains("quarantined"), "\(first)")
        #expect(try await browser.run("return document.querySelector('#modems tbody tr').className;") as? String == "bad")
        try await browser.screenshot(to: shots.appendingPathComponent("console-modems.png"))
        simulator.setSilent(false)
        try await browser.run("window.confirm = () => true; document.querySelector('#modems button.clear').click();")
        try await browser.wait(for: "document.querySelector('p.ok[role=status]')")
        #expect((try await browser.run("return document.querySelector('p.ok').textContent;") as? String)?.contains("cleared") == true)
        #expect(ModemHealthTests.report(gateway, ModemHealthTests.imei2)?.health.condition != .quarantined)

        // The live tail.
        try await browser.open(console + "/calls")
        try await browser.wait(for: "document.querySelector('#calls')")
        try await Task.sleep(for: .milliseconds(400))
        try await gateway.ring(from: "+919920123456")
        let took = try await browser.wait(for: "document.querySelector('#calls tr.new')", timeout: .seconds(3))
        #expect(took < .seconds(1), "the call showed after \(took)")
        let row = try await browser.run("return document.querySelector('#calls tr.new').textContent;") as? String ?? ""
        #expect(row.contains("+91******3456") && !row.contains("9920123456") && row.contains("04466949401"), "\(row)")
        print("console: a call appeared in the live tail \(took.components.attoseconds / 1_000_000_000_000_000) ms after the ring")
        try await browser.screenshot(to: shots.appendingPathComponent("console-calls.png"))

        // Something for the funnel to show: three verified, one expired, one waiting.
        try await gateway.service.store.setDailyQuota(passkeyID: gateway.passkey.record.id, quota: 100)
        for index in 0..<5 {
            let session = try await gateway.service.store.createSession(
                NewSession(passkey: gateway.passkey.token.canonical, mobile: "99201234\(20 + index)")
            )
            if index < 3 { try gateway.service.simulated.ring(from: session.mobile.e164, to: session.dialingNumber) }
            if index == 3 { try await gateway.service.store.expireSession(sid: session.sid) }
        }
        try await Task.sleep(for: .milliseconds(500))
        for page in ["pool", "funnel", "deliveries", "nodes"] {
            try await browser.open(console + "/" + page)
            try await browser.wait(for: "document.querySelector('h1')")
            #expect(try await browser.run("return document.title;") as? String != "Error — missedcall console", "\(page)")
            try await browser.screenshot(to: shots.appendingPathComponent("console-\(page).png"))
        }
        await browser.quit()
        await gateway.stop()
    }

    @Test("the funnel page counts what the store holds after a mix of verified, late, expired and never-called sessions")
    func funnelCounts() async throws {
        let (gateway, console) = try await Self.start(modems: 2)
        defer { Task { await gateway.stop() } }
        let store = gateway.service.store
        let token = gateway.passkey.token.canonical
        try await store.setDailyQuota(passkeyID: gateway.passkey.record.id, quota: 100)
        #expect(try await ModemHealthTests.waitUntil { try await ModemHealthTests.online(gateway, ModemHealthTests.number2) })
        var sessions: [VerificationSession] = []
        for index in 0..<8 {
            sessions.append(try await store.createSession(NewSession(passkey: token, mobile: "99201234\(10 + index)")))
        }
        // 3 verified, 1 called after it was ended (late), 2 ended never called, 2 still pending.
        for session in sessions[0..<3] { try gateway.service.simulated.ring(from: session.mobile.e164, to: session.dialingNumber) }
        try await store.expireSession(sid: sessions[3].sid)
        try gateway.service.simulated.ring(from: sessions[3].mobile.e164, to: sessions[3].dialingNumber)
        for session in sessions[4..<6] { try await store.expireSession(sid: session.sid) }
        #expect(
            try await ModemHealthTests.waitUntil {
                let days = try await store.funnel(days: 30, now: Date())
                return days.reduce(0) { $0 + $1.verified } == 3 && days.reduce(0) { $0 + $1.called } == 4
            }
        )
        let days = try await store.funnel(days: 30, now: Date())
        #expect(days.reduce(0) { $0 + $1.created } == 8 && days.reduce(0) { $0 + $1.expired } == 3)
        #expect(days.reduce(0) { $0 + $1.histogram.reduce(0, +) } == 4)
        let login = try await Self.request(.POST, console + "/login", body: "key=\(try await Self.loginKey(gateway))")
        let cookie = try #require(login.headers.first(name: "Set-Cookie")?.split(separator: ";").first.map(String.init))
        let page = try await Self.request(.GET, console + "/funnel", headers: [("Cookie", cookie)]).text
        for (id, value) in [("created-30", 8), ("called-30", 4), ("verified-30", 3), ("expired-30", 3), ("created-today", 8)] {
            #expect(page.contains("id=\"\(id)\">\(value)</b>") || page.contains("id=\"\(id)\" class=\"ok\">\(value)</b>"), "\(id) should be \(value)")
        }
        #expect(page.contains("<svg class=\"chart\"") && page.contains("client"))
    }
}
