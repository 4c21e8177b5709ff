import CallbackDispatcher
import Foundation
import GatewayAPI
import Logging
import ModemKit
import ModemSimulator
import NIOPosix
import SessionStore
import Synchronization

/// Runs every modem and joins them to the store: a rejected call becomes `recordCall` (match,
/// call record and outbox in one transaction) and wakes the dispatcher; a modem's state marks its
/// pool numbers online or offline. ModemKit has already hung up before any of this happens.
public final class ModemFleet: Sendable {
    struct Entry: Sendable {
        var modem: Modem
        var simulator: SimulatedModem?
        var number: PhoneNumber?
    }

    let store: any GatewayStore
    let dispatcher: CallbackDispatcher
    let logger: Logger
    let entries = Mutex<[Entry]>([])
    let registry = ModemRegistry()
    /// Modems to start: the ones known at start, then hot-plugged ones.
    let arrivals: AsyncStream<Modem>
    let arrive: AsyncStream<Modem>.Continuation
    let hotplug = Mutex<UdevHotplugMonitor?>(nil)
    let metrics: GatewayMetrics
    let events: VerificationEvents
    let signup = Mutex<SignupLine?>(nil)

    init(store: any GatewayStore, dispatcher: CallbackDispatcher, metrics: GatewayMetrics, events: VerificationEvents, logger: Logger) {
        (arrivals, arrive) = AsyncStream.makeStream(of: Modem.self)
        self.events = events
        self.store = store
        self.dispatcher = dispatcher
        self.metrics = metrics
        self.logger = logger
    }

    /// Starts `count` simulated modems, each with a verification number (`+91 44 6694 94NN`) in the
    /// pool, bound by IMEI.
    func addSimulated(count: Int, pollSeconds: Int) async throws {
        for index in 1...max(1, count) where count > 0 {
            let imei = String(format: "8600000000%05d", index)
            let simulator = try SimulatedModem(
                profile: SimulatedProfile(flavor: .huawei, imei: imei, iccid: String(format: "89911012000000%05d", index)),
                options: .init(ringInterval: .seconds(4)))
            let number = try PhoneNumberNormalizer.normalize(String(format: "+9144669494%02d", index), country: .IN)
            if try await store.dialingNumber(number) == nil {
                try await store.addDialingNumber(DialingNumber(number: number, country: .IN, purpose: .verification, modemIMEI: imei))
            }
            add(devicePath: simulator.devicePath, simulator: simulator, pollSeconds: pollSeconds, pin: nil)
        }
    }

    /// Adds a modem on `devicePath` (ignored if that path already has one); it starts at once if
    /// the fleet is running.
    func add(devicePath: String, simulator: SimulatedModem? = nil, pollSeconds: Int, pin: String?) {
        let modem = Modem(
            configuration: ModemConfiguration(devicePath: devicePath, pin: pin, pollInterval: .seconds(pollSeconds)),
            group: MultiThreadedEventLoopGroup.singleton, logger: logger)
        let added = entries.withLock { entries -> Bool in
            guard !entries.contains(where: { $0.modem.configuration.devicePath == devicePath && $0.modem.status.state != .disconnected })
            else { return false }
            entries.append(Entry(modem: modem, simulator: simulator, number: nil))
            return true
        }
        if added { arrive.yield(modem) }
    }

