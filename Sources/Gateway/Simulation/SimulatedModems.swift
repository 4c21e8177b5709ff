import Foundation
import ModemSimulator
import SessionStore
import Synchronization

/// Simulated modems for the demo and the tests: each a Huawei-flavoured GSM modem on a pseudo-
/// terminal, reachable on a simulated network under its number. They reach the fleet through the
/// same seam as a real dongle — a device path handed to `ModemFleet.add` — so the production fleet
/// holds nothing of the simulator.
public final class SimulatedModems: Sendable {
    /// The network simulated modems call each other over (self-test calls in the demo and tests).
    public let network = SimulatedNetwork()
    /// By the device path the fleet opens, in the order they were added.
    private let simulators = Mutex<[(path: String, modem: SimulatedModem)]>([])
    private let fleet: ModemFleet

    init(fleet: ModemFleet) {
        self.fleet = fleet
    }

    /// The IMEI of the `index`th simulated modem (from 1).
    public static func imei(_ index: Int) -> String {
        String(format: "8600000000%05d", index)
    }

    /// Starts `count` modems, each with a verification number (`+91 44 6694 94NN`) in the pool,
    /// bound by IMEI, and reachable on the network under that number.
    func start(count: Int, first: Int = 1, store: any GatewayStore, pollSeconds: Int) async throws {
        for index in first..<(first + count) {
            let imei = Self.imei(index)
            let number = try PhoneNumberNormalizer.normalize(String(format: "+9144669494%02d", index), country: .IN)
            if try await store.dialingNumber(number) == nil {
                try await store.addDialingNumber(DialingNumber(number: number, country: .IN, purpose: .verification, modemIMEI: imei))
            }
            try add(imei: imei, iccid: String(format: "89911012000000%05d", index), networkNumber: number.e164, pollSeconds: pollSeconds)
        }
    }

    /// Starts one modem (tests: a second one with the same IMEI is the same modem plugged in again)
    /// and returns it. `link` names a symlink to create to the pty and open instead, as udev's
    /// `/dev/missedcall/by-port/...` names are opened.
    @discardableResult
    public func add(imei: String, iccid: String, networkNumber: String?, pollSeconds: Int = 30, link: String? = nil) throws -> SimulatedModem {
        let simulator = try SimulatedModem(
            profile: SimulatedProfile(flavor: .huawei, imei: imei, iccid: iccid),
            options: .init(ringInterval: .seconds(4))
        )
        if let networkNumber { network.attach(simulator, number: networkNumber) }
        if let link { try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: simulator.devicePath) }
        let path = link ?? simulator.devicePath
        simulators.withLock { $0.append((path, simulator)) }
        fleet.add(devicePath: path, pollSeconds: pollSeconds, pin: nil)
        return simulator
    }

    /// Makes the simulated modem that serves `to` ring from `from` (nil: a withheld caller).
    public func ring(from: String?, to number: PhoneNumber) throws {
        guard let path = fleet.devicePath(serving: number), let simulator = simulators.withLock({ $0.last { $0.path == path }?.modem }) else {
            throw FleetError.noSimulatedModem(for: number.e164)
        }
        simulator.ring(from: from)
    }

    /// Unplugs every simulated modem (the daemon stops).
    func stop() {
        for simulator in all { simulator.unplug() }
    }

    /// Every simulated modem, in the order they were added (tests and the demo).
    public var all: [SimulatedModem] { simulators.withLock { $0.map(\.modem) } }
}
