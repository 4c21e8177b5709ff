import CallbackDispatcher
import Foundation
import GatewayAPI
import Logging
import ModemKit
import NIOPosix
import SessionStore
import Synchronization

/// Runs every modem (supervisors, IMEI adoption, self-tests, hotplug) and keeps the pool in step:
/// a modem's state and health mark its numbers online or offline, and a rejected call goes to the
/// `MissedCallIntake` with the number the modem serves. ModemKit has already hung up before any of
/// this happens.
public final class ModemFleet: Sendable {
    struct Entry: Sendable {
        var supervisor: ModemSupervisor
        var number: PhoneNumber?
        /// The IMEI last identified on this port.
        var imei: String?
        var modem: Modem { supervisor.modem }
    }

    let store: any GatewayStore
    let dispatcher: CallbackDispatcher
    let logger: Logger
    let registry = ModemRegistry()
    /// Modems to start: the ones known at start, then hot-plugged ones.
    let arrivals: AsyncStream<ModemSupervisor>
    let arrive: AsyncStream<ModemSupervisor>.Continuation
    /// Receivers to self-test again at once (back after missing their self-tests), consumed one
    /// at a time by the `SelfTestScheduler`.
    let retests: AsyncStream<String>
    let retest: AsyncStream<String>.Continuation
    let metrics: GatewayMetrics
    let events: VerificationEvents
    public let health: ModemHealthSettings
    let usb: any USBDeviceAuthorizer
    /// Everything about the fleet that changes, in one value under one lock.
    let state = Mutex(FleetState())

    struct FleetState {
        var entries: [Entry] = []
        /// The udev hotplug monitor and how to add the modems it finds, consumed by `HotplugService`.
        var hotplug: (monitor: UdevHotplugMonitor, pollSeconds: Int, pin: String?)?
        /// Where rejected calls go (`MissedCallIntake`); set once the signup line exists.
        var intake: MissedCallIntake?
        /// Self-test results by IMEI; they outlive a modem's port.
        var selfTests: [String: SelfTestRecord] = [:]
        /// Self-test calls waiting for their ring, by the receiving modem.
        var pendingSelfTests = SelfTestSlots<PendingSelfTest>()
        var selfTestBusy = false
        /// When each modem last received a self-test call.
        var lastSelfTestCall: [String: ContinuousClock.Instant] = [:]
        /// When the supervision loop last went round; the systemd watchdog stops if it stalls.
        var heartbeat: ContinuousClock.Instant = .now
    }

    /// One part of `state`, locked as a whole: `entries.withLock { … }` reads as before but takes
    /// the fleet's one lock.
    struct Part<Value>: Sendable {
        let fleet: ModemFleet
        let path: WritableKeyPath<FleetState, Value> & Sendable

        func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows -> Result {
            try fleet.state.withLock { try body(&$0[keyPath: path]) }
        }
    }

    var entries: Part<[Entry]> { Part(fleet: self, path: \.entries) }
    var hotplug: Part<(monitor: UdevHotplugMonitor, pollSeconds: Int, pin: String?)?> { Part(fleet: self, path: \.hotplug) }
    var intake: Part<MissedCallIntake?> { Part(fleet: self, path: \.intake) }
    var selfTests: Part<[String: SelfTestRecord]> { Part(fleet: self, path: \.selfTests) }
    var pendingSelfTests: Part<SelfTestSlots<PendingSelfTest>> { Part(fleet: self, path: \.pendingSelfTests) }
    var selfTestBusy: Part<Bool> { Part(fleet: self, path: \.selfTestBusy) }
    var lastSelfTestCall: Part<[String: ContinuousClock.Instant]> { Part(fleet: self, path: \.lastSelfTestCall) }
    var heartbeat: Part<ContinuousClock.Instant> { Part(fleet: self, path: \.heartbeat) }

    init(
        store: any GatewayStore,
        dispatcher: CallbackDispatcher,
        metrics: GatewayMetrics,
        events: VerificationEvents,
        health: ModemHealthSettings = ModemHealthSettings(),
        usb: (any USBDeviceAuthorizer)? = nil,
        logger: Logger
    ) {
        (arrivals, arrive) = AsyncStream.makeStream(of: ModemSupervisor.self)
        (retests, retest) = AsyncStream.makeStream(of: String.self)
        self.events = events
        self.store = store
        self.dispatcher = dispatcher
        self.metrics = metrics
        self.health = health
        // With `recovery.usbReset` off the USB rung is skipped, whatever authorizer is given.
        self.usb = health.usbReset ? usb ?? SysfsUSBAuthorizer(sysfsRoot: health.sysfsRoot, offTime: health.recovery.usbOffTime) : NoUSBAuthorizer()
        self.logger = logger
    }

