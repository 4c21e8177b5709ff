/// The self-test calls waiting for their ring, one per receiving modem, each with an id of its
/// own. A timer or a dial failure resolves only the test it was started for: keyed by the modem
/// alone, a stale timer from one test could end the next test on the same modem.
struct SelfTestSlots<Waiter> {
    private var pending: [ObjectIdentifier: (test: UInt64, waiter: Waiter)] = [:]
    private var nextTest: UInt64 = 1

    /// Starts a test on `modem`; the id its timer and dialer resolve it by.
    mutating func begin(on modem: ObjectIdentifier, _ waiter: Waiter) -> UInt64 {
        defer { nextTest += 1 }
        pending[modem] = (nextTest, waiter)
        return nextTest
    }

    /// The waiting test on `modem`, whichever it is (a ring arrived).
    func current(on modem: ObjectIdentifier) -> (test: UInt64, waiter: Waiter)? {
        pending[modem]
    }

    /// Ends test `test` on `modem` and hands back its waiter; nil when that test already ended
    /// (another test may be waiting there now, and stays so).
    mutating func resolve(on modem: ObjectIdentifier, test: UInt64) -> Waiter? {
        guard let entry = pending[modem], entry.test == test else { return nil }
        pending[modem] = nil
        return entry.waiter
    }
}
