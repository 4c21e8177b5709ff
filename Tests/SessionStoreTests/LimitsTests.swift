import Foundation
import Testing

@testable import SessionStore

@Suite("Passkeys, quotas and rate limits")
struct LimitsTests {
    @Test(arguments: TestEngine.available)
    func passkeysAreCheckedAndStoredHashed(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        try await test.addNumbers(["4466949401"])
        let key = try await test.passkey()
        // The clear key is nowhere in the file.
        if engine == .sqlite {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: test.path))
            let wal = (try? Data(contentsOf: URL(fileURLWithPath: test.path + "-wal"))) ?? Data()
            #expect(bytes.range(of: Data(key.token.canonical.utf8)) == nil && wal.range(of: Data(key.token.canonical.utf8)) == nil)
        }
        let dashed = "RA-" + key.token.canonical.dropFirst(3).lowercased()
        #expect(try await test.store.authenticate(dashed).id == key.record.id)
        await #expect(throws: StoreError.invalidPasskey) { try await test.store.authenticate("RA$00000000-0000-0000-0000-000000000000") }
        await #expect(throws: StoreError.invalidPasskey) {
            try await test.store.createSession(NewSession(passkey: "nonsense", mobile: "9920123456"))
        }
        try await test.store.revokePasskey(id: key.record.id)
        await #expect(throws: StoreError.revokedPasskey) {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        }
        await #expect(throws: StoreError.notFound("passkey nope")) { try await test.store.revokePasskey(id: "nope") }
        let previous = key.record.webhookSecret
        let next = try await test.store.rotateWebhookSecret(passkeyID: key.record.id)
        let rotated = try await test.store.passkeys().first
        #expect(rotated?.webhookSecret == next && rotated?.previousWebhookSecret == previous && next != previous)
        await test.close()
    }

    @Test("a quota and a rate past 2^31 are kept as given and sessions are created under them", arguments: TestEngine.available)
    func wideLimits(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        try await test.addNumbers(["4466949401"])
        let key = try await test.passkey(quota: Int.max, rate: 3_000_000_000)
        #expect(try await test.store.passkey(id: key.record.id)?.dailyQuota == Int.max)
        #expect(try await test.store.passkey(id: key.record.id)?.ratePerMinute == 3_000_000_000)
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        await test.close()
    }

    @Test("daily quota: Usage Overflow past it, fresh the next UTC day", arguments: TestEngine.available)
    func dailyQuota(_ engine: TestEngine) async throws {
        let test = try await TestStore.make(engine)
        try await test.addNumbers(["4466949401"])
        let key = try await test.passkey(quota: 3)
        for index in 0..<3 {
            _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "987654321\(index)"))
        }
        await #expect(throws: StoreError.usageOverflow(quota: 3)) {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543219"))
        }
        test.clock.advance(86_400)
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543219"))
        try await test.store.setDailyQuota(passkeyID: key.record.id, quota: 1)
        await #expect(throws: StoreError.usageOverflow(quota: 1)) {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543218"))
        }
        await test.close()
    }

    @Test("per-mobile, per-client-address and per-passkey rate limits", arguments: TestEngine.available)
    func rateLimits(_ engine: TestEngine) async throws {
        var settings = StoreSettings()
        settings.sessionsPerMobilePerHour = 2
        settings.sessionsPerIPPerMinute = 3
        let test = try await TestStore.make(engine, settings: settings)
        try await test.addNumbers((1...9).map { "446694940\($0)" })
        let key = try await test.passkey()
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9920123456"))
        do {
            _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "+919920123456"))
            Issue.record("third session of one mobile within the hour must be refused")
        } catch StoreError.rateLimited(let scope, let retry) {
            #expect(scope == "mobile number" && retry > 0 && retry <= 3600)
        }
        for index in 0..<3 {
            _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "987654320\(index)", clientIP: "198.51.100.7"))
        }
        let untilNextMinute = 60 - Int(test.clock.now.timeIntervalSince1970) % 60
        await #expect(throws: StoreError.rateLimited(scope: "client address", retryAfterSeconds: untilNextMinute)) {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543209", clientIP: "198.51.100.7"))
        }
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543209", clientIP: "198.51.100.8"))
        test.clock.advance(60)
        _ = try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "9876543208", clientIP: "198.51.100.7"))

        let slow = try await test.store.createPasskey(NewPasskey(label: "slow", ratePerMinute: 1))
        _ = try await test.store.createSession(NewSession(passkey: slow.token.canonical, mobile: "9876543100"))
        await #expect(throws: StoreError.rateLimited(scope: "passkey", retryAfterSeconds: untilNextMinute)) {
            try await test.store.createSession(NewSession(passkey: slow.token.canonical, mobile: "9876543101"))
        }
        await #expect(throws: StoreError.invalidPhoneNumber(.notPlausible("12345678", .IN))) {
            try await test.store.createSession(NewSession(passkey: key.token.canonical, mobile: "12345678"))
        }
        await test.close()
    }
}