    /// Supervises a modem on `devicePath`; it starts at once if the fleet is running. A path that
    /// already has a supervisor keeps it: that supervisor reopens the path itself when the device
    /// comes back there.
    func add(devicePath: String, pollSeconds: Int, pin: String?) {
        let configuration = health.modemConfiguration(devicePath: devicePath, pollSeconds: pollSeconds, pin: pin)
        let supervisor = ModemSupervisor(
            modem: Modem(configuration: configuration, group: MultiThreadedEventLoopGroup.singleton, logger: logger),
            policy: health.recovery,
            usb: usb,
            logger: logger
        )
        let added = entries.withLock { entries -> Bool in
            if entries.contains(where: { $0.modem.configuration.devicePath == devicePath && !$0.supervisor.isRetired }) { return false }
            entries.append(Entry(supervisor: supervisor, number: nil))
            return true
        }
        if added { arrive.yield(supervisor) }
    }

    /// Runs every modem, including those added later, and the supervision loop (heartbeat and
    /// self-test schedule), until the task is cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.superviseFleet() }
            for await supervisor in arrivals {
                group.addTask { await self.consume(supervisor) }
                group.addTask { await supervisor.run() }
            }
            group.cancelAll()
        }
    }

    private func consume(_ supervisor: ModemSupervisor) async {
        let modem = supervisor.modem
        for await event in modem.events {
            switch event {
            case .identified(let identity):
                guard let imei = identity.imei else { continue }
                let previous = entries.withLock { entries -> String? in
                    guard let index = entries.firstIndex(where: { $0.supervisor === supervisor }) else { return nil }
                    defer { entries[index].imei = imei }
                    return entries[index].imei
                }
                if let previous, previous != imei {
                    logger.notice("another modem on this port", metadata: [LogKey.was: "\(previous)", LogKey.now: "\(imei)"])
                    supervisor.forgetHistory()
                }
                adopt(supervisor, imei: imei, iccid: identity.iccid)
                let number = try? await store.dialingNumbers().first { $0.modemIMEI == imei }?.number
                entries.withLock { entries in
                    if let index = entries.firstIndex(where: { $0.supervisor === supervisor }) { entries[index].number = number }
                }
                if number == nil { logger.warning("modem has no number in the pool", metadata: [LogKey.imei: "\(imei)"]) }
            case .stateChanged:
                await updateOnline(supervisor)
            case .health:
                await updateOnline(supervisor)
                retestIfNeeded(supervisor)
            case .incomingCall(let call):
                if let latency = call.hangUpLatency { metrics.hangUp(nanoseconds: latency) }
                if selfTestCallArrived(call, on: modem) { continue }
                await record(call, on: modem)
            case .callAnsweredByNetwork:
                logger.warning(
                    "a call was answered by the network: switch off voicemail and call forwarding on this SIM",
                    metadata: [LogKey.imei: "\(modem.status.identity.imei ?? modem.configuration.devicePath)"]
                )
            default:
                break
            }
        }
    }

    /// The same modem (IMEI) seen on another port: the old supervisor hands over its history and
    /// stops; the pool numbers follow the IMEI.
    private func adopt(_ supervisor: ModemSupervisor, imei: String, iccid: String?) {
        let path = supervisor.modem.configuration.devicePath
        guard case .returning(_, let previous, let simChanged) = registry.sighted(imei: imei, iccid: iccid, devicePath: path) else { return }
        logger.info("modem is back", metadata: [LogKey.imei: "\(imei)", LogKey.was: "\(previous)", LogKey.now: "\(path)"])
        if simChanged { logger.warning("modem has another SIM than before", metadata: [LogKey.imei: "\(imei)"]) }
        let others = entries.withLock { entries -> [ModemSupervisor] in
            let others = entries.filter { $0.supervisor !== supervisor && $0.modem.status.identity.imei == imei }.map(\.supervisor)
            entries.removeAll { entry in others.contains { $0 === entry.supervisor } }
            return others
        }
        for old in others {
            supervisor.carryOver(from: old)
            old.retire()
        }
    }

    /// A number is offered only while its modem is ready, healthy (not recovering or quarantined)
    /// and has not missed its self-test calls.
    func updateOnline(_ supervisor: ModemSupervisor) async {
        guard let imei = supervisor.modem.status.identity.imei, !supervisor.isRetired else { return }
        let online = supervisor.modem.status.state == .ready && supervisor.health.condition == .healthy && !isFailingSelfTests(imei)
        _ = try? await store.setOnline(modemIMEI: imei, online: online)
    }

    private func record(_ call: IncomingCall, on modem: Modem) async {
        guard let number = entries.withLock({ $0.first { $0.modem === modem }?.number }) else {
            logger.warning("call on a modem without a pool number ignored", metadata: [LogKey.modem: "\(modem.configuration.devicePath)"])
            return
        }
        await intake.withLock({ $0 })?.take(call, dialed: number, modemIMEI: modem.status.identity.imei)
    }

    func stop() {
        hotplug.withLock { $0?.monitor.stop() }
        retest.finish()
        arrive.finish()
    }
}
