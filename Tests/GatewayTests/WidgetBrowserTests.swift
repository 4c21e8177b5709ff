import Foundation
import Gateway
import SessionStore
import Testing

/// The widget and the demo page in a real browser (Debian's headless Chromium through
/// chromedriver) against a daemon with a simulated modem. `SCREENSHOT_DIR=docs/integration/screenshots`
/// keeps the pictures of each state for the docs.
@Suite("the verification widget in headless Chromium", .serialized, .timeLimit(.minutes(3)))
struct WidgetBrowserTests {
    static func screenshots(_ gateway: GatewayHarness) -> URL {
        ProcessInfo.processInfo.environment["SCREENSHOT_DIR"].map { URL(fileURLWithPath: $0) } ?? gateway.directory
    }

    /// Text colour against the widget's white: WCAG's contrast ratio of every text element, the
    /// lowest one and what it is.
    static let contrastScript = """
        function lum(c) { const v = c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; }
        function background(e) { while (e) { const b = getComputedStyle(e).backgroundColor; if (b && !b.endsWith(', 0)') && b !== 'transparent') return b; e = e.parentElement; } return 'rgb(255, 255, 255)'; }
        let worst = [99, ''];
        for (const e of document.querySelectorAll('.mc-widget, .mc-widget *')) {
          if (!e.childNodes.length || ![...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
          const a = lum(getComputedStyle(e).color), b = lum(background(e));
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          if (ratio < worst[0]) worst = [ratio, e.className || e.tagName];
        }
        return worst;
        """

    @Test("the demo page: the number as a tel: link, the phone to call from, a countdown; verified within a second of the call; accessible")
    func demoVerifies() async throws {
        let gateway = try await GatewayHarness.start()
        let browser = try await WebDriver.start()
        defer { Task { await browser.quit() } }
        let shots = Self.screenshots(gateway)
        try await browser.open(gateway.base + "/demo")
        try await browser.wait(for: "window.MissedCall && document.querySelector('#start button')")
        try await browser.screenshot(to: shots.appendingPathComponent("demo-start.png"))
        try await browser.run("document.querySelector('#start button').click();")
        try await browser.wait(for: "document.querySelector('#widget[data-state=pending] .mc-number')")
        let shown =
            try await browser.run(
                "const q = s => document.querySelector(s); return [q('.mc-number').textContent, q('.mc-number').getAttribute('href'), q('.mc-from').textContent, q('.mc-countdown').textContent];"
            ) as? [String] ?? []
        #expect(shown.count == 4)
        #expect(shown.first == "044 6694 9401" && shown.dropFirst().first == "tel:+914466949401")
        #expect(shown.dropFirst(2).first == "Call from +91 99201 23456")
        #expect(shown.last?.range(of: #"^[0-9]+:[0-5][0-9] left$"#, options: .regularExpression) != nil, "\(shown)")
        try await browser.screenshot(to: shots.appendingPathComponent("widget-pending.png"))

        // Accessibility: names and roles in Chromium's own tree, keyboard order, contrast.
        let tree = try await browser.accessibilityTree()
        #expect(tree.contains { $0.role == "link" && $0.name == "Call 044 6694 9401" }, "\(tree)")
        #expect(tree.contains { $0.role == "status" } && tree.contains { $0.role == "timer" })
        #expect(tree.contains { $0.role == "region" && $0.name == "Verify your phone number" })
        #expect(tree.contains { $0.role == "textbox" && $0.name == "Your mobile number" })
        #expect(!tree.contains { ($0.role == "button" || $0.role == "link") && $0.name.isEmpty }, "an unnamed control")
        try await browser.run("document.activeElement.blur(); document.body.focus();")
        var order: [String] = []
        for _ in 0..<5 { order.append(try await browser.tab()) }
        #expect(order == ["input#mobile", "select#lang", "button", "a.mc-number", "button#simulate"], "\(order)")
        let contrast = try await browser.run(Self.contrastScript) as? [Any] ?? []
        #expect((contrast.first as? Double ?? 0) >= 4.5, "lowest contrast \(contrast)")

        // The call: the page turns verified within a second.
        try await browser.run("document.getElementById('simulate').click();")
        let took = try await browser.wait(for: "document.querySelector('#widget[data-state=verified]')", timeout: .seconds(5))
        #expect(took < .seconds(1), "verified after \(took)")
        print("widget: verified \(took.components.attoseconds / 1_000_000_000_000_000) ms after the simulated call was pressed")
        #expect(try await browser.run("return document.activeElement.className;") as? String == "mc-status")
        #expect(try await browser.run("return document.querySelector('.mc-status').textContent;") as? String == "Verified. Thank you!")
        try await browser.screenshot(to: shots.appendingPathComponent("widget-verified.png"))
        await browser.quit()
        await gateway.stop()
    }

