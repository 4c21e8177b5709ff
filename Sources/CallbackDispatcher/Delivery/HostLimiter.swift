/// At most `limit` deliveries at once to one destination host, so one slow receiver cannot take
/// every worker. Waiters are served in arrival order.
actor HostLimiter {
    private let limit: Int
    private var active: [String: Int] = [:]
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire(_ host: String) async {
        if active[host, default: 0] < limit {
            active[host, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiters[host, default: []].append($0) }
    }

    func release(_ host: String) {
        if var queue = waiters[host], !queue.isEmpty {
            let next = queue.removeFirst()
            waiters[host] = queue.isEmpty ? nil : queue
            next.resume()  // the slot passes straight to the next waiter
        } else {
            active[host, default: 1] -= 1
            if active[host] == 0 { active[host] = nil }
        }
    }
}
