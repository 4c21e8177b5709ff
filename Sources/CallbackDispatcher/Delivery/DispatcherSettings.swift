import Foundation

/// How the dispatcher works; every value has a default.
public struct DispatcherSettings: Sendable {
    /// Names this process's claims in the outbox (several boxes may share one database).
    public var workerID: String
    /// Deliveries in flight at once, all hosts together.
    public var maxConcurrent: Int
    /// Deliveries in flight at once to one destination (a webhook host and port, the SMTP relay,
    /// one modem's SMS line): a quarter of `maxConcurrent` by default, so one that hangs leaves
    /// three quarters to the others. Its other jobs wait in the outbox, not in a slot.
    public var maxPerHost: Int
    /// Failed attempts in a row that open a destination's circuit: its jobs then wait, unattempted,
    /// for `circuitCoolDown` (doubling after each failed probe, up to `circuitMaximumCoolDown`).
    public var circuitFailures: Int
    public var circuitCoolDown: Duration
    public var circuitMaximumCoolDown: Duration
    /// How long a job over its destination's share waits in the outbox before it is claimed again.
    public var busyDeferral: Duration
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
        maxConcurrent: Int = 128,
        maxPerHost: Int = 32,
        lease: Duration = .seconds(120),
        pollInterval: Duration = .milliseconds(500),
        schedule: RetrySchedule = RetrySchedule(),
        timeZone: TimeZone = TimeZone(identifier: "Asia/Kolkata") ?? .current,
        flushBatch: Int = 256,
        flushInterval: Duration = .milliseconds(2),
        circuitFailures: Int = 5,
        circuitCoolDown: Duration = .seconds(5),
        circuitMaximumCoolDown: Duration = .seconds(300),
        busyDeferral: Duration = .milliseconds(500)
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
        self.circuitFailures = circuitFailures
        self.circuitCoolDown = circuitCoolDown
        self.circuitMaximumCoolDown = circuitMaximumCoolDown
        self.busyDeferral = busyDeferral
    }

    var destinationGate: DestinationGate.Settings {
        DestinationGate.Settings(
            perDestination: maxPerHost,
            failuresToOpen: max(1, circuitFailures),
            coolDown: circuitCoolDown,
            maximumCoolDown: max(circuitCoolDown, circuitMaximumCoolDown),
            busyDeferral: busyDeferral
        )
    }
}
