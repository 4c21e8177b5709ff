/// Tunables of the store; every value has a default that suits one gateway box.
public struct StoreSettings: Sendable, Equatable {
    /// How long a verification session stays open (the original: 2 minutes).
    public var sessionLifetime: Duration = .seconds(120)
    /// Sessions per mobile number per hour, whatever the passkey.
    public var sessionsPerMobilePerHour: Int = 10
    /// Sessions per client IP per minute.
    public var sessionsPerIPPerMinute: Int = 120
    /// Sessions and calls older than this are purged.
    public var retentionDays: Int = 90
    /// Writes committed together at most (group commit).
    public var maxBatch: Int = 256
    /// This gateway node's id: it marks the numbers its modems hold and the SMS jobs only it can send.
    public var nodeID: String = "local"
    /// How long a number marked online by this node stays allocatable without a renewal (the node's
    /// heartbeat renews it every third of that): a dead node's numbers leave allocation after it.
    public var numberLease: Duration = .seconds(15)

    public init() {}
}
