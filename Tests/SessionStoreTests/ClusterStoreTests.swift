import Foundation
import Testing

@testable import SessionStore

/// Two stores on one PostgreSQL schema are two gateway nodes: each has its own writer and decides
/// on its own, and the rules must hold across them.
@Suite("Nodes sharing one PostgreSQL", .enabled(if: TestEngine.postgresURL != nil))
struct ClusterStoreTests {
    struct Cluster {
        let a: TestStore
        let b: SQLGatewayStore

        func close() async {
            await b.close()
            await a.close()
        }
    }

    static func cluster(_ settings: StoreSettings = StoreSettings()) async throws -> Cluster {
        var first = settings
        first.nodeID = "node-a"
        let a = try await TestStore.make(.postgresql, settings: first)
        var second = settings
        second.nodeID = "node-b"
        let b = try await TestStore.node(schema: a.schema ?? "", settings: second, clock: a.clock)
        return Cluster(a: a, b: b)
    }

    @Test("two nodes creating sessions for one mobile at once never give it two pending sessions on one number")
    func noAmbiguityAcrossNodes() async throws {
        let cluster = try await Self.cluster()
        try await cluster.a.addNumbers((1...6).map { "44669494\(String(format: "%02d", $0))" })
        let key = try await cluster.a.passkey()
        let results = await withTaskGroup(of: Result<VerificationSession, any Error>.self) { group in
            for index in 0..<16 {
                let store = index % 2 == 0 ? cluster.a.store : cluster.b
                group.addTask {
                    do { return .success(try await store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let sessions = results.compactMap { try? $0.get() }
        #expect(sessions.count == 6)
        #expect(Set(sessions.map(\.dialingNumber)).count == 6)
        let refusals = results.filter { result in
            if case .failure(let error) = result { return (error as? StoreError) == .noNumberAvailable(.IN) }
            return false
        }
        #expect(refusals.count == 10)
        await cluster.close()
    }

    @Test("a daily quota is never overspent by two nodes at its edge")
    func quotaAcrossNodes() async throws {
        let cluster = try await Self.cluster()
        try await cluster.a.addNumbers((1...4).map { "44669494\(String(format: "%02d", $0))" })
        let key = try await cluster.a.passkey(quota: 25)
        let created = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<60 {
                let store = index % 2 == 0 ? cluster.a.store : cluster.b
                let mobile = "99201\(String(format: "%05d", index))"
                group.addTask { (try? await store.createSession(NewSession(passkey: key.token.canonical, mobile: mobile))) != nil }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(created == 25)
        #expect(try await cluster.b.sessions(status: .pending, limit: 100).count == 25)
        await cluster.close()
    }

    @Test("a node's numbers leave allocation when its lease runs out and come back when it renews")
    func leases() async throws {
        var settings = StoreSettings()
        settings.numberLease = .seconds(15)
        let cluster = try await Self.cluster(settings)
        try await cluster.a.addNumbers(["4466949401"], online: false, imei: "861234567890123")
        let key = try await cluster.a.passkey()
        #expect(try await cluster.a.store.setOnline(modemIMEI: "861234567890123", online: true) == 1)
        let held = try await cluster.b.dialingNumbers().first
        #expect(held?.nodeID == "node-a" && held?.isAvailable(at: cluster.a.clock.now) == true)
        // Node A stops renewing: 16 s later node B allocates nothing.
        cluster.a.clock.advance(16)
        await #expect(throws: StoreError.noNumberAvailable(.IN)) {
            try await cluster.b.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        }
        // Node A's heartbeat comes back.
        try await cluster.a.store.heartbeat(hostname: "a", version: "test", startedAt: cluster.a.clock.now, modems: "[]")
        let session = try await cluster.b.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        #expect(session.dialingNumber.e164 == "+914466949401")
        #expect(try await cluster.b.nodes().map(\.id) == ["node-a"])
        await cluster.close()
    }

    @Test("jobs are claimed by one node each; an SMS only by the node that queued it (its modem sends it)")
    func claimsAcrossNodes() async throws {
        let cluster = try await Self.cluster()
        for index in 0..<40 {
            _ = try await cluster.a.store.enqueue(NewOutboxJob(kind: .webhook, target: "https://crm.example.com/\(index)", payload: "{}"))
        }
        let sms = try await cluster.a.store.enqueue(NewOutboxJob(kind: .sms, target: "+919920123456", payload: "{}"))
        let now = cluster.a.clock.now
        async let first = cluster.a.store.claimJobs(limit: 50, worker: "a", leaseUntil: now.addingTimeInterval(60), now: now)
        async let second = cluster.b.claimJobs(limit: 50, worker: "b", leaseUntil: now.addingTimeInterval(60), now: now)
        let (claimedA, claimedB) = try await (first, second)
        #expect(Set(claimedA.map(\.id)).isDisjoint(with: claimedB.map(\.id)))
        #expect(claimedA.count + claimedB.count == 41)
        #expect(!claimedB.contains { $0.id == sms.id })
        #expect(claimedA.contains { $0.id == sms.id })
        await cluster.close()
    }
}
