/// The incoming-call state machine, pure: inputs are modem events and command results, outputs are
/// actions for the driver. It guarantees exactly one report per call whatever the order of `RING`,
/// `+CRING` and `+CLIP`, hangs up at once (never answers), confirms the call is gone and retries
/// the hang-up only while it is not.
public struct IncomingCallTracker: Sendable {
    public struct Settings: Sendable, Equatable {
        /// How long to wait for `+CLIP` after a ring before asking `AT+CLCC`.
        public var callerIDGrace: UInt64
        /// After a call ends, a ring or the same caller ID within this window may be a leftover of
        /// that call: it is only reported if `AT+CLCC` shows a call really ringing.
        public var settleWindow: UInt64
        /// Hang-up commands tried in turn (`AT+CHUP`, then `ATH`).
        public var hangUpCommands: [String]
        public var maxHangUpAttempts: Int

        public init(
            callerIDGrace: Duration = .milliseconds(500),
            settleWindow: Duration = .seconds(2),
            hangUpCommands: [String] = ["AT+CHUP", "ATH"],
            maxHangUpAttempts: Int = 4
        ) {
            self.callerIDGrace = UInt64(callerIDGrace.nanoseconds)
            self.settleWindow = UInt64(settleWindow.nanoseconds)
            self.hangUpCommands = hangUpCommands
            self.maxHangUpAttempts = maxHangUpAttempts
        }
    }

    public enum Phase: Sendable, Equatable {
        case idle
        /// A ring without a caller ID yet.
        case ringing(since: UInt64)
        /// `AT+CLCC` sent to learn the caller after the grace period.
        case queryingCaller
        /// A hang-up command is in flight.
        case hangingUp(attempt: Int)
        /// `AT+CLCC` sent to confirm the call is gone.
        case confirming(attempt: Int)
        case ended(at: UInt64)
    }

    public enum Input: Sendable, Equatable {
        case ring
        case callerID(CallerID)
        case callEnded
        case graceExpired
        case callList([CallListEntry])
        case callListFailed
        case hangUpFinished(success: Bool)
    }

    public enum Action: Sendable, Equatable {
        /// Report the call once; `detectedAt` is when its first ring or caller ID arrived.
        case report(CallerID, detectedAt: UInt64)
        case hangUp(command: String)
        case queryCallList
        case startGraceTimer(UInt64)
        /// The hang-up did not take after every attempt: the call is left to ring out.
        case hangUpFailed
        case callCleared
    }

    public let settings: Settings
    public private(set) var phase: Phase = .idle
    private var firstSeenAt: UInt64 = 0
    private var reported = false
    /// The current ring may be a leftover of the call that just ended.
    private var tentative = false
    private var lastCaller: CallerID?

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public mutating func handle(_ input: Input, now: UInt64) -> [Action] {
        var settling = false
        if case .ended(let at) = phase {
            settling = now &- at <= settings.settleWindow
            phase = .idle
        }
        switch (phase, input) {
        case (.idle, .ring):
            begin(now, tentative: settling)
            phase = .ringing(since: now)
            return [.startGraceTimer(settings.callerIDGrace)]
        case (.idle, .callerID(let caller)):
            if settling, caller == lastCaller {
                phase = .ended(at: now)  // the ended call's caller ID, read late
                return []
            }
            begin(now, tentative: false)
            return reportAndHangUp(caller)
        case (.ringing, .callerID(let caller)), (.queryingCaller, .callerID(let caller)):
            if tentative, caller == lastCaller { return [] }  // let AT+CLCC decide
            return reportAndHangUp(caller)
        case (.ringing, .graceExpired):
            phase = .queryingCaller
            return [.queryCallList]
        case (.ringing, .callEnded):
            // The caller gave up before we learned who it was: still a missed call, caller unknown.
            return reportOnce(.unavailable) + end(now)
        case (.queryingCaller, .callList(let calls)):
            if let call = calls.first(where: { $0.isRingingIncoming }) {
                return reportAndHangUp(call.caller)
            }
            return reportOnce(.unavailable) + end(now)
        case (.queryingCaller, .callListFailed):
            return reportAndHangUp(.unavailable)
        case (.hangingUp(let attempt), .hangUpFinished(let success)):
            if success {
                phase = .confirming(attempt: attempt)
                return [.queryCallList]
            }
            return retry(after: attempt, now: now)
        case (.confirming(let attempt), .callList(let calls)):
            if calls.contains(where: { $0.direction == .incoming }) {
                return retry(after: attempt, now: now)
            }
            return end(now)
        case (.confirming(let attempt), .callListFailed):
            return retry(after: attempt, now: now)
        default:
            // Repeated rings, a late +CLIP, ^CEND while we hang up: the same call, nothing new.
            return []
        }
    }

    private mutating func begin(_ now: UInt64, tentative: Bool) {
        firstSeenAt = now
        reported = false
        self.tentative = tentative
    }

    private mutating func reportOnce(_ caller: CallerID) -> [Action] {
        // A leftover ring of the previous call that no call list confirmed is not a call.
        guard !reported, !(tentative && caller == .unavailable) else { return [] }
        reported = true
        lastCaller = caller
        return [.report(caller, detectedAt: firstSeenAt)]
    }

    private mutating func reportAndHangUp(_ caller: CallerID) -> [Action] {
        tentative = false
        // Hang up first: the driver writes it before anything else happens.
        phase = .hangingUp(attempt: 0)
        return [.hangUp(command: command(for: 0))] + reportOnce(caller)
    }

    private mutating func retry(after attempt: Int, now: UInt64) -> [Action] {
        let next = attempt + 1
        guard next < settings.maxHangUpAttempts else {
            return end(now) + [.hangUpFailed]
        }
        phase = .hangingUp(attempt: next)
        return [.hangUp(command: command(for: next))]
    }

    private mutating func end(_ now: UInt64) -> [Action] {
        phase = .ended(at: now)
        return reported ? [.callCleared] : []
    }

    private func command(for attempt: Int) -> String {
        let commands = settings.hangUpCommands.isEmpty ? ["AT+CHUP"] : settings.hangUpCommands
        return commands[attempt % commands.count]
    }
}
