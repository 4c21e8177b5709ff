import Foundation

/// How the dispatcher works; every value has a default.
public struct DispatcherSettings: Sendable {
    /// Names this process's claims in the outbox (several boxes may share one database).
    public var workerID: String
    /// Deliveries in flight at once, all hosts together.
    public var maxConcurrent: Int
    /// Deliveries in flight at once to one host.
    public var maxPerHost: Int
    /// A claimed job returns to the pool if its worker has not finished it by then (crash).
    public var lease: Duration
    /// How often to look for due jobs when nothing wakes the dispatcher.
    public var pollInterval: Duration
    public var schedule: RetrySchedule
    /// Time zone of callback and e-mail times (the original used IST).
    public var timeZone: TimeZone
    /// Attempt results are written in batches of up to this many, or after `flushInterval`.
    public var flushBatch: Int
    public var flushInterval: Duration

    public init(
        workerID: String = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)",
        maxConcurrent: Int = 128, maxPerHost: Int = 32, lease: Duration = .seconds(120), pollInterval: Duration = .milliseconds(500),
        schedule: RetrySchedule = RetrySchedule(), timeZone: TimeZone = TimeZone(identifier: "Asia/Kolkata") ?? .current,
        flushBatch: Int = 256, flushInterval: Duration = .milliseconds(2)
    ) {
        self.workerID = workerID
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
        self.lease = lease
        self.pollInterval = pollInterval
        self.schedule = schedule
        self.timeZone = timeZone
        self.flushBatch = flushBatch
        self.flushInterval = flushInterval
    }
}
