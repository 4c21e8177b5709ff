import NIOCore

/// Frames CRLF lines, parses replies and hands each to the oldest waiter (or keeps it until one
/// asks: the greeting arrives before anyone waits). Confined to the channel's event loop.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private var buffer: [UInt8] = []
    private var parser = SMTPReplyParser()
    private var ready: [Result<SMTPReply, SMTPError>] = []
    private var waiters: [EventLoopPromise<SMTPReply>] = []
    private var closed = false

    func next(on eventLoop: any EventLoop) -> EventLoopFuture<SMTPReply> {
        if !ready.isEmpty { return eventLoop.makeCompletedFuture(ready.removeFirst().mapError { $0 as any Error }) }
        if closed { return eventLoop.makeFailedFuture(SMTPError.connection("closed by server")) }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        waiters.append(promise)
        return promise.futureResult
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        for byte in bytes.readableBytesView {
            if byte == UInt8(ascii: "\n") {
                if buffer.last == UInt8(ascii: "\r") { buffer.removeLast() }
                let line = String(decoding: buffer, as: UTF8.self)
                buffer.removeAll(keepingCapacity: true)
                do {
                    if let reply = try parser.feed(line) { deliver(.success(reply)) }
                } catch {
                    deliver(.failure(.protocolError("malformed reply: \(line.prefix(80))")))
                }
            } else if buffer.count < 4096 {
                buffer.append(byte)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.fail(SMTPError.connection("closed by server")) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        deliver(.failure(.connection("\(error)")))
        context.close(promise: nil)
    }

    private func deliver(_ result: Result<SMTPReply, SMTPError>) {
        if waiters.isEmpty {
            ready.append(result)
        } else {
            let waiter = waiters.removeFirst()
            switch result {
            case .success(let reply): waiter.succeed(reply)
            case .failure(let error): waiter.fail(error)
            }
        }
    }
}
