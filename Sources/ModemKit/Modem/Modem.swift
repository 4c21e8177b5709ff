import Logging
import NIOCore
import Synchronization

/// One GSM modem on one serial port: opens it, initialises it, keeps its state fresh, rejects
/// incoming calls at once (inside ModemKit, on the port's event loop) and reports them as events.
public final class Modem: Sendable {
    public let configuration: ModemConfiguration
    /// Every event of this modem, in order. Single consumer.
    public let events: AsyncStream<ModemEvent>

    let continuation: AsyncStream<ModemEvent>.Continuation
    let group: any EventLoopGroup
    let logger: Logger
    let shared: Mutex<Shared>
    let smsQueue = AsyncSerialQueue()

    struct Shared {
        var status: ModemStatus
        var channel: ATChannel?
        var quirks: any VendorQuirks = GenericQuirks()
        var needsReinitialisation = false
    }

    public init(configuration: ModemConfiguration, group: any EventLoopGroup, logger: Logger) {
        self.configuration = configuration
        self.group = group
        var logger = logger
        logger[metadataKey: "modem"] = "\(configuration.devicePath)"
        self.logger = logger
        self.shared = Mutex(Shared(status: ModemStatus(devicePath: configuration.devicePath)))
        (events, continuation) = AsyncStream.makeStream(of: ModemEvent.self, bufferingPolicy: .unbounded)
    }

    public var status: ModemStatus { shared.withLock { $0.status } }

    /// Opens the port, initialises the modem and polls it until the port goes away or the calling
    /// task is cancelled. Returns the last state (`disconnected` when the device vanished).
    @discardableResult
    public func run() async -> ModemState {
        setState(.probing)
        let channel: ATChannel
        do {
            channel = try await openChannel()
        } catch {
            logger.error("cannot open modem port", metadata: ["error": "\(error)"])
            setState(.failed("\(error)"))
            return status.state
        }
        shared.withLock { $0.channel = channel }
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try? await channel.closeFuture.get() }
                tasks.addTask { await self.supervise(channel) }
                await tasks.next()
                tasks.cancelAll()
                await channel.close()
            }
        } onCancel: {
            channel.closeNow()
        }
        shared.withLock { $0.channel = nil }
        if case .failed = status.state {} else { setState(.disconnected) }
        return status.state
    }

    /// Stops the events stream; call once the modem will not be run again.
    public func finish() {
        continuation.finish()
    }

    /// Sends a raw command (the admin's debugging tool). Hang-up and call handling are unaffected.
    public func send(raw text: String, timeout: Duration = .seconds(10)) async throws -> ATResponse {
        guard let channel = shared.withLock({ $0.channel }) else { throw ATChannelError.disconnected }
        // No response prefix: every line that is not unsolicited is shown (AT+CGMM answers bare text).
        return try await channel.send(ATCommand(text, timeout: timeout))
    }

    private func openChannel() async throws -> ATChannel {
        let settings = IncomingCallTracker.Settings(callerIDGrace: configuration.callerIDGrace)
        let logger = self.logger
        return try await ATChannel.open(
            path: configuration.devicePath, settings: configuration.serial, group: group, logger: logger,
            unsolicited: { [self] submitter in
                let driver = IncomingCallDriver(settings: settings, submitter: submitter, logger: logger) {
                    [self] event in self.handle(event)
                }
                return { urc, receivedAt in driver.consume(urc, receivedAt: receivedAt) }
            },
            onClose: { [logger] _ in logger.info("modem port closed") })
    }

    /// Keeps the modem initialised and its state fresh; returns on disconnection or cancellation.
    private func supervise(_ channel: ATChannel) async {
        do {
            try await initialize(channel)
            while !Task.isCancelled {
                try await Task.sleep(for: configuration.pollInterval)
                if shared.withLock({ $0.needsReinitialisation }) {
                    logger.warning("modem restarted, initialising again")
                    try await initialize(channel)
                } else {
                    try await refresh(channel)
                }
            }
        } catch ATChannelError.disconnected {
            return
        } catch is CancellationError {
            return
        } catch {
            logger.error("modem supervision failed", metadata: ["error": "\(error)"])
            setState(.failed("\(error)"))
        }
    }

    // MARK: State and events

    func setState(_ state: ModemState) {
        let changed = shared.withLock { shared -> Bool in
            guard shared.status.state != state else { return false }
            shared.status.state = state
            return true
        }
        guard changed else { return }
        logger.info("modem state", metadata: ["state": "\(state)"])
        continuation.yield(.stateChanged(state))
    }

    /// Called on the port's event loop for call events and unsolicited results.
    private func handle(_ event: ModemEvent) {
        switch event {
        case .incomingCall:
            shared.withLock { $0.status.callsRejected += 1 }
            continuation.yield(event)
        case .unsolicited(.signal(let quality)):
            shared.withLock { $0.status.signal = quality }
            continuation.yield(.signal(quality))
        case .unsolicited(.registration(let registration)):
            shared.withLock { $0.status.registration = registration }
            continuation.yield(.registration(registration))
        case .unsolicited(.restarted(let line)):
            logger.warning("modem reports a restart", metadata: ["line": "\(line)"])
            shared.withLock { $0.needsReinitialisation = true }
            continuation.yield(event)
        case .unsolicited(.noise):
            break
        default:
            continuation.yield(event)
        }
    }
}

extension ATChannel {
    /// Closes without waiting; safe from any thread (cancellation handlers).
    func closeNow() {
        Task { await self.close() }
    }
}
