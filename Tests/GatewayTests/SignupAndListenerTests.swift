import Foundation
import Gateway
import LoopbackReceivers
import SessionStore
import Testing

@Suite("missedcalld end to end: signup line and listeners", .serialized, .timeLimit(.minutes(1)))
struct SignupAndListenerTests {
    /// Turns the simulated modem's number into a number of another purpose, bound to the same modem.
    func repurpose(_ gateway: GatewayHarness, as purpose: NumberPurpose) async throws -> PhoneNumber {
        let current = try #require(try await gateway.service.store.dialingNumbers().first)
        try await gateway.service.store.removeDialingNumber(current.number)
        var changed = current
        changed.purpose = purpose
        try await gateway.service.store.addDialingNumber(changed)
        _ = try await gateway.service.store.setOnline(modemIMEI: current.modemIMEI ?? "", online: true)
        return current.number
    }

    @Test("a missed call to the signup number texts a new passkey; a repeat call resends it, no new key")
    func signup() async throws {
        let gateway = try await GatewayHarness.start()
        _ = try await repurpose(gateway, as: .signup)
        let simulator = try #require(gateway.service.simulated.all.first)
        try await gateway.ring(from: "+919920123456")
        #expect(await simulator.wait(timeout: .seconds(10)) { $0.sentSMS.count == 1 })
        let sms = try #require(simulator.sentSMS.first)
        #expect(sms.destination == "+919920123456")
        let token = try #require(sms.text.split(separator: " ").first { $0.hasPrefix("RA$") }.map(String.init))
        let record = try await gateway.service.store.authenticate(token)
        #expect(record.ownerMobile == "+919920123456")

        try await Task.sleep(for: .milliseconds(2100))  // past the tracker's settle window
        try await gateway.ring(from: "+919920123456")
        #expect(await simulator.wait(timeout: .seconds(10)) { $0.sentSMS.count == 2 })
        #expect(simulator.sentSMS[1].text == sms.text)
        #expect(try await gateway.service.store.passkeys().filter { $0.ownerMobile == "+919920123456" }.count == 1)
        await gateway.stop()
    }

    @Test("listener numbers: each missed call notifies the owner, deduped per caller, and is counted")
    func listener() async throws {
        let receiver = try await HTTPReceiver.start()
        let gateway = try await GatewayHarness.start()
        let number = try await repurpose(gateway, as: .listener)
        try await gateway.service.store.addListener(
            Listener(
                number: number,
                passkeyID: gateway.passkey.record.id,
                notifyURL: "http://127.0.0.1:\(receiver.port)/votes"
            )
        )
        for (index, caller) in ["+919920123456", "+919876543210", "+919920123456"].enumerated() {
            if index > 0 { try await Task.sleep(for: .milliseconds(2100)) }
            try await gateway.ring(from: caller)
        }
        #expect(await receiver.wait(forCount: 2))
        try await Task.sleep(for: .milliseconds(300))
        #expect(receiver.requests.count == 2)
        #expect(Set(receiver.requests.compactMap { $0.query["VerifiedNumber"] }) == ["9920123456", "9876543210"])
        let tally = try await gateway.service.store.tallies(number: number, days: 1)
        #expect(tally.first?.calls == 3 && tally.first?.votes == 2)
        await gateway.stop()
        await receiver.stop()
    }
}