    @Test("a session that runs out shows the expiry and a focused retry that gets a new number; long-poll and Hindi work too")
    func expiryRetryLongPollHindi() async throws {
        let gateway = try await GatewayHarness.start { $0.sessionLifetimeSeconds = 3 }
        let browser = try await WebDriver.start()
        defer { Task { await browser.quit() } }
        let shots = Self.screenshots(gateway)
        try await browser.open(gateway.base + "/demo?transport=long-poll")
        try await browser.wait(for: "window.MissedCall && document.querySelector('#start button')")
        try await browser.run("document.getElementById('lang').value = 'hi'; document.querySelector('#start button').click();")
        try await browser.wait(for: "document.querySelector('#widget[data-state=pending]')")
        #expect(try await browser.run("return window.demoWidget.transport;") as? String == "long-poll")
        #expect(try await browser.run("return document.querySelector('.mc-title').textContent;") as? String == "अपना फ़ोन नंबर सत्यापित करें")
        #expect(try await browser.run("return document.querySelector('.mc-widget').lang;") as? String == "hi")
        try await browser.screenshot(to: shots.appendingPathComponent("widget-pending-hindi.png"))
        try await browser.wait(for: "document.querySelector('#widget[data-state=expired]')", timeout: .seconds(8))
        #expect(try await browser.run("return document.activeElement.className;") as? String == "mc-retry")
        try await browser.screenshot(to: shots.appendingPathComponent("widget-expired-hindi.png"))
        let firstID = try await browser.run("return window.demoWidget.state.id;") as? String
        try await browser.run("document.activeElement.click();")
        try await browser.wait(
            for: "document.querySelector('#widget[data-state=pending]') && window.demoWidget.state && window.demoWidget.state.id !== arguments[0]"
                .replacingOccurrences(of: "arguments[0]", with: "'\(firstID ?? "")'")
        )
        // Long poll: the call still turns it verified.
        let mobile = try #require(try await browser.run("return window.demoWidget.state.mobile;") as? String)
        try await gateway.ring(from: mobile)
        try await browser.wait(for: "document.querySelector('#widget[data-state=verified]')", timeout: .seconds(3))
        await browser.quit()
        await gateway.stop()
    }

    @Test("on another origin the widget works only once the passkey lists the origin (a real browser's CORS)")
    func crossOrigin() async throws {
        let gateway = try await GatewayHarness.start()
        let browser = try await WebDriver.start()
        defer { Task { await browser.quit() } }
        let port = try QuickstartTests.freePort()
        let app = Process()
        app.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        app.arguments = ["python3", QuickstartTests.root.appendingPathComponent("python/app.py").path]
        app.environment = ProcessInfo.processInfo.environment.merging(
            [
                "GATEWAY_URL": gateway.base, "PASSKEY": gateway.passkey.token.canonical, "WEBHOOK_SECRET": gateway.passkey.record.webhookSecret,
                "PORT": String(port),
            ],
            uniquingKeysWith: { $1 }
        )
        app.standardOutput = FileHandle.nullDevice
        try app.run()
        defer {
            kill(app.processIdentifier, SIGKILL)
            app.waitUntilExit()
        }
        let page = "http://localhost:\(port)/"
        // Each try with its own mobile: one pending session per mobile and number.
        func start(_ mobile: String) async throws {
            try await browser.open(page)
            try await browser.wait(for: "window.MissedCall")
            try await browser.run("document.getElementById('mobile').value = '\(mobile)'; document.querySelector('#start button').click();")
        }
        try await Task.sleep(for: .milliseconds(500))
        try await start("9920123455")
        try await browser.wait(for: "document.querySelector('#verify[data-state=error]')", timeout: .seconds(15))
        try await gateway.service.store.setAllowedOrigins(passkeyID: gateway.passkey.record.id, origins: ["http://localhost:\(port)"])
        try await start("9920123456")
        try await browser.wait(for: "document.querySelector('#verify[data-state=pending]')")
        try await gateway.ring(from: "+919920123456")
        try await browser.wait(for: "location.pathname === '/verified'", timeout: .seconds(5))
        await browser.quit()
        await gateway.stop()
    }
}
