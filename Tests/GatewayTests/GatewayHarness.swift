import AsyncHTTPClient
import Foundation
import Gateway
import Logging
import NIOHTTP1
import SessionStore
import Testing

/// The whole daemon in-process: SQLite in a temporary folder, one simulated modem on a pty, the
/// public API on a free loopback port, webhooks allowed to loopback.
struct GatewayHarness {
    let service: GatewayService
    let directory: URL
    let passkey: CreatedPasskey
    let base: String

    static func start(directory existing: URL? = nil, configure: (inout GatewayConfiguration) -> Void = { _ in }) async throws -> GatewayHarness {
        let directory = existing ?? FileManager.default.temporaryDirectory.appendingPathComponent("gateway-\(UUID().uuidString)")
        var configuration = GatewayConfiguration()
        configuration.stateDirectory = directory.path
        configuration.httpPort = 0
        configuration.publicBaseURL = "https://verify.example.com"
        configuration.simulatedModems = 1
        configuration.webhookAllowedNetworks = ["127.0.0.0/8"]
        configure(&configuration)
        var logger = Logger(label: "test.gateway")
        logger.logLevel = .critical
        let service = try await GatewayService.start(configuration, logger: logger)
        let passkey = try await service.store.createPasskey(NewPasskey(label: "client", dailyQuota: 3))
        // Wait for the simulated modem to be ready and its number online.
        for _ in 0..<200 where (try await service.store.dialingNumbers().first?.online) != true {
            try await Task.sleep(for: .milliseconds(10))
        }
        return GatewayHarness(service: service, directory: directory, passkey: passkey, base: "http://127.0.0.1:\(service.httpPort ?? 0)")
    }

    /// GET with the path and query exactly as given (unencoded `$`, `@`, URLs), as old clients send.
    func get(_ pathAndQuery: String) async throws -> (status: Int, body: String, json: [String: Any]) {
        var request = HTTPClientRequest(url: base + pathAndQuery)
        request.method = .GET
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        let body = String(buffer: bytes)
        let json = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any] ?? [:]
        return (Int(response.status.code), body, json)
    }

    func getBytes(_ pathAndQuery: String) async throws -> (status: Int, contentType: String?, bytes: [UInt8]) {
        let response = try await getResponse(pathAndQuery)
        return (response.status, response.headers.first(name: "Content-Type"), response.bytes)
    }

    func getResponse(_ pathAndQuery: String, headers: [(String, String)] = []) async throws -> (status: Int, headers: HTTPHeaders, bytes: [UInt8]) {
        var request = HTTPClientRequest(url: base + pathAndQuery)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 22)
        return (Int(response.status.code), response.headers, Array(body.readableBytesView))
    }

    var number: PhoneNumber { get async throws { try #require(try await service.store.dialingNumbers().first?.number) } }

    func ring(from caller: String?) async throws {
        try service.simulated.ring(from: caller, to: try await number)
    }

    func waitForStatus(_ sid: String, _ status: String, timeout: Duration = .seconds(5)) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + timeout
        var last: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            last = try await get("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=\(sid)").json
            if last["VerificationStatus"] as? String == status { return last }
            try await Task.sleep(for: .milliseconds(20))
        }
        return last
    }

    func stop(keepFiles: Bool = false) async {
        await service.stop()
        if !keepFiles { try? FileManager.default.removeItem(at: directory) }
    }
}
