import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import SessionStore

/// Headless Chromium driven over the W3C WebDriver protocol (Debian's `chromedriver`), with the
/// DevTools protocol beside it for the accessibility tree. Enough for the browser tests: open a
/// page, run a script, press keys, take a screenshot.
final class WebDriver: @unchecked Sendable {
    let process: Process
    let base: String
    let session: String
    let profile: URL

    static func start(width: Int = 720, height: Int = 1100) async throws -> WebDriver {
        let port = try QuickstartTests.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chromedriver")
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let base = "http://127.0.0.1:\(port)"
        for _ in 0..<100 {
            if let ready = try? await call(.GET, base + "/status"), ((ready["value"] as? [String: Any])?["ready"] as? Bool) == true { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-\(UUID().uuidString)")
        let capabilities: [String: Any] = [
            "capabilities": [
                "alwaysMatch": [
                    "browserName": "chrome",
                    "goog:chromeOptions": [
                        "binary": "/usr/bin/chromium",
                        "args": [
                            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=\(width),\(height)",
                            "--user-data-dir=\(profile.path)", "--lang=en",
                        ],
                    ],
                ]
            ]
        ]
        let created = try await call(.POST, base + "/session", body: capabilities, timeout: .seconds(60))
        guard let session = (created["value"] as? [String: Any])?["sessionId"] as? String else {
            kill(process.processIdentifier, SIGKILL)
            throw StoreError.notFound("a Chromium session: \(created)")
        }
        return WebDriver(process: process, base: base, session: session, profile: profile)
    }

    private init(process: Process, base: String, session: String, profile: URL) {
        self.process = process
        self.base = base
        self.session = session
        self.profile = profile
    }

    static func call(_ method: HTTPMethod, _ url: String, body: Any? = nil, timeout: TimeAmount = .seconds(20)) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let bytes = try await response.body.collect(upTo: 1 << 26)
        return (try JSONSerialization.jsonObject(with: Data(buffer: bytes))) as? [String: Any] ?? [:]
    }

    func command(_ method: HTTPMethod, _ path: String, _ body: Any? = nil) async throws -> Any? {
        let answer = try await Self.call(method, "\(base)/session/\(session)\(path)", body: body ?? (method == .POST ? [String: Any]() : nil))
        if let value = answer["value"] as? [String: Any], let error = value["error"] as? String {
            throw StoreError.invalidArgument("WebDriver \(path): \(error): \(value["message"] ?? "")")
        }
        return answer["value"]
    }

    func open(_ url: String) async throws { _ = try await command(.POST, "/url", ["url": url]) }

    /// Runs `script` (a function body; `arguments` are the args) in the page and returns its value.
    @discardableResult
    func run(_ script: String, _ arguments: [Any] = []) async throws -> Any? {
        try await command(.POST, "/execute/sync", ["script": script, "args": arguments])
    }

    /// Polls `condition` (a JavaScript expression) until true; the time it took.
    @discardableResult
    func wait(for condition: String, timeout: Duration = .seconds(10)) async throws -> Duration {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < timeout {
            if try await run("return !!(\(condition));") as? Bool == true { return ContinuousClock.now - start }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw StoreError.notFound("within \(timeout): \(condition)")
    }

    /// Presses Tab and returns a description of the element that has the focus then.
    func tab() async throws -> String {
        _ = try await command(
            .POST,
            "/actions",
            [
                "actions": [
                    [
                        "type": "key", "id": "keyboard",
                        "actions": [["type": "keyDown", "value": "\u{E004}"], ["type": "keyUp", "value": "\u{E004}"]],
                    ]
                ]
            ]
        )
        return try await run(
            "const e = document.activeElement; return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '');"
        ) as? String ?? ""
    }

    func screenshot(to file: URL) async throws {
        guard let encoded = try await command(.GET, "/screenshot") as? String, let data = Data(base64Encoded: encoded) else {
            throw StoreError.notFound("a screenshot")
        }
        try data.write(to: file)
    }

    /// Chromium's accessibility tree (DevTools `Accessibility.getFullAXTree`): role and name of
    /// every node that is not ignored.
    func accessibilityTree() async throws -> [(role: String, name: String)] {
        let value = try await command(.POST, "/goog/cdp/execute", ["cmd": "Accessibility.getFullAXTree", "params": [String: Any]()])
        let nodes = (value as? [String: Any])?["nodes"] as? [[String: Any]] ?? []
        return nodes.compactMap { node in
            guard node["ignored"] as? Bool != true else { return nil }
            let role = (node["role"] as? [String: Any])?["value"] as? String ?? ""
            let name = (node["name"] as? [String: Any])?["value"] as? String ?? ""
            return (role, name)
        }
    }

    func quit() async {
        _ = try? await Self.call(.DELETE, "\(base)/session/\(session)")
        kill(process.processIdentifier, SIGKILL)  // SIGTERM is blocked in children of the test process
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: profile)
    }
}
