import Foundation
import Testing

@testable import SessionStore

@Suite("Allocation")
struct AllocationTests {
    @Test("one mobile never gets two pending sessions on one number; exhausted pool is a clear error", arguments: TestEngine.available)
    func neverAmbiguous(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let numbers = try await test.addNumbers(["4466949401", "4466949402", "4466949403"])
        let key = try await test.passkey()
        var used: [String] = []
        for _ in 0..<3 {
            let session = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
            used.append(session.dialingNumber.e164)
            #expect(session.sid.hasPrefix("RA$") && session.status == .pending)
        }
        #expect(Set(used) == Set(numbers.map(\.e164)))
        await #expect(throws: StoreError.noNumberAvailable(.IN)) {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "+91 99201 23456"))
        }
        // Another mobile may share the same numbers.
        let other = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543210"))
        #expect(numbers.contains(other.dialingNumber))
        // Once the first sessions expire their numbers are free again for that mobile.
        test.clock.advance(121)
        let again = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "09920123456"))
        #expect(numbers.contains(again.dialingNumber))
        await test.close()
    }

    @Test("concurrent requests of one mobile in one batch still get distinct numbers", arguments: TestEngine.available)
    func concurrentSameMobile(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        try await test.addNumbers((1...5).map { "44669494\(String(format: "%02d", $0))" })
        let key = try await test.passkey()
        let results = await withTaskGroup(of: Result<VerificationSession, any Error>.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    do { return .success(try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))) } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let sessions = results.compactMap { try? $0.get() }
        #expect(sessions.count == 5)
        #expect(Set(sessions.map(\.dialingNumber)).count == 5)
        #expect(
            results.filter { if case .failure(let error) = $0 { return (error as? StoreError) == .noNumberAvailable(.IN) } else { return false } }
                .count == 3
        )
        await test.close()
    }

    @Test("sessions spread across the pool; disabled, offline and foreign numbers are never given", arguments: TestEngine.available)
    func spreadsAndSkipsUnavailable(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let live = try await test.addNumbers(["4466949401", "4466949402", "4466949403", "4466949404"])
        let disabled = try await test.addNumbers(["4466949405"])
        try await test.store.setEnabled(disabled[0], enabled: false)
        let offline = try await test.addNumbers(["4466949406"], online: false, imei: "869999999999999")
        try await test.addNumbers(["2079460018"], country: .UK)
        try await test.addNumbers(["4466949407"], purpose: .listener)
        let key = try await test.passkey()
        var counts: [PhoneNumber: Int] = [:]
        for index in 0..<200 {
            let session = try await test.store.createSession(
                NewSession(passkey: key.token.canonical, mobile: "98765\(String(format: "%05d", index))")
            )
            counts[session.dialingNumber, default: 0] += 1
        }
        #expect(Set(counts.keys) == Set(live))
        #expect(counts.values.allSatisfy { $0 >= 20 })  // 50 expected each; 20 is far in the tail
        #expect(counts[offline[0]] == nil)
        // The modem comes up: its number joins.
        #expect(try await test.store.setOnline(modemIMEI: "869999999999999", online: true) == 1)
        var sawOffline = false
        for index in 0..<100 {
            let session = try await test.store.createSession(
                NewSession(passkey: key.token.canonical, mobile: "98764\(String(format: "%05d", index))")
            )
            sawOffline = sawOffline || session.dialingNumber == offline[0]
        }
        #expect(sawOffline)
        let uk = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "07700 900123", country: .UK))
        #expect(uk.dialingNumber.e164 == "+442079460018" && uk.mobile.e164 == "+447700900123")
        await #expect(throws: StoreError.noNumberAvailable(.US)) {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "4155550123", country: .US))
        }
        await test.close()
    }
}

extension AllocationTests {
    @Test(
        "a new session goes to the number with the fewest calls still to come and calls of the last 6 s",
        arguments: TestEngine.available
    )
    func leastLoaded(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        let numbers = try await test.addNumbers(["4466949401", "4466949402", "4466949403"])
        let key = try await test.passkey()
        func create(_ mobile: String) async throws -> PhoneNumber {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: mobile)).dialingNumber
        }
        // Three users, three numbers: one each, never two on one while another is idle.
        let first = [try await create("9920000001"), try await create("9920000002"), try await create("9920000003")]
        #expect(Set(first) == Set(numbers))
        // A caller no session expects rings the first number: it is busier for the next 6 s.
        _ = try await test.store.recordCall(
            IncomingCallRecord(dialedNumber: first[0], callerAsPresented: "+919811111111", receivedAt: test.clock.now)
        )
        let next = [try await create("9920000004"), try await create("9920000005")]
        #expect(Set(next) == Set(first[1...]), "the two quieter numbers take the next two users")
        // 7 s later the call no longer counts: the first number has one session, the others two.
        test.clock.advance(7)
        #expect(try await create("9920000006") == first[0])
        await test.close()
    }
}

@Suite("Idempotency keys")
struct IdempotencyTests {
    @Test("the same key under the same passkey returns the first session; other keys or passkeys do not", arguments: TestEngine.available)
    func replays(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        try await test.addNumbers(["4466949401", "4466949402", "4466949403"])
        let key = try await test.passkey()
        let other = try await test.passkey()
        let first = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456", idempotencyKey: "order-42"))
        let again = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456", idempotencyKey: "order-42"))
        #expect(again == first)
        let concurrent = try await withThrowingTaskGroup(of: VerificationSession.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543210", idempotencyKey: "order-43"))
                }
            }
            return try await group.reduce(into: Set<String>()) { $0.insert($1.sid) }
        }
        #expect(concurrent.count == 1)
        let fresh = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456", idempotencyKey: "order-44"))
        let otherPasskey = try await test.store.createSession(
            NewSession(passkey: other.token.canonical, mobile: "9920123456", idempotencyKey: "order-42")
        )
        #expect(Set([first.sid, fresh.sid, otherPasskey.sid]).count == 3)
        await test.close()
    }
}
