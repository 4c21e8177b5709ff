import Foundation
import Gateway
import ModemSimulator
import Testing

/// A SIM takes one call at a time: a second user who calls while it is busy is seen only through
/// call waiting (`+CCWA`). Through the whole daemon, with a simulated modem that stays busy 6 s
/// after each call is paged, as a real network keeps it.
@Suite("missedcalld: a second caller while the SIM is busy", .serialized, .timeLimit(.minutes(1)))
struct CallWaitingTests {
    static func twoSessions(_ gateway: GatewayHarness) async throws -> (first: String, second: String) {
        let key = gateway.passkey.token.canonical
        var sids: [String] = []
        for mobile in ["9920123456", "9920123457"] {
            let created = try await gateway.get("/Integ/API.dvf?mobile=\(mobile)&passkey=\(key)&notify=NA&out=JSON")
            sids.append(try #require(created.json["SessionId"] as? String))
        }
        return (sids[0], sids[1])
    }

    @Test("with call waiting on, the waiting caller is rejected with AT+CHLD=0, recorded, and verifies its session")
    func waitingCallerVerifies() async throws {
        let gateway = try await GatewayHarness.start()
        defer { Task { await gateway.stop() } }
        let simulator = try #require(gateway.service.simulated.all.first)
        simulator.setOptions { $0.busyWindow = .seconds(6) }
        #expect(simulator.receivedCommands.contains { $0.text == "AT+CCWA=1,1,1" }, "the daemon turned the indication on")
        let (first, second) = try await Self.twoSessions(gateway)
        try await gateway.ring(from: "+919920123456")
        try await gateway.ring(from: "+919920123457")  // the SIM is still busy with the first call
        _ = try await gateway.waitForStatus(first, "VERIFIED")
        let verified = try await gateway.waitForStatus(second, "VERIFIED")
        #expect(verified["VerifiedMobileNumber"] as? String == "9920123457")
        let calls = simulator.calls
        #expect(calls.count == 2 && calls[1].waited && !calls[1].heardBusy)
        #expect(calls[1].hangUpCount == 1 && calls[1].ended, "AT+CHLD=0 released the waiting call once")
        #expect(simulator.receivedCommands.contains { $0.text == "AT+CHLD=0" })
        #expect(!calls.contains { $0.answered }, "never answered")
        let metrics = try await gateway.get("/metrics").body
        #expect(metrics.contains(#"missedcall_calls_total{result="verified"} 2"#))
    }

    @Test("without call waiting the second caller hears busy: no call is seen and the session still waits")
    func busyWithoutCallWaiting() async throws {
        let gateway = try await GatewayHarness.start()
        defer { Task { await gateway.stop() } }
        let simulator = try #require(gateway.service.simulated.all.first)
        simulator.setOptions { $0.busyWindow = .seconds(6) }
        simulator.setCallWaitingService(false)
        let (first, second) = try await Self.twoSessions(gateway)
        try await gateway.ring(from: "+919920123456")
        try await gateway.ring(from: "+919920123457")
        _ = try await gateway.waitForStatus(first, "VERIFIED")
        try await Task.sleep(for: .milliseconds(300))
        #expect(simulator.calls.count == 2 && simulator.calls[1].heardBusy)
        let status = try await gateway.get("/Integ/UserLayer/DataFeed_APIV2.dvf?SID=\(second)")
        #expect(status.json["VerificationStatus"] as? String == "UnVerified")
    }
}
