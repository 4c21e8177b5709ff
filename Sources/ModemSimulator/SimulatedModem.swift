import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A GSM modem on the far side of a pseudo-terminal: answers AT commands in a vendor's flavour,
/// rings with a caller ID (repeating until hung up), and can misbehave on request: noise, silence,
/// echo, split writes, unplugging. It records every command and every call for assertions.
///
/// One thread per simulated modem blocks in `poll` on the pty master; it is a test and demo tool.
public final class SimulatedModem: Sendable {
    public struct Options: Sendable {
        /// Line ending of every line it sends; `"\r\r\n"` imitates firmware that doubles the CR.
        public var lineEnding: String = "\r\n"
        /// Write replies a few bytes at a time with pauses, so the reader sees split lines.
        public var splitWrites = false
        /// How often an unanswered call rings again.
        public var ringInterval: Duration = .seconds(3)
        public var framing: RingFraming = .ringThenCLIP
        /// Commands answered with `ERROR` whatever the flavour (e.g. `AT+CHUP` on old firmware).
        public var refusedCommands: Set<String> = []
        /// `false`: the modem answers AT but never reports incoming calls (a known dongle failure
        /// that only self-test calls reveal).
        public var reportsCalls = true
        /// Incoming calls are connected by the network (voicemail, call forwarding) after the
        /// first ring: `^CONN` on Huawei, `VOICE CALL: BEGIN` on SIMCom, `+CLCC` shows them active.
        public var answeredByNetwork = false
        /// How long the SIM stays busy after the network pages it for a call (paging, rings, the
        /// release travelling back; ~6 s on a real network), and at least while the call rings.
        /// A caller in it gets `+CCWA` when call waiting is on, else busy. `.zero` (the default):
        /// a new call simply replaces the ringing one.
        public var busyWindow: Duration = .zero

        public init(
            lineEnding: String = "\r\n",
            splitWrites: Bool = false,
            ringInterval: Duration = .seconds(3),
            framing: RingFraming = .ringThenCLIP,
            refusedCommands: Set<String> = []
        ) {
            self.lineEnding = lineEnding
            self.splitWrites = splitWrites
            self.ringInterval = ringInterval
            self.framing = framing
            self.refusedCommands = refusedCommands
        }
    }

    struct State {
        var behaviour: SimulatorBehaviour
        var options: Options
        var silent = false
        /// While silent, this command (e.g. `ATZ`) brings the modem back.
        var releasedBy: String?
        var network: SimulatedNetwork?
        var msisdn: String?
        /// The other end of the current network call (either direction).
        var peer: SimulatedModem?
        var commands: [ReceivedCommand] = []
        var calls: [SimulatedCall] = []
        var activeCall: Int?
        /// The call shown as `+CCWA` behind the active one, until `AT+CHLD=0` releases it.
        var waitingCall: Int?
        /// CLOCK_MONOTONIC nanoseconds until which the SIM is busy with the last call it took.
        var busyUntil: UInt64 = 0
        var activeValidity = 0
        var nextRingAt: UInt64 = 0
        var sms: [SimulatedSMS] = []
        var inputBuffer: [UInt8] = []
        var smsBody: [UInt8]?
        var stopped = false
        var unplugged = false
    }

    /// The path the modem under test opens, e.g. `/dev/pts/7`.
    public let devicePath: String
    let pty: PseudoTerminal
    let state: Mutex<State>
    let writeLock = Mutex<Void>(())
    let wakePipe: (read: CInt, write: CInt)

    public init(profile: SimulatedProfile = SimulatedProfile(), options: Options = Options()) throws {
        pty = try PseudoTerminal.open()
        devicePath = pty.slavePath
        state = Mutex(State(behaviour: SimulatorBehaviour(profile: profile), options: options))
        var fds: [CInt] = [0, 0]
        guard pipe(&fds) == 0 else {
            pty.closeAll()
            throw PseudoTerminal.Failure(step: "pipe", errno: errno)
        }
        wakePipe = (fds[0], fds[1])
        let thread = Thread { [self] in self.runLoop() }
        thread.name = "sim-modem \(devicePath)"
        thread.start()
    }

    deinit {
        close(wakePipe.read)
        close(wakePipe.write)
    }

    // MARK: Test controls

    /// Starts a call from `caller` (`nil` = withheld, validity 1; validity 2 = not available) and
    /// writes its first ring at once. Returns the call's id.
    @discardableResult
    public func ring(from caller: String?, validity: Int? = nil, framing: RingFraming? = nil) -> Int {
        let (id, lines) = state.withLock { state -> (Int, [String]) in
            let id = state.calls.count + 1
            let validity = validity ?? (caller == nil ? 1 : 0)
            if let framing { state.options.framing = framing }
            let now = MonotonicNow.nanoseconds()
            if state.options.busyWindow > .zero, state.activeCall != nil || now < state.busyUntil {
                var call = SimulatedCall(id: id, caller: caller, ringWrittenAt: 0, rings: 0, hangUpsReadAt: [], answered: false, ended: false)
                guard state.behaviour.callWaitingEnabled, state.waitingCall == nil else {
                    call.heardBusy = true
                    call.ended = true
                    call.ringWrittenAt = now
                    state.calls.append(call)
                    return (id, [])
                }
                call.waited = true
                state.calls.append(call)
                state.waitingCall = id
                state.behaviour.waitingCaller = .some(caller)
                guard state.options.reportsCalls, !state.silent else { return (id, []) }
                return (id, [state.behaviour.waitingLine(caller: caller, validity: validity)])
            }
            if state.options.busyWindow > .zero { state.busyUntil = now + MonotonicNow.nanoseconds(of: state.options.busyWindow) }
            state.behaviour.ringingCaller = .some(caller)
            state.activeCall = id
            state.activeValidity = validity
            state.calls.append(
                SimulatedCall(id: id, caller: caller, ringWrittenAt: 0, rings: 1, hangUpsReadAt: [], answered: false, ended: false)
            )
            state.nextRingAt = now + MonotonicNow.nanoseconds(of: state.options.ringInterval)
            guard state.options.reportsCalls, !state.silent else { return (id, []) }
            var lines = state.behaviour.ringLines(caller: caller, validity: validity, framing: state.options.framing)
            if state.options.answeredByNetwork {
                state.behaviour.callActive = true
                switch state.behaviour.flavor {
                case .huawei: lines.append("^CONN:1,0")
                case .simcom: lines.append("VOICE CALL: BEGIN")
                default: break
                }
            }
            return (id, lines)
        }
        let at = lines.isEmpty ? MonotonicNow.nanoseconds() : send(lines: lines)
        state.withLock { $0.calls[id - 1].ringWrittenAt = at }
        wake()
        return id
    }

