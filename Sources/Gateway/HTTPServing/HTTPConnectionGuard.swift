import NIOCore
import NIOHTTP1

/// Sits right after the HTTP/1 decoder of every public connection and enforces, per connection,
/// what `ConnectionRegistry` and `HTTPLimits` decide:
///
/// - admission: a connection the registry refuses gets `503` with `Retry-After` and is closed;
/// - the head timeout: a request head must be complete `headerTimeout` after the connection opened
///   or the previous response ended (slow-header clients, `\r\n\r\n\r\n`, idle keep-alives);
/// - the body timeout: a body must be complete `bodyTimeout` after its head;
/// - keep-alive as the client asked: HTTP/1.0 without `Connection: keep-alive` (PHP's
///   `file_get_contents`, ApacheBench) and HTTP/1.1 with `Connection: close` get
///   `Connection: close` and the connection closed right after the response, so a client that
///   reads to EOF is not left waiting for 60 s; HTTP/1.0 with keep-alive gets it confirmed.
final class HTTPConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let registry: ConnectionRegistry
    private var id: Int?
    private var started = false
    private var refused = false
    private var timer: Scheduled<Void>?
    /// The requests read and not yet answered, oldest first (a client may pipeline): whether the
    /// connection stays open after each, its version, and whether its body was read to the end.
    /// A response that goes out before its body was read (a 413, a refusal) closes the
    /// connection: the rest of the body will not be read.
    private struct RequestInFlight {
        var keepAlive: Bool
        var version: HTTPVersion
        var complete = false
    }
    private var requests = CircularBuffer<RequestInFlight>()

    init(registry: ConnectionRegistry) {
        self.registry = registry
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    private func start(context: ChannelHandlerContext) {
        guard !started else { return }
        started = true
        guard let id = registry.admit(context.channel) else {
            refuse(context: context)
            return
        }
        self.id = id
        arm(context: context, for: registry.limits.headerTimeout, header: true)
    }

    func channelInactive(context: ChannelHandlerContext) {
        disarm()
        if let id { registry.closed(id) }
        id = nil
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        disarm()
        if let id { registry.closed(id) }
        id = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if refused { return }
        switch unwrapInboundIn(data) {
        case .head(let head):
            requests.append(RequestInFlight(keepAlive: head.isKeepAlive, version: head.version))
            if let id { registry.requestStarted(id) }
            arm(context: context, for: registry.limits.bodyTimeout, header: false)
        case .body:
            break
        case .end:
            if !requests.isEmpty { requests[requests.index(before: requests.endIndex)].complete = true }
            disarm()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = requests.first ?? RequestInFlight(keepAlive: true, version: .http1_1, complete: true)
        let keepAlive = request.keepAlive && request.complete
        switch unwrapOutboundIn(data) {
        case .head(var head):
            if !keepAlive {
                head.headers.replaceOrAdd(name: "connection", value: "close")
            } else if request.version == .http1_0 {
                head.headers.replaceOrAdd(name: "connection", value: "keep-alive")
            }
            context.write(wrapOutboundOut(.head(head)), promise: promise)
        case .body:
            context.write(data, promise: promise)
        case .end:
            _ = requests.popFirst()
            guard keepAlive else {
                let closing = context.eventLoop.makePromise(of: Void.self)
                closing.futureResult.cascade(to: promise)
                context.writeAndFlush(data, promise: closing)
                let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
                closing.futureResult.whenComplete { _ in loopBound.value.close(promise: nil) }
                return
            }
            context.writeAndFlush(data, promise: promise)
            // Idle again once every request read has been answered: the head timeout runs anew.
            if requests.isEmpty {
                if let id { registry.requestFinished(id) }
                arm(context: context, for: registry.limits.headerTimeout, header: true)
            }
        }
    }

    // MARK: Timers

    private func arm(context: ChannelHandlerContext, for timeout: Duration, header: Bool) {
        disarm()
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(
            in: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000)
        ) {
            let (handler, context) = loopBound.value
            handler.timer = nil
            handler.registry.timedOut(header: header)
            context.close(promise: nil)
        }
    }

    private func disarm() {
        timer?.cancel()
        timer = nil
    }

    // MARK: Refusal

    private func refuse(context: ChannelHandlerContext) {
        refused = true
        let retry = registry.limits.retryAfterSeconds
        let text = "the gateway is serving as many requests as it can; retry after \(retry) s\n"
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "text/plain; charset=utf-8")
        headers.add(name: "content-length", value: String(text.utf8.count))
        headers.add(name: "retry-after", value: String(retry))
        headers.add(name: "connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .serviceUnavailable, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        // Half-close, then close: closing with the client's request unread would reset the
        // connection and could lose the 503 on its way.
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            loopBound.value.close(mode: .output, promise: nil)
            loopBound.value.eventLoop.scheduleTask(in: .seconds(1)) { loopBound.value.close(promise: nil) }
        }
    }
}
