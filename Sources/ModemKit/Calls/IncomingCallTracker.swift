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
    }

    public enum Input: Sendable, Equatable {
        case ring
        case callerID(CallerID)
        case callEnded
        case graceExpired
        case callList([CallListEntry])
        case callListFailed
        case hangUpFinished(success: Bool)
        /// The modem says the call was connected (`^CONN`, `VOICE CALL: BEGIN`).
        case connected
        /// `+CCWA`: a second caller while the SIM is busy with a call.
        case waitingCall(CallerID)
    }

    public enum Action: Sendable, Equatable {
        /// Report the call once; `detectedAt` is when its first ring or caller ID arrived.
        case report(CallerID, detectedAt: UInt64)
        case hangUp(command: String)
        /// Release the waiting call (`AT+CHLD=0`: the caller hears busy), leaving the current one.
        case rejectWaiting(command: String)
        case queryCallList
        case startGraceTimer(UInt64)
        /// The hang-up did not take after every attempt: the call is left to ring out.
        case hangUpFailed
        case callCleared
        /// `AT+CLCC` lists the incoming call as active: the network answered it (voicemail,
        /// forwarding), since we never do.
        case callAnswered
    }

    public let settings: Settings
    public private(set) var phase: Phase = .idle
    /// When the ring or caller ID that started the current call was read.
    private var firstSeenAt: UInt64 = 0
    /// The current ring came so soon after a call ended that it may be a leftover of it.
    private var tentative = false
    private var lastEndedAt: UInt64?
    /// Callers reported within the settle window: a caller ID read again is the same call.
    private var recentlyReported: [CallerID: UInt64] = [:]
    /// The current call was reported or hung up, so its end is worth announcing.
    private var engaged = false
    /// The current call was already reported answered.
    private var answerReported = false

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    public mutating func handle(_ input: Input, now: UInt64) -> [Action] {
        if !recentlyReported.isEmpty {
            recentlyReported = recentlyReported.filter { now &- $0.value <= settings.settleWindow }
        }
        if input == .connected { return answered() }
        switch (phase, input) {
        case (.idle, .ring):
            firstSeenAt = now
            tentative = lastEndedAt.map { now &- $0 <= settings.settleWindow } ?? false
            phase = .ringing(since: now)
            return [.startGraceTimer(settings.callerIDGrace)]
        case (.idle, .callerID(let caller)), (.ringing, .callerID(let caller)), (.queryingCaller, .callerID(let caller)):
            if recentlyReported[caller] != nil {
                return []  // the ended call's caller ID, read late; a real new call shows in AT+CLCC
            }
            if phase == .idle { firstSeenAt = now }
            return hangUp(attempt: 0) + report(caller)
        case (.hangingUp, .callerID(let caller)), (.confirming, .callerID(let caller)):
            // Another call rang while we were hanging up: report it; the confirmation hangs it up.
            firstSeenAt = now
            return recentlyReported[caller] == nil ? report(caller) : []
        case (.idle, .waitingCall(let caller)):
            // The call it waited behind has just gone: it is now the call, rejected as any other.
            return handle(.callerID(caller), now: now)
        case (_, .waitingCall(let caller)):
            // Reject first, then report: the caller who met a busy SIM still verifies.
            // Its own detection time; the first call keeps `firstSeenAt`, it may not be reported yet.
            guard recentlyReported[caller] == nil else { return [] }
            return [.rejectWaiting(command: "AT+CHLD=0")] + report(caller, detectedAt: now)
        case (.ringing, .graceExpired):
            phase = .queryingCaller
            return [.queryCallList]
        case (.ringing, .callEnded):
            // The caller gave up before we learned who it was: still a missed call, caller unknown.
            return (tentative ? [] : report(.unavailable)) + end(now)
        case (.queryingCaller, .callList(let calls)):
            if let call = calls.first(where: { $0.isRingingIncoming }) {
                return hangUp(attempt: 0) + (recentlyReported[call.caller] == nil ? report(call.caller) : [])
            }
            return (tentative ? [] : report(.unavailable)) + end(now)
        case (.queryingCaller, .callListFailed):
            return hangUp(attempt: 0) + (tentative ? [] : report(.unavailable))
        case (.hangingUp(let attempt), .hangUpFinished(let success)):
            if success {
                phase = .confirming(attempt: attempt)
                return [.queryCallList]
            }
            return retry(after: attempt, now: now)
        case (.confirming(let attempt), .callList(let calls)):
            let incoming = calls.filter { $0.direction == .incoming }
            guard !incoming.isEmpty else { return end(now) }
            var actions: [Action] = []
            if incoming.contains(where: { $0.status == .active }) { actions += answered() }
            for call in incoming where call.caller.number != nil && recentlyReported[call.caller] == nil {
                firstSeenAt = now
                actions += report(call.caller)
            }
            return retry(after: attempt, now: now) + actions
        case (.confirming(let attempt), .callListFailed):
            return retry(after: attempt, now: now)
        default:
            // Repeated rings, ^CEND or NO CARRIER while we hang up: the same call, nothing new.
            return []
        }
    }

    private mutating func report(_ caller: CallerID, detectedAt: UInt64? = nil) -> [Action] {
        let detectedAt = detectedAt ?? firstSeenAt
        answerReported = false  // a new call
        recentlyReported[caller] = detectedAt
        tentative = false
        engaged = true
        return [.report(caller, detectedAt: detectedAt)]
    }

    /// `^CONN` and an active `+CLCC` entry may both tell of one answered call: reported once.
    private mutating func answered() -> [Action] {
        guard !answerReported else { return [] }
        answerReported = true
        return [.callAnswered]
    }

    /// Hang-up first: the driver writes it before it reports anything.
    private mutating func hangUp(attempt: Int) -> [Action] {
        phase = .hangingUp(attempt: attempt)
        engaged = true
        return [.hangUp(command: command(for: attempt))]
    }

    private mutating func retry(after attempt: Int, now: UInt64) -> [Action] {
        let next = attempt + 1
        guard next < settings.maxHangUpAttempts else {
            return end(now) + [.hangUpFailed]
        }
        return hangUp(attempt: next)
    }

    private mutating func end(_ now: UInt64) -> [Action] {
        let wasCall = engaged
        phase = .idle
        lastEndedAt = now
        tentative = false
        engaged = false
        answerReported = false
        return wasCall ? [.callCleared] : []
    }

    private func command(for attempt: Int) -> String {
        let commands = settings.hangUpCommands.isEmpty ? ["AT+CHUP"] : settings.hangUpCommands
        return commands[attempt % commands.count]
    }
}