    /// The caller gives up before the modem hangs up: the call ends with `NO CARRIER`.
    public func callerHangsUp() {
        let (ended, quiet) = state.withLock { state -> (Bool, Bool) in
            state.peer = nil
            guard let id = state.activeCall else { return (false, true) }
            state.calls[id - 1].ended = true
            state.activeCall = nil
            state.behaviour.ringingCaller = nil
            state.behaviour.callActive = false
            return (true, state.silent || !state.options.reportsCalls)
        }
        if ended, !quiet { send(lines: ["NO CARRIER"]) }
    }

    /// Closes the master side: the modem under test sees the device vanish (EIO / hang-up).
    public func unplug() {
        state.withLock { $0.unplugged = true }
        wake()
    }

    /// Stops answering (a hung modem); commands are still recorded.
    public func setSilent(_ silent: Bool) {
        state.withLock {
            $0.silent = silent
            $0.releasedBy = nil
        }
    }

    /// Hangs until `command` arrives (e.g. `ATZ`: only the re-initialise rung brings it back);
    /// nothing else is answered meanwhile, calls are not reported.
    public func wedge(releasedBy command: String) {
        state.withLock {
            $0.silent = true
            $0.releasedBy = command.uppercased()
        }
    }

    /// The SIM is pulled out (`.missing`) or put back (`.ready`); the modem says so with the
    /// flavour's unsolicited line (`^SIMST: 255` / `^SIMST: 1` on Huawei, `+CPIN: ...` otherwise).
    public func setSIM(_ sim: SimulatedProfile.SIM) {
        let flavor = state.withLock { state in
            state.behaviour.profile.sim = sim
            return state.behaviour.flavor
        }
        let present = sim != .missing
        sendUnsolicited(flavor == .huawei ? "^SIMST: \(present ? 1 : 255)" : "+CPIN: \(present ? "READY" : "NOT READY")")
    }

    /// The network registration changes (`+CREG` stat: 1 home, 5 roaming, 2 searching, 0 none,
    /// 3 denied); announced with `+CREG: <stat>` if the modem under test asked for it.
    public func setRegistration(_ stat: Int) {
        let announce = state.withLock { state in
            state.behaviour.profile.registration = stat
            return state.behaviour.registrationURCs
        }
        if announce { sendUnsolicited("+CREG: \(stat)") }
    }

    /// The SIM gains or loses the call-waiting service; lost, a caller while busy hears busy even if
    /// the modem under test had turned the indication on.
    public func setCallWaitingService(_ available: Bool) {
        state.withLock { state in
            state.behaviour.profile.supportsCallWaiting = available
            if !available { state.behaviour.callWaitingEnabled = false }
        }
    }

    public var isSilent: Bool { state.withLock { $0.silent } }

    /// The number the network shows when this modem calls (set by `SimulatedNetwork.attach`).
    public var networkNumber: String? { state.withLock { $0.msisdn } }

    func joined(_ network: SimulatedNetwork, as msisdn: String) {
        state.withLock {
            $0.network = network
            $0.msisdn = msisdn
        }
    }

    func setPeer(_ peer: SimulatedModem?) {
        state.withLock { $0.peer = peer }
    }

    public func setOptions(_ update: (inout Options) -> Void) {
        state.withLock { update(&$0.options) }
    }

    /// Writes bytes as they are: noise, a vendor's unsolicited line, half a line.
    public func sendRaw(_ bytes: [UInt8]) {
        write(bytes)
    }

    /// Writes an unsolicited line with this modem's line endings.
    public func sendUnsolicited(_ line: String) {
        send(lines: [line])
    }

    public var receivedCommands: [ReceivedCommand] { state.withLock { $0.commands } }
    public var calls: [SimulatedCall] { state.withLock { $0.calls } }
    public var sentSMS: [SimulatedSMS] { state.withLock { $0.sms } }
    public var isEchoOn: Bool { state.withLock { $0.behaviour.echo } }

    /// Waits until `condition` holds on the simulator's records, polling every few milliseconds.
    public func wait(
        timeout: Duration = .seconds(5),
        until condition: @Sendable (SimulatedModem) -> Bool
    ) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition(self)
    }

    public func stop() {
        state.withLock { $0.stopped = true }
        wake()
    }

    func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(wakePipe.write, &byte, 1)
    }
}

/// CLOCK_MONOTONIC nanoseconds, the clock ModemKit stamps with too.
enum MonotonicNow {
    static func nanoseconds(of duration: Duration) -> UInt64 {
        UInt64(max(0, duration.components.seconds)) * 1_000_000_000 + UInt64(max(0, duration.components.attoseconds / 1_000_000_000))
    }

    static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }
}
