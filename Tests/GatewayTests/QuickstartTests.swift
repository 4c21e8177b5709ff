import AsyncHTTPClient
import Foundation
import Gateway
import GatewayAPI
import NIOCore
import NIOHTTP1
import SessionStore
import Testing

/// The quickstarts of docs/integration/ run as a developer runs them — PHP's built-in server,
/// python3, node, the Swift binary — against a daemon with a simulated modem: the page embeds the
/// widget, the backend creates a session and hands the browser its token, a forged webhook is
/// refused, and the real webhook of a real (simulated) call is verified and recorded.
@Suite("quickstarts in PHP, Python, Node and Swift against a running daemon", .serialized, .timeLimit(.minutes(2)))
struct QuickstartTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../examples/quickstart").standardized

    /// The command line of each quickstart on `port`.
    static func command(_ language: String, port: Int) throws -> [String] {
        switch language {
        case "php": return ["php", "-S", "127.0.0.1:\(port)", root.appendingPathComponent("php/index.php").path]
        case "python": return ["python3", root.appendingPathComponent("python/app.py").path]
        case "node": return ["node", root.appendingPathComponent("node/server.js").path]
        default:
            var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
            let found = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("quickstart-swift") }
                .first { FileManager.default.isExecutableFile(atPath: $0.path) }
            guard let found else { throw StoreError.notFound("quickstart-swift binary; run `swift build --build-tests`") }
            return [found.path]
        }
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw StoreError.invalidArgument("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func call(_ method: HTTPMethod, _ url: String, body: String? = nil, headers: [(String, String)] = []) async throws -> (status: Int, text: String)
    {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    func object(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test(
        "the quickstart serves the widget, creates a session, refuses a forged webhook and records the real one",
        arguments: ["php", "python", "node", "swift"]
    )
    func quickstart(language: String) async throws {
        let gateway = try await GatewayHarness.start()
        let port = try Self.freePort()
        let data = gateway.directory.appendingPathComponent("quickstart-\(language)")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let process = Process()
        let command = try Self.command(language, port: port)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        process.environment = ProcessInfo.processInfo.environment.merging(
            [
                "GATEWAY_URL": gateway.base, "PASSKEY": gateway.passkey.token.canonical, "WEBHOOK_SECRET": gateway.passkey.record.webhookSecret,
                "PORT": String(port), "PUBLIC_URL": "http://127.0.0.1:\(port)", "DATA_DIR": data.path,
            ],
            uniquingKeysWith: { $1 }
        )
        let log = data.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        defer {
            // SIGKILL: the test process blocks SIGTERM in its threads, and a child started from
            // one inherits the mask, so `terminate()` would leave it running.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let app = "http://127.0.0.1:\(port)"
        var page: (status: Int, text: String) = (0, "")
        for _ in 0..<150 {
            if let answered = try? await call(.GET, app + "/") {
                page = answered
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(page.status == 200, "\(language) quickstart did not start: \(output)")
        #expect(page.text.contains("<script src=\"\(gateway.base)/widget/v1/missedcall.js\"></script>"))

        let started = try await call(.POST, app + "/start", body: #"{"mobile":"9920123456"}"#, headers: [("Content-Type", "application/json")])
        #expect(started.status == 200, "\(started.text)")
        let session = object(started.text)
        let id = try #require(session["id"] as? String)
        let token = try #require(session["token"] as? String)
        #expect(session["dial"] as? String == "04466949401")
        let widget = try await gateway.get("/v1/widget/sessions/\(id)?token=\(token)")
        #expect(widget.status == 200 && widget.json["status"] as? String == "pending")

        let encoded = id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id
        let forged = try await call(
            .GET,
            app + "/webhook?SID=\(encoded)&VerifiedNumber=9920123456",
            headers: [("X-Missedcall-Signature", "t=\(Int(Date().timeIntervalSince1970)),v1=\(String(repeating: "0", count: 64))")]
        )
        #expect(forged.status == 401)
        #expect(object(try await call(.GET, app + "/verified?id=\(encoded)").text)["verified"] as? Bool == false)

        try await gateway.ring(from: "+919920123456")
        var verified = false
        for _ in 0..<100 where !verified {
            verified = object(try await call(.GET, app + "/verified?id=\(encoded)").text)["verified"] as? Bool == true
            if !verified { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(verified, "the \(language) backend never recorded a signed webhook: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
        await gateway.stop()
    }
}
