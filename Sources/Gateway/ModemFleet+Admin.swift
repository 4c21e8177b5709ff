import ModemKit
import SessionStore

/// What the admin API and the CLI ask of the fleet.
extension ModemFleet {
    /// The device path of the modem that serves `number` (the simulator's seam).
    func devicePath(serving number: PhoneNumber) -> String? {
        entries.withLock { $0.first { $0.number == number && !$0.supervisor.isRetired }?.modem.configuration.devicePath }
    }

    /// The modem with this IMEI (or device path).
    func modem(imei: String) throws -> Modem {
        try supervisor(imei: imei).modem
    }

    func supervisor(imei: String) throws -> ModemSupervisor {
        try entry(imei: imei).supervisor
    }

    /// The entry of the modem with this IMEI (or device path).
    private func entry(imei: String) throws -> Entry {
        guard let entry = entries.withLock({ $0.first { $0.modem.status.identity.imei == imei || $0.modem.configuration.devicePath == imei } }) else {
            throw FleetError.noSuchModem(imei)
        }
        return entry
    }

    /// `missedcallctl modems clear`: the quarantined modem is tried again from the first rung.
    public func clearQuarantine(imei: String) throws {
        let supervisor = try supervisor(imei: imei)
        guard supervisor.health.condition == .quarantined else { throw FleetError.notQuarantined(imei) }
        supervisor.clearQuarantine()
    }

    /// `missedcallctl modems forget`: drops a modem that is gone (waiting for its device) or
    /// quarantined from the list; a modem in service is refused. If the dongle is plugged in again
    /// it is found as usual, with a fresh history.
    public func forget(imei: String) throws {
        let supervisor = try supervisor(imei: imei)
        let condition = supervisor.health.condition
        guard condition == .waitingForDevice || condition == .quarantined else {
            throw FleetError.inService(imei, condition: condition.rawValue)
        }
        supervisor.retire()
        entries.withLock { $0.removeAll { $0.supervisor === supervisor } }
    }

    /// Re-reads which pool number each modem serves (after the admin changed the pool).
    public func rebind() async {
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
            throw FleetError.noReadyModem(for: from)
        }
        _ = try await modem.sendSMS(to: destination, text: text)
    }

    /// Everything known about each modem: state, health, self-tests, pool number.
    public var reports: [ModemReport] {
        let tests = selfTests.withLock { $0 }
        return entries.withLock { $0 }.map { report($0, tests: tests) }
    }

    public func report(imei: String) throws -> ModemReport {
        report(try entry(imei: imei), tests: selfTests.withLock { $0 })
    }

    private func report(_ entry: Entry, tests: [String: SelfTestRecord]) -> ModemReport {
        let status = entry.modem.status
        return ModemReport(
            status: status,
            health: entry.supervisor.health,
            selfTest: status.identity.imei.flatMap { tests[$0] },
            number: entry.number?.e164,
            modemID: status.identity.imei.flatMap(registry.id(imei:))
        )
    }
}
