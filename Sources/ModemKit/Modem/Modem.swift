import Logging
import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

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
        /// Set by `reportFault`; `serve` returns it once the port is closed.
        var pendingFault: ModemFault?
        var readyObserver: (@Sendable () -> Void)?
        /// The modem announced a SIM change (`^SIMST`, `+SIMCARD`, `+CPIN`): check it at the next probe.
        var simCheckDue = false
        /// An outgoing (self-test) call is up: its progress results are not about incoming calls.
        var dialing = false
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

    /// Opens the port, initialises the modem and watches it until the port goes away, a fault
    /// takes it out of service, or the calling task is cancelled. Returns the last state.
    @discardableResult
    public func run() async -> ModemState {
        _ = await serve()
        return status.state
    }

    /// One life of the modem on its port: open, shake it as `recovery` says, initialise, then
    /// probe and poll it. `onReady` runs the first time it becomes `ready`. Returns why it ended:
    /// `nil` when cancelled.
    public func serve(
        recovery: RecoveryRung? = nil,
        policy: RecoveryPolicy = RecoveryPolicy(),
        onReady: (@Sendable () -> Void)? = nil
    ) async -> ModemFault? {
        shared.withLock {
            $0.pendingFault = nil
            $0.readyObserver = onReady
        }
        defer { shared.withLock { $0.readyObserver = nil } }
        setState(.probing)
        let channel: ATChannel
        do {
            channel = try await openChannel()
        } catch {
            logger.error("cannot open modem port", metadata: ["error": "\(error)"])
            setState(.failed("\(error)"))
            if let error = error as? SerialPortError, error.step == .open, [ENOENT, ENODEV, ENXIO].contains(error.errno) {
                return .disconnected
            }
            return .cannotOpen("\(error)")
        }
        shared.withLock { $0.channel = channel }
        let ended: ModemFault? = await withTaskCancellationHandler {
            await withTaskGroup(of: ModemFault?.self) { tasks in
                tasks.addTask {
                    try? await channel.closeFuture.get()
                    return .disconnected
                }
                tasks.addTask { await self.supervise(channel, recovery: recovery, policy: policy) }
                let first = await tasks.next() ?? nil
                tasks.cancelAll()
                await channel.close()
                return first
            }
        } onCancel: {
            channel.closeNow()
        }
        let pending = shared.withLock { shared -> ModemFault? in
            shared.channel = nil
            defer { shared.pendingFault = nil }
            return shared.pendingFault
        }
        if Task.isCancelled {
            if case .failed = status.state {} else { setState(.disconnected) }
            return nil
        }
        let fault = pending ?? ended
        switch fault {
        case .disconnected?, nil: if case .failed = status.state {} else { setState(.disconnected) }
        case .unresponsive?, .missedSelfTests?, .cannotOpen?: setState(.failed(fault?.description ?? "stopped"))
        default: break  // SIM and registration faults keep their own state
        }
        return fault
    }

    /// Takes the modem out of service from outside (its self-test calls go unanswered): the port is
    /// closed and `serve` returns `fault`.
    public func reportFault(_ fault: ModemFault) {
        guard
            let channel = shared.withLock({ shared -> ATChannel? in
                shared.pendingFault = fault
                return shared.channel
            })
        else { return }
        logger.warning("modem taken out of service", metadata: ["fault": "\(fault)"])
        channel.closeNow()
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
            path: configuration.devicePath,
            settings: configuration.serial,
            group: group,
            logger: logger,
            unsolicited: { [self] submitter in
                let driver = IncomingCallDriver(settings: settings, submitter: submitter, logger: logger) {
                    [self] event in self.handle(event)
                }
                return { urc, receivedAt in driver.consume(urc, receivedAt: receivedAt) }
            },
            onClose: { [logger] _ in logger.info("modem port closed") }
        )
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
        if state == .ready,
            let observer = shared.withLock({ shared in
                defer { shared.readyObserver = nil }
                return shared.readyObserver
            })
        {
            observer()
        }
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
            let state = shared.withLock { shared -> ModemState in
                shared.status.registration = registration
                return shared.status.state
            }
            continuation.yield(.registration(registration))
            switch state {
            case .ready, .notRegistered: setState(registration.isRegistered ? .ready : .notRegistered(registration))
            default: break  // still initialising, or out of service: the next refresh decides
            }
        case .unsolicited(.restarted(let line)):
            logger.warning("modem reports a restart", metadata: ["line": "\(line)"])
            shared.withLock { $0.needsReinitialisation = true }
            continuation.yield(event)
        case .unsolicited(.noise):
            break
        case .unsolicited(.simStatus(let line)):
            logger.notice("modem reports a SIM change", metadata: ["line": "\(line)"])
            shared.withLock { $0.simCheckDue = true }
            continuation.yield(event)
        case .callAnsweredByNetwork:
            // Our own self-test call being answered is not this modem answering a caller.
            guard !shared.withLock({ $0.dialing }) else { return }
            shared.withLock { $0.status.callsAnswered += 1 }
            continuation.yield(event)
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
