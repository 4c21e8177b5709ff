import Foundation
import Testing

@testable import SessionStore

@Suite("Outbox")
struct OutboxTests {
    @Test("claim leases due jobs once; an expired lease (a crashed worker) is claimed again", arguments: TestEngine.available)
    func claimAndLease(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        for index in 0..<5 {
            _ = try await test.store.enqueue(NewOutboxJob(kind: .webhook, target: "https://example.com/\(index)", payload: "{}"))
        }
        let now = test.clock.now
        let first = try await test.store.claimJobs(limit: 3, worker: "a", leaseUntil: now.addingTimeInterval(30), now: now)
        let second = try await test.store.claimJobs(limit: 10, worker: "b", leaseUntil: now.addingTimeInterval(30), now: now)
        #expect(first.count == 3 && second.count == 2)
        #expect(Set(first.map(\.id)).isDisjoint(with: second.map(\.id)))
        #expect(first.allSatisfy { $0.state == .delivering && $0.attempts == 1 })
        #expect(try await test.store.claimJobs(limit: 10, worker: "c", leaseUntil: now.addingTimeInterval(30), now: now).isEmpty)
        let later = now.addingTimeInterval(31)
        let reclaimed = try await test.store.claimJobs(limit: 10, worker: "c", leaseUntil: later.addingTimeInterval(30), now: later)
        #expect(reclaimed.count == 5 && reclaimed.allSatisfy { $0.attempts == 2 })
        await test.close()
    }

    @Test(
        "a call's notifications written claimed (inline claim) are not claimed again; at start only an earlier process of this node loses its claims",
        arguments: TestEngine.available
    )
    func inlineClaimAndRelease(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let number = try #require(try await test.addNumbers(["4466949401"]).first)
        let key = try await test.passkey()
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456", notifyURL: "https://example.com/hook"))
        test.store.inlineClaim.withLock { $0 = OutboxClaim(worker: "local-123", lease: .seconds(120)) }
        let now = test.clock.now
        let outcome = try await test.store.recordCall(
            IncomingCallRecord(dialedNumber: number, callerAsPresented: "+919920123456", callerType: 145, receivedAt: now)
        )
        #expect(!outcome.notifications.isEmpty && outcome.notifications.allSatisfy { $0.state == .delivering && $0.attempts == 1 })
        #expect(try await test.store.claimJobs(limit: 10, worker: "other", leaseUntil: now.addingTimeInterval(30), now: now).isEmpty)
        // Claims of workers that are not an earlier process of node "local" stay.
        for worker in ["local-999", "local-ab-5", "localx-5", "local-"] {
            _ = try await test.store.enqueue(NewOutboxJob(kind: .webhook, target: "https://example.com/\(worker)", payload: "{}"))
            _ = try await test.store.claimJobs(limit: 1, worker: worker, leaseUntil: now.addingTimeInterval(120), now: now)
        }
        let released = try await test.store.releaseClaims(ofEarlierWorkersOf: "local", current: "local-999")
        #expect(released == outcome.notifications.count)
        let jobs = try await test.store.jobs(state: nil, limit: 20)
        #expect(jobs.filter { $0.state == .pending }.map(\.id).sorted() == outcome.notifications.map(\.id).sorted())
        #expect(jobs.filter { $0.state == .delivering }.count == 4)
        await test.close()
    }

    @Test("a postponed job goes back unattempted: pending, due when asked, its attempt count as before the claim", arguments: TestEngine.available)
    func postponeGivesJobsBack(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        for index in 0..<3 {
            _ = try await test.store.enqueue(NewOutboxJob(kind: .webhook, target: "https://example.com/\(index)", payload: "{}"))
        }
        let now = test.clock.now
        let claimed = try await test.store.claimJobs(limit: 3, worker: "a", leaseUntil: now.addingTimeInterval(30), now: now)
        try await test.store.postponeJobs(claimed.prefix(2).map(\.id), until: now.addingTimeInterval(5))
        let jobs = try await test.store.jobs(state: nil, limit: 10)
        let postponed = jobs.filter { claimed.prefix(2).map(\.id).contains($0.id) }
        #expect(postponed.count == 2 && postponed.allSatisfy { $0.state == .pending && $0.attempts == 0 })
        #expect(try await test.store.claimJobs(limit: 10, worker: "b", leaseUntil: now.addingTimeInterval(30), now: now).isEmpty)
        let due = now.addingTimeInterval(5)
        let again = try await test.store.claimJobs(limit: 10, worker: "b", leaseUntil: due.addingTimeInterval(30), now: due)
        #expect(Set(again.map(\.id)) == Set(claimed.prefix(2).map(\.id)) && again.allSatisfy { $0.attempts == 1 })
        await test.close()
    }

    @Test("attempts are logged; retry, dead and redeliver move the job", arguments: TestEngine.available)
    func attemptsAndStates(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let job = try await test.store.enqueue(NewOutboxJob(kind: .email, target: "ops@example.com", payload: "{}"))
        let now = test.clock.now
        _ = try await test.store.claimJobs(limit: 1, worker: "w", leaseUntil: now.addingTimeInterval(30), now: now)
        try await test.store.recordAttempt(
            DeliveryAttempt(jobID: job.id, attemptedAt: now, result: .failed, statusCode: 451, detail: "451 try later", latency: .milliseconds(12)),
            decision: .retry(at: now.addingTimeInterval(5))
        )
        #expect(try await test.store.job(id: job.id)?.state == .pending)
        #expect(try await test.store.claimJobs(limit: 1, worker: "w", leaseUntil: now.addingTimeInterval(30), now: now).isEmpty)
        let due = now.addingTimeInterval(5)
        #expect(try await test.store.claimJobs(limit: 1, worker: "w", leaseUntil: due.addingTimeInterval(30), now: due).count == 1)
        try await test.store.recordAttempt(
            DeliveryAttempt(jobID: job.id, attemptedAt: due, result: .failed, detail: "connection refused", latency: .milliseconds(1)),
            decision: .dead
        )
        let dead = try #require(try await test.store.job(id: job.id))
        #expect(dead.state == .dead && dead.lastError == "connection refused" && dead.attempts == 2)
        #expect(try await test.store.jobs(state: .dead, limit: 10).map(\.id) == [job.id])
        let log = try await test.store.attempts(jobID: job.id)
        #expect(log.map(\.statusCode) == [451, nil] && log[0].latency == .milliseconds(12))
        try await test.store.redeliver(jobID: job.id)
        #expect(try await test.store.job(id: job.id)?.state == .pending)
        await #expect(throws: StoreError.notFound("job nope")) { try await test.store.redeliver(jobID: "nope") }
        #expect(try await test.store.outboxDepth() == [.pending: 1])
        await test.close()
    }
}
