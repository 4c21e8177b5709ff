import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// What became of a webhook attempt.
public enum WebhookOutcome: Sendable, Equatable {
    case delivered(status: Int)
    /// HTTP 410: the receiver wants no more.
    case gone
    case failed(status: Int?, detail: String)
    /// The SSRF guard or the URL itself refused it; retrying will not help.
    case refused(String)
}

/// Sends webhook requests with AsyncHTTPClient: connect and total timeouts, the SSRF guard before
/// each attempt, and redirects followed only on the same host (and checked again).
public struct WebhookSender: Sendable {
    let client: HTTPClient
    public let policy: AddressPolicy
    public let timeout: Duration
    public let maxRedirects: Int

    public init(client: HTTPClient, policy: AddressPolicy, timeout: Duration = .seconds(10), maxRedirects: Int = 3) {
        self.client = client
        self.policy = policy
        self.timeout = timeout
        self.maxRedirects = maxRedirects
    }

    /// An HTTP client set up for webhooks: no automatic redirects (we follow same-host ones
    /// ourselves), a 5 s connect timeout.
    public static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10)))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 16)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the client's connections; call once, when the dispatcher has stopped.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func send(_ request: WebhookRequest) async -> WebhookOutcome {
        var url = request.url
        var method = request.method
        var body = request.body
        for _ in 0...maxRedirects {
            do {
                _ = try await policy.check(host: url.host)
            } catch {
                return .refused(error.description)
            }
            var http = HTTPClientRequest(url: url.description)
            http.method = HTTPMethod(rawValue: method)
            for (name, value) in request.headers { http.headers.add(name: name, value: value) }
            if !body.isEmpty {
                http.body = .bytes(ByteBuffer(bytes: body))
            }
            let status: Int
            let location: String?
            do {
                let response = try await client.execute(http, timeout: .nanoseconds(timeout.nanoseconds))
                status = Int(response.status.code)
                location = response.headers.first(name: "Location")
                _ = try? await response.body.collect(upTo: 64 * 1024)
            } catch {
                return .failed(status: nil, detail: Self.describe(error))
            }
            switch status {
            case 200..<300: return .delivered(status: status)
            case 410: return .gone
            case 301, 302, 303, 307, 308:
                guard let location, let next = redirect(from: url, to: location) else {
                    return .failed(status: status, detail: "redirect to another host not followed: \(location ?? "no Location")")
                }
                url = next
                if status == 303 || ((status == 301 || status == 302) && method == "POST") {
                    method = "GET"
                    body = []
                }
            default:
                return .failed(status: status, detail: "HTTP \(status)")
            }
        }
        return .failed(status: nil, detail: "too many redirects")
    }

    /// A same-host redirect target, or `nil` for another host.
    func redirect(from url: NotifyURL, to location: String) -> NotifyURL? {
        if location.hasPrefix("/") { return url.with(target: location) }
        guard let next = try? NotifyURL.parse(location), next.host == url.host, next.port == url.port, next.scheme == url.scheme else { return nil }
        return next
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            if error == .connectTimeout { return "connect timeout" }
            if error == .deadlineExceeded || error == .readTimeout { return "timeout" }
        }
        return "\(error)"
    }
}
