import Testing

@testable import ModemKit

@Suite("IncomingCallTracker")
struct IncomingCallTrackerTests {
    typealias Input = IncomingCallTracker.Input
    typealias Action = IncomingCallTracker.Action
    static let alice = CallerID.number("+919920123456", type: 145)
    static let bob = CallerID.number("09876543210", type: 129)
    static let ringingAlice = CallListEntry(index: 1, direction: .incoming, status: .incoming, mode: 0, caller: alice)
    static let ms: UInt64 = 1_000_000

    /// Feeds inputs at increasing times and collects all actions.
    static func run(_ inputs: [(UInt64, Input)], settings: IncomingCallTracker.Settings = .init()) -> ([Action], IncomingCallTracker) {
        var tracker = IncomingCallTracker(settings: settings)
        var actions: [Action] = []
        for (at, input) in inputs { actions += tracker.handle(input, now: at) }
        return (actions, tracker)
    }

    static func reports(_ actions: [Action]) -> [CallerID] {
        actions.compactMap { if case .report(let caller, _) = $0 { return caller } else { return nil } }
    }

    static func hangUps(_ actions: [Action]) -> [String] {
        actions.compactMap { if case .hangUp(let command) = $0 { return command } else { return nil } }
    }

    static let orders: [(String, [Input])] = [
        ("RING then +CLIP", [.ring, .callerID(alice), .ring, .callerID(alice)]),
        ("+CRING then +CLIP", [.ring, .callerID(alice)]),
        ("+CLIP before RING", [.callerID(alice), .ring, .callerID(alice), .ring]),
        ("+CLIP without RING", [.callerID(alice), .callerID(alice)]),
    ]

    @Test("exactly one report and one hang-up whatever the order", arguments: orders)
    func oneReportPerCall(_ name: String, _ inputs: [Input]) {
        let timed = inputs.enumerated().map { (UInt64($0.offset + 1) * Self.ms, $0.element) }
        let (actions, tracker) = Self.run(timed + [(10 * Self.ms, .hangUpFinished(success: true)), (11 * Self.ms, .callList([]))])
        #expect(Self.reports(actions) == [Self.alice])
        #expect(Self.hangUps(actions) == ["AT+CHUP"])
        #expect(actions.contains(.callCleared))
        #expect(tracker.phase == .idle)
    }

