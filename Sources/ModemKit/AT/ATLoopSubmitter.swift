import NIOCore

/// Submits commands from the channel's own event loop without a hop; handed to the code that
/// consumes unsolicited results (the hang-up path). Not `Sendable`: use it on that loop only.
public struct ATLoopSubmitter {
    weak var handler: ATChannelHandler?
    public let eventLoop: any EventLoop

    public func submit(_ command: ATCommand, urgent: Bool) -> EventLoopFuture<ATResponse> {
        eventLoop.preconditionInEventLoop()
        let promise = eventLoop.makePromise(of: ATResponse.self)
        if let handler {
            handler.submit(command, urgent: urgent, promise: promise)
        } else {
            promise.fail(ATChannelError.disconnected)
        }
        return promise.futureResult
    }
}
