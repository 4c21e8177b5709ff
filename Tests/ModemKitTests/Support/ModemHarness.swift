import Logging
import ModemKit
import ModemSimulator
import NIOPosix
import Synchronization
import Testing

/// Records a modem's events as they come, for assertions that wait.
final class EventRecorder: Sendable {
    private let recorded = Mutex<[ModemEvent]>([])

    init(_ modem: Modem) {
        Task { [self] in
            for await event in modem.events { self.recorded.withLock { $0.append(event) } }
        }
    }

    var events: [ModemEvent] { recorded.withLock { $0 } }

    var calls: [IncomingCall] {
        events.compactMap { if case .incomingCall(let call) = $0 { return call } else { return nil } }
    }

    var states: [ModemState] {
        events.compactMap { if case .stateChanged(let state) = $0 { return state } else { return nil } }
    }

    func count(_ predicate: (ModemEvent) -> Bool) -> Int { events.filter(predicate).count }

    @discardableResult
    func wait(timeout: Duration = .seconds(5), until condition: @Sendable (EventRecorder) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(5))
        }
        return condition(self)
    }

    func waitForState(_ state: ModemState, timeout: Duration = .seconds(5)) async -> Bool {
        await wait(timeout: timeout) { $0.states.contains(state) }
    }
}

/// A `Modem` driving a `SimulatedModem` over a real pseudo-terminal.
struct ModemHarness: Sendable {
    let simulator: SimulatedModem
    let modem: Modem
    let recorder: EventRecorder
    let running: Task<ModemState, Never>

    static func testLogger() -> Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        return logger
    }

    static func start(
        profile: SimulatedProfile = SimulatedProfile(),
        options: SimulatedModem.Options = .init(),
        configure: (inout ModemConfiguration) -> Void = { _ in },
        simulator existing: SimulatedModem? = nil,
        waitFor state: ModemState? = .ready
    ) async throws -> ModemHarness {
        let simulator = try existing ?? SimulatedModem(profile: profile, options: options)
        var configuration = ModemConfiguration(devicePath: simulator.devicePath, commandTimeout: .seconds(2))
        configure(&configuration)
        let modem = Modem(configuration: configuration, group: MultiThreadedEventLoopGroup.singleton, logger: testLogger())
        let recorder = EventRecorder(modem)
        let running = Task { await modem.run() }
        let harness = ModemHarness(simulator: simulator, modem: modem, recorder: recorder, running: running)
        if let state {
            let reached = await recorder.waitForState(state, timeout: .seconds(10))
            try #require(reached, "modem did not reach \(state); states: \(recorder.states)")
        }
        return harness
    }

    /// Unplugs the simulated modem and waits for the modem to notice.
    @discardableResult
    func unplug() async -> ModemState {
        simulator.unplug()
        return await running.value
    }

    /// The commands the simulator received, in order, as text.
    var commands: [String] { simulator.receivedCommands.map(\.text) }
}
