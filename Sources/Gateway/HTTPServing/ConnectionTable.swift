/// Which HTTP connections the public server keeps, decided without I/O. At most `capacity` are
/// open; when a new one arrives at the cap, the connection idle the longest (no request in
/// progress: never sent one, or between keep-alive requests, or still dribbling a request head)
/// is closed to make room, as nginx reuses its keep-alive connections. Only when every open
/// connection is busy with a request is the newcomer refused (503 + Retry-After). So 1,100 idle
/// or slow-header sockets cannot lock out `/health/live`, and the cap keeps the descriptors the
/// modems, the database and the admin socket need.
struct ConnectionTable {
    enum Admission: Equatable {
        case admitted
        /// Admitted once the connection with this id is closed.
        case admittedEvicting(Int)
        case refused
    }

    let capacity: Int
    /// Open connections with no request in progress, and since when (monotonic nanoseconds).
    private(set) var idle: [Int: UInt64] = [:]
    private(set) var busy: Set<Int> = []

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    var count: Int { idle.count + busy.count }

    mutating func open(_ id: Int, now: UInt64) -> Admission {
        if count < capacity {
            idle[id] = now
            return .admitted
        }
        guard let oldest = idle.min(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) })?.key else {
            return .refused
        }
        idle[oldest] = nil
        idle[id] = now
        return .admittedEvicting(oldest)
    }

    mutating func requestStarted(_ id: Int) {
        guard idle.removeValue(forKey: id) != nil else { return }
        busy.insert(id)
    }

    mutating func requestFinished(_ id: Int, now: UInt64) {
        guard busy.remove(id) != nil else { return }
        idle[id] = now
    }

    mutating func closed(_ id: Int) {
        idle[id] = nil
        busy.remove(id)
    }
}
