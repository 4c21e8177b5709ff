import ModemKit
import ModemSimulator
import Testing

@Suite("Modem initialisation over a pty", .timeLimit(.minutes(1)))
struct ModemInitializationTests {
    static let expectedVendor: [SimulatedProfile.Flavor: Vendor] = [
        .generic: .generic, .huawei: .huawei, .simcom: .simcom, .quectel: .quectel, .zte: .zte, .wavecom: .wavecom,
    ]
    static let vendorSetup: [SimulatedProfile.Flavor: [String]] = [
        .huawei: ["AT^CURC=0", "AT+CVHU=0"], .simcom: ["AT+CVHU=0"], .quectel: ["AT+QURCCFG=\"urcport\",\"usbat\""],
        .wavecom: ["AT+WIND=0"],
    ]

    @Test("init sequence and identity", arguments: SimulatedProfile.Flavor.allCases)
    func initialises(_ flavor: SimulatedProfile.Flavor) async throws {
        let harness = try await ModemHarness.start(profile: SimulatedProfile(flavor: flavor, ownNumber: "+919812345678"))
        let status = harness.modem.status
        #expect(status.state == .ready)
        #expect(status.identity.vendor == Self.expectedVendor[flavor])
        #expect(status.identity.imei == "861234567890123")
        #expect(status.identity.imsi == "404450123456789")
        #expect(status.identity.iccid == "8991101200003204510")
        #expect(status.identity.ownNumber == "+919812345678")
        #expect(status.registration == .home)
        #expect(status.signal?.rssi == 21)
        #expect(status.operatorName == "Vodafone IN")
        #expect(status.simState == .ready)
        if flavor == .wavecom {
            #expect(status.identity.manufacturer == "WAVECOM MODEM")
            #expect(status.identity.model == "MULTIBAND 900E 1800")
        }
        let commands = harness.commands
        let order = ["ATE0", "AT+CMEE=1", "AT+CLIP=1", "AT+CRC=1"].map { commands.firstIndex(of: $0) }
        #expect(order.allSatisfy { $0 != nil }, "missing init commands in \(commands)")
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
        for command in Self.vendorSetup[flavor] ?? [] {
            #expect(commands.contains(command), "\(flavor) needs \(command)")
        }
        #expect(!commands.contains { $0.uppercased() == "ATA" })
        // Echo was on at power-up and is off now; no echoed line leaked into the identity.
        #expect(!harness.simulator.isEchoOn)
        #expect(status.identity.manufacturer?.hasPrefix("AT") == false)
        #expect(await harness.unplug() == .disconnected)
    }

    @Test("SIM PIN from the configuration unlocks the SIM")
    func pinEntered() async throws {
        let harness = try await ModemHarness.start(
            profile: SimulatedProfile(sim: .pinRequired(pin: "4321")),
            configure: { $0.pin = "4321" }
        )
        #expect(harness.commands.contains("AT+CPIN=\"4321\""))
        #expect(harness.modem.status.simState == .ready)
        await harness.unplug()
    }

    @Test("no PIN configured: pinRequired, and the PIN is never guessed")
    func pinMissing() async throws {
        let harness = try await ModemHarness.start(profile: SimulatedProfile(sim: .pinRequired(pin: "4321")), waitFor: .pinRequired)
        #expect(!harness.commands.contains { $0.hasPrefix("AT+CPIN=") })
        await harness.unplug()
    }

    @Test("missing SIM and no registration are clear states")
    func simMissingAndNotRegistered() async throws {
        let noSIM = try await ModemHarness.start(profile: SimulatedProfile(sim: .missing), waitFor: .simMissing)
        await noSIM.unplug()
        let searching = try await ModemHarness.start(profile: SimulatedProfile(registration: 2), waitFor: .notRegistered(.searching))
        await searching.unplug()
    }

    @Test("split writes and CR CR LF line endings")
    func splitAndDoubledCR() async throws {
        let harness = try await ModemHarness.start(options: .init(lineEnding: "\r\r\n", splitWrites: true))
        #expect(harness.modem.status.identity.imei == "861234567890123")
        harness.simulator.ring(from: "+919920123456")
        #expect(await harness.recorder.wait { $0.calls.count == 1 })
        #expect(harness.recorder.calls.first?.caller == .number("+919920123456", type: 145))
        await harness.unplug()
    }

    @Test("a port that does not exist fails clearly")
    func missingPort() async throws {
        let modem = Modem(
            configuration: ModemConfiguration(devicePath: "/dev/does-not-exist"),
            group: .singletonMultiThreadedEventLoopGroup,
            logger: ModemHarness.testLogger()
        )
        let state = await modem.run()
        guard case .failed(let reason) = state else {
            Issue.record("expected failed, got \(state)")
            return
        }
        #expect(reason.contains("/dev/does-not-exist"))
    }
}
