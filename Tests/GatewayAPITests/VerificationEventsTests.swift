import GatewayAPI
import Synchronization
import Testing

@Suite("Verification events", .timeLimit(.minutes(1)))
struct VerificationEventsTests {
    @Test("a wait whose timeout wins before its continuation is registered still returns (2,000 times, timeout zero)")
    func timeoutRacingRegistration() async {
        let events = VerificationEvents()
        for _ in 0..<2000 { await events.wait(sid: "RA$race", timeout: .zero) }
        #expect(events.waiting == 0, "slots left behind")
    }

    @Test("a publish racing the timeout is answered either way, and leaves nothing behind")
    func publishRacingTimeout() async {
        let events = VerificationEvents()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<500 {
                group.addTask { await events.wait(sid: "RA$both", timeout: .microseconds(50)) }
                group.addTask { events.publish(sid: "RA$both") }
            }
        }
        #expect(events.waiting == 0)
    }

    @Test("one waiter's timeout does not wake another waiter of the same session; a publish wakes it")
    func timeoutWakesOnlyItself() async throws {
        let events = VerificationEvents()
        let woke = Atomic<Bool>(false)
        let long = Task {
            await events.wait(sid: "RA$shared", timeout: .seconds(30))
            woke.store(true, ordering: .relaxed)
        }
        while events.waiting < 1 { try await Task.sleep(for: .milliseconds(1)) }
        await events.wait(sid: "RA$shared", timeout: .milliseconds(20))
        try await Task.sleep(for: .milliseconds(100))
        let wokenByTimeout = woke.load(ordering: .relaxed)
        #expect(!wokenByTimeout, "the other waiter's timeout woke it")
        events.publish(sid: "RA$shared")
        await long.value
        let wokenByPublish = woke.load(ordering: .relaxed)
        #expect(wokenByPublish)
        #expect(events.waiting == 0)
    }
}