    /// Runs every modem, including those added later, until the task is cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            for await modem in arrivals {
                group.addTask { await self.consume(modem) }
                group.addTask { await self.keepRunning(modem) }
            }
        }
    }

    /// Dongles found by udev now, then as they are plugged in (the kernel's netlink events; udevd
    /// need not run). Without udev (a minimal container) only configured paths are used.
    func discover(pollSeconds: Int, pin: String?) {
        for port in UdevDiscovery.modemPorts(logger: logger) {
            logger.info("modem found by udev", metadata: ["path": "\(port.devicePath)", "usb": "\(port.vendorID):\(port.productID)"])
            add(devicePath: port.devicePath, pollSeconds: pollSeconds, pin: pin)
        }
        let monitor = UdevHotplugMonitor(logger: logger)
        do {
            try monitor.start()
        } catch {
            logger.warning("udev hotplug monitor unavailable; plugged-in dongles need a restart")
            return
        }
        hotplug.withLock { $0 = monitor }
        Task { [self] in
            for await event in monitor.events {
                guard case .added(let port) = event, ATPortSelector.isKnownModemVendor(port.vendorID) else { continue }
                // Ports of one dongle arrive one by one: take the vendor's AT interface when it shows up.
                let preferred = ATPortSelector.preferredInterfaces[port.vendorID]?.first
                guard port.interfaceNumber == preferred else { continue }
                try? await Task.sleep(for: .seconds(2))  // let usb_modeswitch and the driver settle
                logger.info("modem plugged in", metadata: ["path": "\(port.devicePath)"])
                add(devicePath: port.devicePath, pollSeconds: pollSeconds, pin: pin)
            }
        }
    }

    private func keepRunning(_ modem: Modem) async {
        while !Task.isCancelled {
            let state = await modem.run()
            if Task.isCancelled { break }
            if let imei = modem.status.identity.imei { _ = try? await store.setOnline(modemIMEI: imei, online: false) }
            let isSimulated = entries.withLock { $0.first { $0.modem === modem }?.simulator != nil }
            if isSimulated { break }  // an unplugged simulator does not come back
            logger.warning("modem stopped; reopening in 5 s", metadata: ["modem": "\(modem.configuration.devicePath)", "state": "\(state)"])
            try? await Task.sleep(for: .seconds(5))
        }
        modem.finish()
    }

    private func consume(_ modem: Modem) async {
        for await event in modem.events {
            switch event {
            case .identified(let identity):
                guard let imei = identity.imei else { continue }
                if case .returning(_, let previous, _) = registry.sighted(imei: imei, iccid: identity.iccid, devicePath: modem.configuration.devicePath) {
                    logger.info("modem is back", metadata: ["imei": "\(imei)", "was": "\(previous)", "now": "\(modem.configuration.devicePath)"])
                }
                let number = try? await store.dialingNumbers().first { $0.modemIMEI == imei }?.number
                entries.withLock { entries in
                    if let index = entries.firstIndex(where: { $0.modem === modem }) { entries[index].number = number }
                }
                if number == nil { logger.warning("modem has no number in the pool", metadata: ["imei": "\(imei)"]) }
            case .stateChanged(let state):
                guard let imei = modem.status.identity.imei else { continue }
                _ = try? await store.setOnline(modemIMEI: imei, online: state == .ready)
            case .incomingCall(let call):
                if let latency = call.hangUpLatency { metrics.hangUp(nanoseconds: latency) }
                await record(call, on: modem)
            default:
                break
            }
        }
    }

    private func record(_ call: IncomingCall, on modem: Modem) async {
        guard let number = entries.withLock({ $0.first { $0.modem === modem }?.number }) else {
            logger.warning("call on a modem without a pool number ignored", metadata: ["modem": "\(modem.configuration.devicePath)"])
            return
        }
        let type: Int? = if case .number(_, let type) = call.caller { type } else { nil }
        do {
            let outcome = try await store.recordCall(IncomingCallRecord(
                dialedNumber: number, callerAsPresented: call.caller.number, callerType: type, receivedAt: call.receivedAt,
                modemIMEI: modem.status.identity.imei))
            if !outcome.notifications.isEmpty { dispatcher.wake() }
            metrics.call(outcome.call.result)
            if outcome.call.result == .signup, let caller = outcome.call.caller, let line = signup.withLock({ $0 }) {
                try await line.handle(caller: caller, dialed: number)
            }
            if outcome.call.result == .verified, let sid = outcome.session?.sid { events.publish(sid: sid) }
            logger.info("missed call", metadata: ["caller": "\(call.caller.masked)", "result": "\(outcome.call.result.rawValue)"])
        } catch {
            logger.error("recording a call failed", metadata: ["error": "\(error)"])
        }
    }

    /// Makes the simulated modem that owns `to` ring from `from` (the demo and the tests).
    public func simulateCall(from: String?, to: PhoneNumber) throws {
        guard let simulator = entries.withLock({ $0.first { $0.number == to }?.simulator }) else {
            throw StoreError.notFound("simulated modem for \(to.e164)")
        }
        simulator.ring(from: from)
    }

    /// The modem with this IMEI (or device path).
    func modem(imei: String) throws -> Modem {
        guard let modem = entries.withLock({ $0.first { $0.modem.status.identity.imei == imei || $0.modem.configuration.devicePath == imei }?.modem }) else {
            throw StoreError.notFound("modem \(imei)")
        }
        return modem
    }

    /// Re-reads which pool number each modem serves (after the admin changed the pool).
    func rebind() async {
        guard let pool = try? await store.dialingNumbers() else { return }
        entries.withLock { entries in
            for index in entries.indices {
                let imei = entries[index].modem.status.identity.imei
                entries[index].number = pool.first { $0.modemIMEI != nil && $0.modemIMEI == imei }?.number
            }
        }
    }

    /// Sends an SMS from the modem whose pool number is `from`.
    func sendSMS(from: String, to destination: String, text: String) async throws {
        guard let modem = entries.withLock({ $0.first { $0.number?.e164 == from }?.modem }) else {
            throw StoreError.notFound("a ready modem for \(from)")
        }
        _ = try await modem.sendSMS(to: destination, text: text)
    }

    /// The simulated modems, in order (tests and the demo).
    public var simulators: [SimulatedModem] { entries.withLock { $0.compactMap(\.simulator) } }

    var statuses: [ModemStatus] { entries.withLock { $0.map(\.modem.status) } }

    /// True when every event loop that runs the modems' ports (and so the hang-up path) runs a
    /// task within `limit`. A single dead modem does not make the fleet unresponsive; a stuck loop does.
    func isResponsive(within limit: Duration = .seconds(2)) async -> Bool {
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for loop in loops { _ = try? await loop.submit {}.get() }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }

    func stop() {
        for entry in entries.withLock({ $0 }) { entry.simulator?.unplug() }
        hotplug.withLock { $0?.stop() }
        arrive.finish()
    }
}
