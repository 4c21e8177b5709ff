import Foundation
import Synchronization
import Testing

@testable import SessionStore

@Suite("Matching calls")
struct MatchingTests {
    struct Fixture {
        let test: TestStore
        let number: PhoneNumber
        let session: VerificationSession
    }

    static func fixture(_ engine: TestEngine) async throws -> Fixture {
        let test = try await TestStore.make(engine)
        let numbers = try await test.addNumbers(["4466949401"])
        let key = try await test.passkey()
        let session = try await test.store.createSession(
            NewSession(
                passkey: key.token.canonical,
                mobile: "9920123456",
                notifyURL: "https://crm.example.com/hook",
                email: "ops@example.com"
            )
        )
        return Fixture(test: test, number: numbers[0], session: session)
    }

    @Test("a call inside the window verifies, with its notifications in the same transaction", arguments: TestEngine.available)
    func verifies(_ engine: TestEngine) async throws {
        let f = try await Self.fixture(engine)
        let at = f.session.createdAt.addingTimeInterval(30)
        let outcome = try await f.test.store.recordCall(
            IncomingCallRecord(
                dialedNumber: f.number,
                callerAsPresented: "09920123456",
                callerType: 129,
                receivedAt: at,
                modemIMEI: "861234567890123"
            )
        )
        #expect(outcome.call.result == .verified)
        #expect(outcome.session?.sid == f.session.sid && outcome.session?.status == .verified)
        #expect(outcome.notifications.map(\.kind) == [.webhook, .email])
        #expect(outcome.notifications.map(\.target) == ["https://crm.example.com/hook", "ops@example.com"])
        let event = try #require(CallEvent.decode(outcome.notifications[0].payload))
        #expect(event.sid == f.session.sid && event.caller == "+919920123456" && event.dialedNumber == f.number.e164)
        #expect(abs(event.callTime.timeIntervalSince(at)) < 0.001)
        let stored = try #require(try await f.test.store.session(sid: f.session.sid))
        #expect(stored.status == .verified && stored.callerAsPresented == "09920123456")
        #expect(try await f.test.store.jobs(state: .pending, limit: 10).count == 2)
        #expect(try await f.test.store.missedCalls(limit: 10).map(\.result) == [.verified])
        await f.test.close()
    }

    static let edges: [(String, Double, CallResult)] = [
        ("at creation", 0, .verified),
        ("at the deadline", 120, .verified),
        ("a moment after the deadline", 120.01, .unmatched),
        ("before the session existed", -1, .unmatched),
    ]

    @Test("window edges", arguments: TestEngine.available, edges)
    func windowEdges(_ engine: TestEngine, _ edge: (name: String, offset: Double, expected: CallResult)) async throws {
        let (_, offset, expected) = edge
        let f = try await Self.fixture(engine)
        let outcome = try await f.test.store.recordCall(
            IncomingCallRecord(
                dialedNumber: f.number,
                callerAsPresented: "+919920123456",
                callerType: 145,
                receivedAt: f.session.createdAt.addingTimeInterval(offset)
            )
        )
        #expect(outcome.call.result == expected)
        #expect(outcome.notifications.isEmpty == (expected != .verified))
        await f.test.close()
    }

    @Test("wrong caller, wrong number and withheld callers verify nothing", arguments: TestEngine.available)
    func nonMatches(_ engine: TestEngine) async throws {
        let f = try await Self.fixture(engine)
        let other = try await f.test.addNumbers(["4466949402"])
        let at = f.session.createdAt.addingTimeInterval(10)
        let wrongCaller = try await f.test.store.recordCall(
            IncomingCallRecord(dialedNumber: f.number, callerAsPresented: "+919920123457", callerType: 145, receivedAt: at)
        )
        let wrongNumber = try await f.test.store.recordCall(
            IncomingCallRecord(dialedNumber: other[0], callerAsPresented: "+919920123456", callerType: 145, receivedAt: at)
        )
        let withheld = try await f.test.store.recordCall(IncomingCallRecord(dialedNumber: f.number, callerAsPresented: nil, receivedAt: at))
        let notInPool = try await f.test.store.recordCall(
            IncomingCallRecord(dialedNumber: phone("4466949499"), callerAsPresented: "+919920123456", callerType: 145, receivedAt: at)
        )
        #expect([wrongCaller, wrongNumber, withheld, notInPool].map(\.call.result) == [.unmatched, .unmatched, .unknownCaller, .unknownNumber])
        #expect([wrongCaller, wrongNumber, withheld, notInPool].allSatisfy { $0.notifications.isEmpty && $0.session == nil })
        #expect(try await f.test.store.session(sid: f.session.sid)?.status == .pending)
        #expect(try await f.test.store.missedCalls(limit: 10).count == 4)
        await f.test.close()
    }