    @Test("the hang-up is the first action on the caller ID, and carries the first ring's time")
    func hangUpFirst() {
        let (actions, _) = Self.run([(5, .ring), (9, .callerID(Self.alice))])
        #expect(
            actions == [
                .startGraceTimer(IncomingCallTracker.Settings().callerIDGrace), .hangUp(command: "AT+CHUP"), .report(Self.alice, detectedAt: 5),
            ]
        )
    }

    static let waitingPhases: [(String, [(UInt64, Input)])] = [
        ("while hanging up", [(1, .callerID(alice))]),
        ("while confirming", [(1, .callerID(alice)), (2, .hangUpFinished(success: true))]),
        ("while still learning the caller", [(1, .ring)]),
    ]

    @Test("a waiting caller (+CCWA) is rejected with AT+CHLD=0 first, then reported once, whatever the first call is doing", arguments: waitingPhases)
    func waitingCallRejectedAndReported(_ name: String, _ before: [(UInt64, Input)]) {
        let (actions, tracker) = Self.run(before + [(10, .waitingCall(Self.bob)), (11, .waitingCall(Self.bob))])
        let tail = Array(actions.drop { $0 != .rejectWaiting(command: "AT+CHLD=0") })
        #expect(tail == [.rejectWaiting(command: "AT+CHLD=0"), .report(Self.bob, detectedAt: 10)], "the repeated +CCWA adds nothing")
        #expect(tracker.phase != .idle, "the first call is still being dealt with")
    }

    @Test("+CCWA with no call of ours (it just ended) is an incoming call: hung up and reported")
    func waitingCallAfterTheFirstEnded() {
        let (actions, _) = Self.run([(1, .waitingCall(Self.bob))])
        #expect(actions == [.hangUp(command: "AT+CHUP"), .report(Self.bob, detectedAt: 1)])
    }

    @Test("no +CLIP within the grace period: ask AT+CLCC, then hang up")
    func callListFallback() {
        let (actions, _) = Self.run([
            (1, .ring), (2, .ring), (500 * Self.ms, .graceExpired), (501 * Self.ms, .callList([Self.ringingAlice])),
        ])
        #expect(actions.contains(.queryCallList))
        #expect(Self.reports(actions) == [Self.alice])
        #expect(Self.hangUps(actions) == ["AT+CHUP"])
    }

    @Test("withheld caller is reported as unknown and still hung up")
    func withheld() {
        let (actions, _) = Self.run([(1, .ring), (2, .callerID(.withheld))])
        #expect(Self.reports(actions) == [.withheld])
        #expect(Self.hangUps(actions).count == 1)
    }

    @Test("a failed AT+CHUP falls back to ATH; a call still listed is hung up again")
    func hangUpRetries() {
        let (actions, _) = Self.run([
            (1, .callerID(Self.alice)), (2, .hangUpFinished(success: false)), (3, .hangUpFinished(success: true)),
            (4, .callList([Self.ringingAlice])), (5, .hangUpFinished(success: true)), (6, .callList([])),
        ])
        #expect(Self.hangUps(actions) == ["AT+CHUP", "ATH", "AT+CHUP"])
        #expect(Self.reports(actions).count == 1)
        #expect(actions.last == .callCleared)
    }

    @Test("every hang-up failing gives up after the configured attempts")
    func hangUpGivesUp() {
        var inputs: [(UInt64, Input)] = [(1, .callerID(Self.alice))]
        for index in 0..<6 { inputs.append((UInt64(index + 2), .hangUpFinished(success: false))) }
        let (actions, _) = Self.run(inputs)
        #expect(Self.hangUps(actions).count == 4)
        #expect(actions.contains(.hangUpFailed))
    }

    @Test("the caller leaving before any caller ID is still one missed call, caller unavailable")
    func callerLeavesEarly() {
        let (actions, _) = Self.run([(1, .ring), (2, .callEnded)])
        #expect(Self.reports(actions) == [.unavailable])
        #expect(Self.hangUps(actions).isEmpty)
    }

    @Test("leftovers of a finished call are not a new call; another caller is")
    func leftoversAndNextCall() {
        var tracker = IncomingCallTracker()
        var actions: [Action] = []
        actions += tracker.handle(.callerID(Self.alice), now: 1 * Self.ms)
        actions += tracker.handle(.hangUpFinished(success: true), now: 2 * Self.ms)
        actions += tracker.handle(.callList([]), now: 3 * Self.ms)
        // A RING and +CLIP of Alice's call read after it ended.
        actions += tracker.handle(.ring, now: 4 * Self.ms)
        actions += tracker.handle(.callerID(Self.alice), now: 4 * Self.ms)
        actions += tracker.handle(.graceExpired, now: 504 * Self.ms)
        actions += tracker.handle(.callList([]), now: 505 * Self.ms)
        #expect(Self.reports(actions) == [Self.alice])
        // Bob calls right after: a new call.
        actions += tracker.handle(.ring, now: 600 * Self.ms)
        actions += tracker.handle(.callerID(Self.bob), now: 601 * Self.ms)
        #expect(Self.reports(actions) == [Self.alice, Self.bob])
        #expect(Self.hangUps(actions).count == 2)
    }

    @Test("a call that rings while the previous one is being hung up is reported and hung up")
    func callDuringConfirmation() {
        let bobRinging = CallListEntry(index: 2, direction: .incoming, status: .incoming, mode: 0, caller: Self.bob)
        let (actions, _) = Self.run([
            (1, .ring), (2, .callerID(Self.alice)), (3, .hangUpFinished(success: true)),
            (4, .ring), (5, .callerID(Self.bob)), (6, .callList([bobRinging])),
            (7, .hangUpFinished(success: true)), (8, .callList([])),
        ])
        #expect(Self.reports(actions) == [Self.alice, Self.bob])
        #expect(Self.hangUps(actions) == ["AT+CHUP", "ATH"])
        #expect(actions.filter { $0 == .callCleared }.count == 1)
    }

    @Test("Alice calling again after the settle window is a new call")
    func sameCallerLater() {
        var tracker = IncomingCallTracker()
        var reports = 0
        for start in [UInt64(0), 10_000 * Self.ms] {
            for action in tracker.handle(.callerID(Self.alice), now: start + 1)
                + tracker.handle(.hangUpFinished(success: true), now: start + 2)
                + tracker.handle(.callList([]), now: start + 3)
            {
                if case .report = action { reports += 1 }
            }
        }
        #expect(reports == 2)
    }
}

@Suite("IncomingCallTracker: calls answered by the network")
struct IncomingCallAnsweredTests {
    static let ms: UInt64 = 1_000_000
    static let alice = CallerID.number("+919920123456", type: 145)

    @Test("an active incoming call in AT+CLCC is reported answered once, and hung up again")
    func answeredOnce() {
        var tracker = IncomingCallTracker()
        var actions: [IncomingCallTracker.Action] = []
        let active = CallListEntry(index: 1, direction: .incoming, status: .active, mode: 0, caller: Self.alice)
        actions += tracker.handle(.callerID(Self.alice), now: 1 * Self.ms)
        actions += tracker.handle(.hangUpFinished(success: true), now: 2 * Self.ms)
        actions += tracker.handle(.callList([active]), now: 3 * Self.ms)
        actions += tracker.handle(.hangUpFinished(success: true), now: 4 * Self.ms)
        actions += tracker.handle(.callList([active]), now: 5 * Self.ms)
        actions += tracker.handle(.hangUpFinished(success: true), now: 6 * Self.ms)
        actions += tracker.handle(.callList([]), now: 7 * Self.ms)
        #expect(actions.filter { $0 == .callAnswered }.count == 1)
        #expect(actions.last == .callCleared)
    }

    @Test("our own outgoing call being active is not an answered incoming call")
    func outgoingIgnored() {
        var tracker = IncomingCallTracker()
        let outgoing = CallListEntry(index: 2, direction: .outgoing, status: .active, mode: 0, caller: Self.alice)
        var actions = tracker.handle(.callerID(Self.alice), now: 1 * Self.ms)
        actions += tracker.handle(.hangUpFinished(success: true), now: 2 * Self.ms)
        actions += tracker.handle(.callList([outgoing]), now: 3 * Self.ms)
        #expect(!actions.contains(.callAnswered))
    }
}
