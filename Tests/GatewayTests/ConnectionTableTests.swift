import Testing

@testable import Gateway

@Suite("Connection table")
struct ConnectionTableTests {
    @Test("under the cap every connection is admitted")
    func underCap() {
        var table = ConnectionTable(capacity: 3)
        #expect((0..<3).map { table.open($0, now: UInt64($0)) } == [.admitted, .admitted, .admitted])
        #expect(table.count == 3)
    }

    /// (busy connections among the 3 open, the one expected to make room)
    static let cases: [(Set<Int>, ConnectionTable.Admission)] = [
        ([], .admittedEvicting(0)), ([0], .admittedEvicting(1)), ([0, 1], .admittedEvicting(2)), ([0, 1, 2], .refused),
    ]

    @Test("at the cap the longest-idle connection makes room; when all are busy the newcomer is refused", arguments: cases)
    func atCap(_ busy: Set<Int>, _ expected: ConnectionTable.Admission) {
        var table = ConnectionTable(capacity: 3)
        for id in 0..<3 { _ = table.open(id, now: UInt64(id)) }
        for id in busy { table.requestStarted(id) }
        #expect(table.open(9, now: 100) == expected)
        #expect(table.count == 3)
    }

    @Test("a connection that finished a request is idle since then, so older idle ones go first")
    func idleSinceLastResponse() {
        var table = ConnectionTable(capacity: 2)
        _ = table.open(0, now: 1)
        _ = table.open(1, now: 2)
        table.requestStarted(0)
        table.requestFinished(0, now: 10)
        #expect(table.open(2, now: 11) == .admittedEvicting(1))
        table.closed(0)
        #expect(table.open(3, now: 12) == .admitted)
    }

    @Test("the caps follow the descriptor limit: connections at most limit − reserve, waiters three quarters of them")
    func clampedToDescriptors() {
        let limits = HTTPLimits().clamped(toDescriptors: 1024, modems: 2, deliveries: 128)
        #expect(limits.maxConnections == 1024 - HTTPLimits.reserve(modems: 2, deliveries: 128))
        #expect(limits.maxWaiters == limits.maxConnections * 3 / 4 && limits.maxWaitersPerPasskey == limits.maxWaiters)
        #expect(HTTPLimits().clamped(toDescriptors: 1 << 20, modems: 2, deliveries: 128) == HTTPLimits())
        #expect(HTTPLimits().clamped(toDescriptors: 100, modems: 2, deliveries: 128).maxConnections == 16)
    }
}
