import Foundation
import Logging
import NIOCore

/// Runs `IncomingCallTracker` on the channel's event loop: feeds it unsolicited results and command
/// outcomes, writes the hang-up commands it asks for straight into the channel (no database, no
/// network, no thread hop), and reports calls through `emit`.
final class IncomingCallDriver {
    private var tracker: IncomingCallTracker
    private let submitter: ATLoopSubmitter
    private let emit: @Sendable (ModemEvent) -> Void
    private let logger: Logger
    private var graceTimer: Scheduled<Void>?
    private var lastHangUpWrittenAt: UInt64 = 0

    init(
        settings: IncomingCallTracker.Settings,
        submitter: ATLoopSubmitter,
        logger: Logger,
        emit: @escaping @Sendable (ModemEvent) -> Void
    ) {
        self.tracker = IncomingCallTracker(settings: settings)
        self.submitter = submitter
        self.logger = logger
        self.emit = emit
    }

    /// Consumes every unsolicited result of the channel; those not about calls are passed on.
    func consume(_ urc: UnsolicitedResult, receivedAt: UInt64) {
        switch urc {
        case .ring:
            feed(.ring, now: receivedAt)
        case .cring(let type):
            // Data and fax calls are rejected the same way; the type is only logged.
            if !type.uppercased().hasPrefix("VOICE") {
                logger.debug("non-voice call", metadata: ["type": "\(type)"])
            }
            feed(.ring, now: receivedAt)
        case .callerID(let caller):
            feed(.callerID(caller), now: receivedAt)
        case .callWaiting(let caller):
            feed(.waitingCall(caller), now: receivedAt)
        case .callEnded:
            feed(.callEnded, now: receivedAt)
        case .callConnected:
            // We never send ATA: a connected call was answered by voicemail or a forward.
            feed(.connected, now: receivedAt)
        default:
            emit(.unsolicited(urc))
        }
    }

    private func feed(_ input: IncomingCallTracker.Input, now: UInt64) {
        for action in tracker.handle(input, now: now) {
            perform(action)
        }
    }

    private func perform(_ action: IncomingCallTracker.Action) {
        switch action {
        case .hangUp(let command):
            graceTimer?.cancel()
            let future = submitter.submit(
                ATCommand(command, timeout: .seconds(5), acceptsCallProgress: true),
                urgent: true
            )
            lastHangUpWrittenAt = MonotonicClock.nanoseconds()
            future.assumeIsolated().whenComplete { [self] result in
                let success: Bool
                switch result {
                case .success(let response): success = response.isSuccess || response.result == .noCarrier
                case .failure: success = false
                }
                if !success { logger.warning("hang-up command failed", metadata: ["command": "\(command)"]) }
                feed(.hangUpFinished(success: success), now: MonotonicClock.nanoseconds())
            }
        case .rejectWaiting(let command):
            // The waiting caller hears busy at once instead of ringing on; its call is reported.
            submitter.submit(ATCommand(command, timeout: .seconds(5), acceptsCallProgress: true), urgent: true).assumeIsolated()
                .whenComplete { [self] result in
                    if case .success(let response) = result, response.isSuccess { return }
                    logger.warning("rejecting the waiting call failed", metadata: ["command": "\(command)"])
                }
        case .report(let caller, let detectedAt):
            let call = IncomingCall(
                caller: caller,
                receivedAt: Date(),
                detectedAt: detectedAt,
                hangUpWrittenAt: lastHangUpWrittenAt
            )
            logger.info("incoming call rejected", metadata: ["caller": "\(caller.masked)"])
            emit(.incomingCall(call))
        case .queryCallList:
            submitter.submit(ATCommand.query("AT+CLCC"), urgent: true).assumeIsolated().whenComplete { [self] result in
                let now = MonotonicClock.nanoseconds()
                switch result {
                case .success(let response) where response.isSuccess:
                    feed(.callList(CallListEntry.parseList(response.lines)), now: now)
                default:
                    feed(.callListFailed, now: now)
                }
            }
        case .startGraceTimer(let nanoseconds):
            graceTimer?.cancel()
            graceTimer = submitter.eventLoop.assumeIsolated().scheduleTask(in: .nanoseconds(Int64(nanoseconds))) {
                [self] in
                feed(.graceExpired, now: MonotonicClock.nanoseconds())
            }
        case .hangUpFailed:
            logger.error("could not hang up the call after every attempt")
            emit(.hangUpFailed)
        case .callAnswered:
            logger.warning("call was answered by the network (voicemail or forwarding?)")
            emit(.callAnsweredByNetwork)
        case .callCleared:
            graceTimer?.cancel()
            lastHangUpWrittenAt = 0
            emit(.callCleared)
        }
    }
}
