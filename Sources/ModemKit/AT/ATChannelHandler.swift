import Logging
import NIOCore

/// The NIO handler behind `ATChannel`: frames bytes into lines, runs one command at a time with a
/// timeout, and hands unsolicited lines to `onUnsolicited` synchronously on the event loop, so the
/// call path reacts without a thread hop. All state is confined to the channel's event loop.
final class ATChannelHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    struct Pending {
        var command: ATCommand
        var promise: EventLoopPromise<ATResponse>
    }

    private struct InFlight {
        var pending: Pending
        var lines: [String] = []
        var timeout: Scheduled<Void>?
        var payloadSent = false
    }

    var onUnsolicited: ((UnsolicitedResult, _ receivedAt: UInt64) -> Void)?
    var onClose: ((ATChannelError) -> Void)?

    private var logger: Logger
    private var framer = ATLineFramer()
    private var queue: [Pending] = []
    private var current: InFlight?
    private var context: ChannelHandlerContext?
    private var closed = false
    private(set) var unrecognizedLines = 0

    init(logger: Logger) {
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        shutDown(.disconnected)
    }

    // MARK: Commands

    /// Queues a command; `urgent` ones (hang-up) go before everything not yet written.
    func submit(_ command: ATCommand, urgent: Bool, promise: EventLoopPromise<ATResponse>) {
        guard !closed, context != nil else {
            promise.fail(ATChannelError.disconnected)
            return
        }
        let pending = Pending(command: command, promise: promise)
        if urgent { queue.insert(pending, at: 0) } else { queue.append(pending) }
        startNextIfIdle()
    }

    private func startNextIfIdle() {
        guard current == nil, !queue.isEmpty, let context else { return }
        let pending = queue.removeFirst()
        var inFlight = InFlight(pending: pending)
        let text = pending.command.text
        inFlight.timeout = context.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(pending.command.timeout.nanoseconds)) {
            [weak self] in
            self?.timedOut(text)
        }
        current = inFlight
        // The metadata is built only when trace is on: no redaction work on the hang-up path otherwise.
        logger.trace("AT >", metadata: ["command": "\(pending.command.loggedText)"])
        write(text + "\r", context: context)
    }

    private func write(_ text: String, context: ChannelHandlerContext) {
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        context.writeAndFlush(wrapOutboundOut(buffer), promise: nil)
    }

    private func finish(_ result: Result<ATResponse, ATChannelError>) {
        guard let inFlight = current else { return }
        current = nil
        inFlight.timeout?.cancel()
        switch result {
        case .success(let response): inFlight.pending.promise.succeed(response)
        case .failure(let error): inFlight.pending.promise.fail(error)
        }
        startNextIfIdle()
    }

    private func timedOut(_ text: String) {
        guard let inFlight = current, inFlight.pending.command.text == text else { return }
        let logged = inFlight.pending.command.loggedText
        logger.warning("AT command timed out", metadata: ["command": "\(logged)"])
        if inFlight.pending.command.completesOnInformation, !inFlight.lines.isEmpty {
            finish(.success(ATResponse(lines: inFlight.lines, result: .ok)))
        } else {
            finish(.failure(.timeout(command: logged)))
        }
    }

    // MARK: Inbound

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let receivedAt = MonotonicClock.nanoseconds()
        let buffer = unwrapInboundIn(data)
        let frames = framer.append(buffer.readableBytesView)
        for frame in frames {
            switch frame {
            case .prompt: handlePrompt(context: context)
            case .line(let line): handle(line: line, receivedAt: receivedAt)
            }
        }
    }

    private func handlePrompt(context: ChannelHandlerContext) {
        guard var inFlight = current, let payload = inFlight.pending.command.promptPayload, !inFlight.payloadSent else {
            logger.debug("unexpected '> ' prompt ignored")
            return
        }
        inFlight.payloadSent = true
        current = inFlight
        write(payload + "\u{1A}", context: context)
    }

    private func handle(line: String, receivedAt: UInt64) {
        let decision = ATLineRouter.route(line, pending: current?.pending.command)
        switch decision {
        case .echo:
            break
        case .final(let result):
            guard let inFlight = current else { return }
            logger.trace("AT <", metadata: ["result": "\(line)"])
            finish(.success(ATResponse(lines: inFlight.lines, result: result)))
        case .information:
            current?.lines.append(line)
            if let inFlight = current, inFlight.pending.command.completesOnInformation {
                finish(.success(ATResponse(lines: inFlight.lines, result: .ok)))
            }
        case .unsolicited(let urc):
            onUnsolicited?(urc, receivedAt)
        case .unrecognized:
            unrecognizedLines += 1
            logger.debug("unrecognised line skipped", metadata: ["line": "\(line.prefix(80))"])
        }
    }

    // MARK: Closing

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // EIO on read is how a tty says its device is gone (unplugged, pty master closed).
        logger.info("serial port error, closing", metadata: ["error": "\(error)"])
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        shutDown(.disconnected)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelEvent, case .inputClosed = event as? ChannelEvent {
            context.close(promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func shutDown(_ error: ATChannelError) {
        guard !closed else { return }
        closed = true
        let inFlight = current
        current = nil
        inFlight?.timeout?.cancel()
        inFlight?.pending.promise.fail(error)
        let waiting = queue
        queue.removeAll()
        for pending in waiting { pending.promise.fail(error) }
        onClose?(error)
    }
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
