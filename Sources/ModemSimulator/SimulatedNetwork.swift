import Synchronization

/// The GSM network between simulated modems: a modem that dials (`ATD<number>;`) another
/// attached modem's number makes it ring with the dialer's number as caller ID, and either side
/// hanging up ends the call on the other. Self-test calls run over it in tests and in the demo.
public final class SimulatedNetwork: Sendable {
    private let subscribers = Mutex<[String: SimulatedModem]>([:])

    public init() {}

    /// Gives `modem` the number `msisdn` on this network (what callees see as its caller ID).
    public func attach(_ modem: SimulatedModem, number msisdn: String) {
        subscribers.withLock { $0[msisdn] = modem }
        modem.joined(self, as: msisdn)
    }

    public func detach(number msisdn: String) {
        _ = subscribers.withLock { $0.removeValue(forKey: msisdn) }
    }

    /// Rings the modem that has `number`; `false` when nobody has it (the dialer hears NO CARRIER).
    func call(from caller: SimulatedModem, callerNumber: String, to number: String) -> Bool {
        guard let callee = subscribers.withLock({ $0[number] }), callee !== caller else { return false }
        caller.setPeer(callee)
        callee.setPeer(caller)
        callee.ring(from: callerNumber)
        return true
    }
}
