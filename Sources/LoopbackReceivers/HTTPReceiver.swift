import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real HTTP server on 127.0.0.1 for tests and benchmarks: records every request and answers as
/// the test decides (status, delay), so "fails twice then succeeds" or "times out" are real.
public final class HTTPReceiver: Sendable {
    public struct Request: Sendable, Equatable {
        public var method: String
        /// The request target: path and query.
        public var uri: String
        public var headers: [String: String]
        public var body: [UInt8]
        /// CLOCK_MONOTONIC-based `ContinuousClock` instant of arrival.
        public var receivedAt: ContinuousClock.Instant

        public func header(_ name: String) -> String? { headers[name.lowercased()] }

        /// Query parameters, percent-decoded.
        public var query: [String: String] {
            guard let mark = uri.firstIndex(of: "?") else { return [:] }
            var result: [String: String] = [:]
            for pair in uri[uri.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                result[Self.decode(parts[0])] = parts.count > 1 ? Self.decode(parts[1]) : ""
            }
            return result
        }

        static func decode(_ text: String) -> String {
            var bytes: [UInt8] = []
            var iterator = Array(text.utf8).makeIterator()
            while let byte = iterator.next() {
                if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                {
                    bytes.append(value)
                } else {
                    bytes.append(byte == UInt8(ascii: "+") ? 0x20 : byte)
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    public struct Response: Sendable {
        public var status: Int
        public var delay: Duration
        public var headers: [(String, String)]
        public init(status: Int = 200, delay: Duration = .zero, headers: [(String, String)] = []) {
            self.status = status
            self.delay = delay
            self.headers = headers
        }
    }

    public typealias Behaviour = @Sendable (_ request: Request, _ index: Int) -> Response

    private let recorded = Mutex<[Request]>([])
    private let behaviour: Behaviour
    private let channel: any Channel
    public let port: Int

    /// Starts listening on 127.0.0.1 (`port` 0 picks a free one).
    public static func start(port: Int = 0, behaviour: @escaping Behaviour = { _, _ in Response() }) async throws -> HTTPReceiver {
        let box = Box()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 1024)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.pipeline.configureHTTPServerPipeline().flatMapThrowing {
                    try channel.pipeline.syncOperations.addHandler(ReceiverHandler(box: box))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        let receiver = HTTPReceiver(channel: channel, port: channel.localAddress?.port ?? 0, behaviour: behaviour)
        box.receiver.withLock { $0 = receiver }
        return receiver
    }

    private init(channel: any Channel, port: Int, behaviour: @escaping Behaviour) {
        self.channel = channel
        self.port = port
        self.behaviour = behaviour
    }

    public var requests: [Request] { recorded.withLock { $0 } }

    public func stop() async {
        try? await channel.close()
    }

    /// Waits until at least `count` requests arrived.
    @discardableResult
    public func wait(forCount count: Int, timeout: Duration = .seconds(10)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if recorded.withLock({ $0.count }) >= count { return true }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return recorded.withLock { $0.count } >= count
    }

    func record(_ request: Request) -> Response {
        let index = recorded.withLock { requests -> Int in
            requests.append(request)
            return requests.count - 1
        }
        return behaviour(request, index)
    }

    final class Box: Sendable {
        let receiver = Mutex<HTTPReceiver?>(nil)
    }
}

/// Collects one request at a time and answers it after the behaviour's delay.
private final class ReceiverHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    let box: HTTPReceiver.Box
    var head: HTTPRequestHead?
    var body: [UInt8] = []

    init(box: HTTPReceiver.Box) {
        self.box = box
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = []
        case .body(let buffer):
            body.append(contentsOf: buffer.readableBytesView)
        case .end:
            guard let head, let receiver = box.receiver.withLock({ $0 }) else { return }
            var headers: [String: String] = [:]
            for (name, value) in head.headers { headers[name.lowercased()] = value }
            let response = receiver.record(
                HTTPReceiver.Request(
                    method: head.method.rawValue,
                    uri: head.uri,
                    headers: headers,
                    body: body,
                    receivedAt: .now
                )
            )
            let keepAlive = head.isKeepAlive
            let respond = { [context] in
                var responseHead = HTTPResponseHead(version: head.version, status: HTTPResponseStatus(statusCode: response.status))
                responseHead.headers.add(name: "Content-Length", value: "0")
                for (name, value) in response.headers { responseHead.headers.add(name: name, value: value) }
                if !keepAlive { responseHead.headers.add(name: "Connection", value: "close") }
                context.write(self.wrapOutboundOut(.head(responseHead)), promise: nil)
                let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in
                    if !keepAlive { bound.value.close(promise: nil) }
                }
            }
            if response.delay > .zero {
                let nanoseconds = response.delay.components.seconds * 1_000_000_000 + response.delay.components.attoseconds / 1_000_000_000
                context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(nanoseconds)) { respond() }
            } else {
                respond()
            }
        }
    }
}
