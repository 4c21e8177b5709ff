import Foundation
import ModemKit
import ModemSimulator
import NIOPosix
import Synchronization
import Testing

/// The supervisor and the watchdog over a real pty, without the daemon.
@Suite("ModemSupervisor over a pty")
struct ModemSupervisorTests {
    final class USBRecorder: USBDeviceAuthorizer {
        let paths = Mutex<[String]>([])
        func reauthorize(devicePath: String) async throws -> String {
            paths.withLock { $0.append(devicePath) }
            return "/sys/devices/usb1/1-1"
        }
    }

    static func supervisor(for simulator: SimulatedModem, usb: any USBDeviceAuthorizer) -> ModemSupervisor {
        let configuration = ModemConfiguration(
            devicePath: simulator.devicePath,
            probeInterval: .milliseconds(100),
            probeTimeout: .milliseconds(200),
            probeAttempts: 2
        )
        let policy = RecoveryPolicy(
            delays: [.milliseconds(20)],
            radioResetSettle: .milliseconds(50),
            resetTimeout: .milliseconds(200),
            usbSettle: .milliseconds(50),
            reappearInterval: .milliseconds(100)
        )
        let modem = Modem(configuration: configuration, group: MultiThreadedEventLoopGroup.singleton, logger: ModemHarness.testLogger())
        return ModemSupervisor(modem: modem, policy: policy, usb: usb, logger: ModemHarness.testLogger())
    }

    static func wait(_ timeout: Duration = .seconds(10), _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline, !condition() { try? await Task.sleep(for: .milliseconds(10)) }
        return condition()
    }

    @Test("wedged → recovered at re-initialise; silent for good → every rung, USB once, quarantined; cleared → healthy")
    func ladderOverPty() async throws {
        let simulator = try SimulatedModem()
        let usb = USBRecorder()
        let supervisor = Self.supervisor(for: simulator, usb: usb)
        let events = Task {
            var healths: [ModemHealth] = []
            for await event in supervisor.modem.events { if case .health(let health) = event { healths.append(health) } }
            return healths
        }
        let running = Task { await supervisor.run() }
        #expect(await Self.wait { supervisor.health.condition == .healthy })
        #expect(supervisor.health.lastRecoveryRung == nil, "a first start is not a recovery")

        simulator.wedge(releasedBy: "ATZ")
        #expect(await Self.wait { supervisor.health.condition == .recovering })
        #expect(await Self.wait { supervisor.health.condition == .healthy })
        #expect(supervisor.health.lastRecoveryRung == .reinitialise)
        #expect(supervisor.health.recoveries == ["reinitialise": 1])

        simulator.setSilent(true)
        #expect(await Self.wait { supervisor.health.condition == .quarantined })
        #expect(usb.paths.withLock { $0 } == [simulator.devicePath])
        #expect(supervisor.health.attempts == ["reopen-port": 2, "reinitialise": 2, "radio-reset": 1, "usb-reauthorise": 1])

        simulator.setSilent(false)
        supervisor.clearQuarantine()
        #expect(await Self.wait { supervisor.health.condition == .healthy })
        #expect(supervisor.modem.status.state == .ready)

        running.cancel()
        await running.value
        let published = await events.value
        #expect(published.map(\.condition).contains(.quarantined), "health changes are published as events")
        simulator.stop()
    }
}
