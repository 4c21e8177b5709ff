import Logging
import NIOCore

/// An AT command channel over a serial port: one command at a time, unsolicited results to a
/// callback on the event loop (for the hang-up path) and errors typed as `ATChannelError`.
public final class ATChannel: Sendable {
    public let eventLoop: any EventLoop
    public let path: String
    private let channel: any Channel
    private let handler: NIOLoopBound<ATChannelHandler>

    private init(channel: any Channel, handler: NIOLoopBound<ATChannelHandler>, path: String) {
        self.channel = channel
        self.handler = handler
        self.eventLoop = channel.eventLoop
        self.path = path
    }

    /// Opens `path` as a serial port and starts framing. `unsolicited` is called once, on the event
    /// loop, to make the consumer of unsolicited results; that consumer and `onClose` run on the
    /// event loop and must not block.
    public static func open(
        path: String,
        settings: SerialPort.Settings = .init(),
        group: any EventLoopGroup,
        logger: Logger,
        unsolicited: @escaping @Sendable (ATLoopSubmitter) -> (UnsolicitedResult, UInt64) -> Void,
        onClose: @escaping @Sendable (ATChannelError) -> Void
    ) async throws -> ATChannel {
        let channel = try await SerialPort.connect(path: path, settings: settings, group: group) { channel in
            let handler = ATChannelHandler(logger: logger)
            // The consumer exists before the first byte is read, so no ring can slip past it.
            handler.onUnsolicited = unsolicited(ATLoopSubmitter(handler: handler, eventLoop: channel.eventLoop))
            handler.onClose = onClose
            do {
                try channel.pipeline.syncOperations.addHandler(handler)
            } catch {
                return channel.eventLoop.makeFailedFuture(error)
            }
            return channel.eventLoop.makeSucceededVoidFuture()
        }
        let handler = try await channel.eventLoop.submit {
            NIOLoopBound(try channel.pipeline.syncOperations.handler(type: ATChannelHandler.self), eventLoop: channel.eventLoop)
        }.get()
        return ATChannel(channel: channel, handler: handler, path: path)
    }

    /// Runs a command and returns its reply, whatever the final result; throws on timeout or
    /// disconnection only.
    public func send(_ command: ATCommand) async throws(ATChannelError) -> ATResponse {
        let loop = eventLoop
        let future = loop.flatSubmit { [handler] in
            let promise = loop.makePromise(of: ATResponse.self)
            handler.value.submit(command, urgent: false, promise: promise)
            return promise.futureResult
        }
        do {
            return try await future.get()
        } catch let error as ATChannelError {
            throw error
        } catch {
            throw .disconnected
        }
    }

    /// Runs a command and throws unless it ended in `OK`.
    @discardableResult
    public func run(_ command: ATCommand) async throws(ATChannelError) -> ATResponse {
        let response = try await send(command)
        guard response.isSuccess else { throw .failed(command: command.text, result: response.result) }
        return response
    }

    @discardableResult
    public func run(_ text: String, timeout: Duration = .seconds(5)) async throws(ATChannelError) -> ATResponse {
        try await run(ATCommand.query(text, timeout: timeout))
    }

    public var closeFuture: EventLoopFuture<Void> { channel.closeFuture }

    public func close() async {
        try? await channel.close()
    }
}
