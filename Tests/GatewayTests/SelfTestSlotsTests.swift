import Testing

@testable import Gateway

@Suite("Self-test slots")
struct SelfTestSlotsTests {
    final class Modem {}

    @Test("a stale timer cannot end the next self-test on the same modem")
    func staleTimerCannotEndNextTest() {
        let modem = ObjectIdentifier(Modem.self)
        var slots = SelfTestSlots<String>()
        let first = slots.begin(on: modem, "first")
        #expect(slots.resolve(on: modem, test: first) == "first")  // its ring arrived
        let second = slots.begin(on: modem, "second")
        #expect(slots.resolve(on: modem, test: first) == nil, "the first test's timer fired late")
        #expect(slots.current(on: modem)?.waiter == "second")
        #expect(slots.resolve(on: modem, test: second) == "second")
        #expect(slots.current(on: modem) == nil)
    }

    @Test("tests on different modems are independent")
    func perModem() {
        let a = ObjectIdentifier(Modem.self)
        let b = ObjectIdentifier(Int.self)
        var slots = SelfTestSlots<String>()
        let onA = slots.begin(on: a, "a")
        let onB = slots.begin(on: b, "b")
        #expect(onA != onB)
        #expect(slots.resolve(on: b, test: onA) == nil)
        #expect(slots.resolve(on: a, test: onA) == "a" && slots.resolve(on: b, test: onB) == "b")
    }
}
