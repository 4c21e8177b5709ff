import Foundation
import Gateway
import Testing

@Suite("GatewayConfiguration")
struct GatewayConfigurationTests {
    @Test("health keys from the JSON file (integers and fractions) and the environment, defaults otherwise")
    func healthKeys() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("config-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try """
        {
          "modems": { "probeSeconds": 5, "probeTimeoutSeconds": 0.5, "probeAttempts": 4 },
          "recovery": { "delaysSeconds": [1, 2.5], "flapLimit": 6, "usbReset": false },
          "selfTest": { "timeoutSeconds": 20 }
        }
        """.write(to: file, atomically: true, encoding: .utf8)
        let configuration = try await GatewayConfiguration.load(
            file: file.path, environment: ["MISSEDCALL_SELF_TEST_INTERVAL_SECONDS": "3600", "MISSEDCALL_RECOVERY_FLAP_LIMIT": "7"])
        let health = configuration.modemHealth
        #expect(health.probeInterval == .seconds(5))
        #expect(health.probeTimeout == .milliseconds(500))
        #expect(health.probeAttempts == 4)
        #expect(health.recovery.delays == [.seconds(1), .milliseconds(2500)])
        #expect(health.recovery.flapLimit == 7, "the environment wins")
        #expect(health.usbReset == false)
        #expect(health.selfTestInterval == .seconds(3600))
        #expect(health.selfTestTimeout == .seconds(20))
        #expect(health.registrationGrace == .seconds(180) && health.selfTestMissesAllowed == 2, "defaults")

        let defaults = try await GatewayConfiguration.load(file: nil, environment: [:]).modemHealth
        #expect(defaults.selfTestInterval == .zero, "self-test calls are off unless configured")
        #expect(defaults.recovery.delays == [.seconds(2), .seconds(10), .seconds(30), .seconds(60)])
    }
}