    @Test("idempotent: the same call twice, or a second call, change nothing", arguments: TestEngine.available)
    func idempotent(_ engine: TestEngine) async throws {
        let f = try await Self.fixture(engine)
        let call = IncomingCallRecord(
            dialedNumber: f.number,
            callerAsPresented: "+919920123456",
            callerType: 145,
            receivedAt: f.session.createdAt.addingTimeInterval(5)
        )
        let first = try await f.test.store.recordCall(call)
        let replay = try await f.test.store.recordCall(call)
        #expect(first.call == replay.call && replay.notifications.isEmpty && replay.session?.sid == f.session.sid)
        let second = try await f.test.store.recordCall(
            IncomingCallRecord(
                dialedNumber: f.number,
                callerAsPresented: "9920123456",
                callerType: 129,
                receivedAt: f.session.createdAt.addingTimeInterval(40)
            )
        )
        #expect(second.call.result == .alreadyVerified && second.notifications.isEmpty)
        #expect(try await f.test.store.session(sid: f.session.sid)?.verifiedAt == first.session?.verifiedAt)
        #expect(try await f.test.store.jobs(state: nil, limit: 10).count == 2)
        #expect(try await f.test.store.missedCalls(limit: 10).count == 2)
        await f.test.close()
    }

    @Test("the right session among many mobiles sharing one number", arguments: TestEngine.available)
    func sharedNumber(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let numbers = try await test.addNumbers(["4466949401"])
        let key = try await test.passkey()
        var sessions: [VerificationSession] = []
        for index in 0..<20 {
            sessions.append(
                try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "98765432\(String(format: "%02d", index))"))
            )
        }
        let target = sessions[13]
        let outcome = try await test.store.recordCall(
            IncomingCallRecord(dialedNumber: numbers[0], callerAsPresented: target.mobile.e164, callerType: 145, receivedAt: target.createdAt)
        )
        #expect(outcome.session?.sid == target.sid)
        #expect(try await test.store.sessions(status: .verified, limit: 100).map(\.sid) == [target.sid])
        #expect(try await test.store.latestSession(mobile: target.mobile, passkeyID: key.record.id)?.status == .verified)
        await test.close()
    }

    @Test("listener numbers: votes deduped per caller within the window, tallied per day", arguments: TestEngine.available)
    func listenerDedupe(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let numbers = try await test.addNumbers(["4466949410"], purpose: .listener)
        let key = try await test.passkey()
        try await test.store.addListener(
            Listener(number: numbers[0], passkeyID: key.record.id, notifyURL: "crm.example.com/vote", dedupeWindow: .seconds(3600))
        )
        let start = test.clock.now
        func call(_ caller: String, after seconds: Double) async throws -> CallOutcome {
            try await test.store.recordCall(
                IncomingCallRecord(
                    dialedNumber: numbers[0],
                    callerAsPresented: caller,
                    callerType: 145,
                    receivedAt: start.addingTimeInterval(seconds)
                )
            )
        }
        let results = [
            try await call("+919920123456", after: 0), try await call("+919920123456", after: 60),
            try await call("+919876543210", after: 120), try await call("+919920123456", after: 3700),
        ]
        #expect(results.map(\.call.result) == [.listenerVote, .listenerDuplicate, .listenerVote, .listenerVote])
        #expect(results.map(\.notifications.count) == [1, 0, 1, 1])
        #expect(results[0].notifications.first?.target == "crm.example.com/vote")
        let tallies = try await test.store.tallies(number: numbers[0], days: 2)
        #expect(tallies.map(\.calls).reduce(0, +) == 4 && tallies.map(\.votes).reduce(0, +) == 3)
        await #expect(throws: StoreError.invalidArgument("+914466949401 is not a listener number in the pool")) {
            let verification = try await test.addNumbers(["4466949401"])
            try await test.store.addListener(Listener(number: verification[0], passkeyID: key.record.id))
        }
        await test.close()
    }

    @Test(
        "the funnel: created, called and verified in time; called late; expired by the sweep — each once, after the commit",
        arguments: TestEngine.available
    )
    func funnel(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let numbers = try await test.addNumbers(["4466949401"])
        let key = try await test.passkey()
        let events = Mutex<[String]>([])
        test.store.setFunnelObserver { stage, ids in events.withLock { $0 += ids.map { "\(stage.rawValue):\($0 == key.record.id)" } } }
        let first = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        let call = IncomingCallRecord(dialedNumber: numbers[0], callerAsPresented: "+919920123456", callerType: 145, receivedAt: first.createdAt)
        _ = try await test.store.recordCall(call)
        _ = try await test.store.recordCall(call)  // a replay: nothing new
        #expect(events.withLock { $0 } == ["created:true", "called:true", "verified:true"])
        // A second session whose user calls only after its window: called, then expired by the sweep.
        let second = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543210"))
        test.clock.advance(200)
        let late = IncomingCallRecord(
            dialedNumber: numbers[0],
            callerAsPresented: "+919876543210",
            callerType: 145,
            receivedAt: second.expiresAt.addingTimeInterval(30)
        )
        #expect(try await test.store.recordCall(late).call.result == .unmatched)
        #expect(try await test.store.expireSessions(now: test.clock.now) == 1)
        #expect(events.withLock { $0 } == ["created:true", "called:true", "verified:true", "created:true", "called:true", "expired:true"])
        await test.close()
    }

    @Test(
        "the console's funnel: counted live today, rolled up once a day is over, and the rollup is what is read afterwards",
        arguments: TestEngine.available
    )
    func funnelRollup(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let numbers = try await test.addNumbers(["4466949401"])
        let key = try await test.passkey()
        let created = test.clock.now
        // Verified 15 s after creation; called 150 s after (too late); never called.
        let verified = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        let late = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543210"))
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9812345678"))
        func call(_ from: String, at seconds: Double) -> IncomingCallRecord {
            IncomingCallRecord(dialedNumber: numbers[0], callerAsPresented: from, callerType: 145, receivedAt: created.addingTimeInterval(seconds))
        }
        #expect(try await test.store.recordCall(call("+919920123456", at: 15)).call.result == .verified)
        test.clock.advance(150)
        #expect(try await test.store.recordCall(call("+919876543210", at: 150)).call.result == .unmatched)
        #expect(verified.passkeyID == late.passkeyID)
        let day = SQLGatewayStore.dayName(created)
        let expected = FunnelDay(
            day: day,
            passkeyID: key.record.id,
            country: "IN",
            created: 3,
            called: 2,
            verified: 1,
            expired: 2,
            histogram: [0, 1, 0, 0, 0, 1]
        )
        #expect(try await test.store.funnel(days: 3, now: test.clock.now) == [expected])
        // Two days on: that day is over and rolled up; deleting its sessions leaves the funnel as it was.
        test.clock.advance(2 * 86_400 + 3 * 3600)
        #expect(try await test.store.funnel(days: 3, now: test.clock.now) == [expected])
        #expect(try await test.store.expireSessions(now: test.clock.now) == 2)
        #expect(try await test.store.purge(olderThan: test.clock.now) >= 3)
        #expect(try await test.store.funnel(days: 3, now: test.clock.now) == [expected])
        #expect(try await test.store.funnel(days: 1, now: test.clock.now).isEmpty)
        await test.close()
    }

    @Test("expiry marks overdue sessions; purge removes old records but not pending ones", arguments: TestEngine.available)
    func expiryAndRetention(_ engine: TestEngine) async throws {
        let f = try await Self.fixture(engine)
        #expect(try await f.test.store.expireSessions(now: f.test.clock.now) == 0)
        f.test.clock.advance(200)
        #expect(try await f.test.store.session(sid: f.session.sid)?.effectiveStatus(at: f.test.clock.now) == .expired)
        // Listed as the API shows it, before the sweep has marked it.
        #expect(try await f.test.store.sessions(status: .expired, limit: 10).map(\.sid) == [f.session.sid])
        #expect(try await f.test.store.sessions(status: .pending, limit: 10).isEmpty)
        #expect(try await f.test.store.expireSessions(now: f.test.clock.now) == 1)
        #expect(try await f.test.store.session(sid: f.session.sid)?.status == .expired)
        _ = try await f.test.store.recordCall(
            IncomingCallRecord(dialedNumber: f.number, callerAsPresented: "+919920123456", callerType: 145, receivedAt: f.test.clock.now)
        )
        #expect(try await f.test.store.purge(olderThan: f.test.clock.now.addingTimeInterval(1)) >= 2)
        #expect(try await f.test.store.session(sid: f.session.sid) == nil)
        #expect(try await f.test.store.missedCalls(limit: 10).isEmpty)
        await f.test.close()
    }
}

@Suite("Store callbacks", .timeLimit(.minutes(1)))
struct StoreCallbackTests {
    /// A closure kept bare in a `Mutex` came back from every read wrapped in two more thunks: the
    /// 200,000th call ran through 400,000 nested frames (a stack overflow, in a daemon after a few
    /// days of commits). Kept in a struct, every call costs the same.
    @Test("the funnel observer is called through the same few frames at its 200,000th call as at its first")
    func observerDoesNotGrow() async throws {
        let test = try await TestStore.make(.sqlite)
        let calls = Mutex(0)
        test.store.setFunnelObserver { _, ids in calls.withLock { $0 += ids.count } }
        for _ in 0..<200_000 { test.store.observeFunnel(.created, ["p"]) }
        #expect(calls.withLock { $0 } == 200_000)
        await test.close()
    }
}
